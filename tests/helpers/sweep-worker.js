'use strict';

/**
 * A second (and third) app instance for the concurrency test: boots the compiled app on the
 * database named by the inherited DATABASE_* variables, says "ready", waits for "go", runs the
 * escalation sweep at the given instant, reports its summary, and shuts down.
 */
const path = require('path');
const { createStrapi } = require('@strapi/strapi');
const { minyiService } = require('../../scripts/lib/minyi');

const root = path.resolve(__dirname, '..', '..');

async function main() {
  const strapi = await createStrapi({ appDir: root, distDir: path.join(root, 'dist') }).load();
  process.send({ type: 'ready' });
  process.on('message', async (message) => {
    if (message.type !== 'go') return;
    try {
      const summary = await minyiService(strapi, 'escalation-sweep').run(new Date(message.now));
      process.send({ type: 'done', summary });
    } catch (error) {
      process.send({ type: 'failed', error: String(error && error.stack ? error.stack : error) });
    } finally {
      await strapi.destroy();
      process.exit(0);
    }
  });
}

main().catch((error) => {
  process.send({ type: 'failed', error: String(error && error.stack ? error.stack : error) });
  process.exit(1);
});
