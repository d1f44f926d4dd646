'use strict';

/**
 * A second app instance for the dashboard cache test: boots the compiled app on the database named
 * by the inherited DATABASE_* variables, computes the county's dashboard for the period it is
 * sent (so the answer is kept), says "ready"; on "go" waits (polling nothing itself) until its
 * settings service has applied the minimum sample another instance stored, then asks the
 * dashboard again and reports the minimum sample and ranks that answer used.
 */
const path = require('path');
const { createStrapi } = require('@strapi/strapi');
const { minyiConfig, minyiService } = require('../../scripts/lib/minyi');

const root = path.resolve(__dirname, '..', '..');
const WAIT_MS = 20000;

/** The period arrives as JSON: its bounds back to dates. */
function periodOf(json) {
  const bounds = (b) => ({ start: new Date(b.start), end: new Date(b.end) });
  return { ...json, bounds: bounds(json.bounds), previous: bounds(json.previous) };
}

const ranks = (data) => Object.fromEntries(data.townships.map((t) => [t.code, t.rank]));

async function main() {
  const strapi = await createStrapi({ appDir: root, distDir: path.join(root, 'dist') }).load();
  const period = periodOf(JSON.parse(process.env.DASHBOARD_PERIOD));
  const want = Number(process.env.WANT_MIN_SAMPLE);
  const dashboard = minyiService(strapi, 'dashboard');
  const before = await dashboard.data(period, { kind: 'county' });
  process.send({ type: 'ready' });
  process.on('message', async (message) => {
    if (message.type !== 'go') return;
    try {
      const started = Date.now();
      while (minyiConfig(strapi).audit.minSample !== want && Date.now() - started < WAIT_MS) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const after = await dashboard.data(period, { kind: 'county' });
      process.send({
        type: 'done',
        summary: {
          applied: minyiConfig(strapi).audit.minSample,
          before: { minSample: before.minSample, ranks: ranks(before) },
          after: { minSample: after.minSample, ranks: ranks(after) },
        },
      });
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
