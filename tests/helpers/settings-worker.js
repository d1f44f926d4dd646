'use strict';

/**
 * A second app instance for the settings test: boots the compiled app on the database named by
 * the inherited DATABASE_* variables, says "ready", and on "go" waits (polling nothing itself)
 * until its settings service has picked up the 2027 calendar another instance stored, then
 * reports what it now applies: calendar, minimum sample, a job's schedule, a due time.
 */
const path = require('path');
const { createStrapi } = require('@strapi/strapi');
const { minyiConfig, minyiService } = require('../../scripts/lib/minyi');

const root = path.resolve(__dirname, '..', '..');
const WAIT_MS = 20000;

async function main() {
  const strapi = await createStrapi({ appDir: root, distDir: path.join(root, 'dist') }).load();
  const settings = minyiService(strapi, 'settings');
  const revisionAtBoot = settings.revision();
  process.send({ type: 'ready' });
  process.on('message', async (message) => {
    if (message.type !== 'go') return;
    try {
      const started = Date.now();
      while (!settings.effective().calendar.years['2027'] && Date.now() - started < WAIT_MS) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const calendar = minyiService(strapi, 'calendar').get();
      const jobs = await minyiService(strapi, 'jobs').describe();
      process.send({
        type: 'done',
        summary: {
          revisionAtBoot,
          revision: settings.revision(),
          waitedMs: Date.now() - started,
          arrangedYears: calendar.arrangedYears(),
          working20270208: calendar.isWorkingDay('2027-02-08'),
          working20270220: calendar.isWorkingDay('2027-02-20'),
          minSample: minyiConfig(strapi).audit.minSample,
          escalationSchedule: jobs.jobs.find((job) => job.name === 'escalation').schedule,
          dueAt: calendar.addWorkingDays(new Date(message.now), 5).toISOString(),
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
