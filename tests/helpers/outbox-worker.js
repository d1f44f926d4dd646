'use strict';

/**
 * Another app instance for the outbox tests: boots the compiled app on the database (and SMTP
 * server) named by the inherited environment, says "ready", waits for "go", runs the outbox sender
 * at the given instant, reports its summary, and shuts down. A test may SIGKILL it mid-batch.
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
      const summary = await minyiService(strapi, 'outbox-sender').run({
        now: new Date(message.now),
      });
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
