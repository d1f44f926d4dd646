#!/usr/bin/env node
'use strict';

/**
 * npm run job -- <name> [--now 2026-12-01T09:00:00+08:00] [--period P] [--force]
 * npm run job -- --list
 *
 * Runs one of the minyi plugin's scheduled jobs on demand, through the same jobs service the cron
 * uses: one job-run row per job and period (a succeeded period is skipped unless --force), one
 * live run per job across every instance on the database. Uses the app's database settings
 * (DATABASE_* as in config/database.ts) and may run while the app is up on the same database.
 * The app is compiled and booted without an HTTP listener and with its own cron off
 * (MINYI_JOBS_ENABLED=false). Exit code 0: the job succeeded, or had already succeeded for the
 * period; 1: it failed, was busy elsewhere, or the request was wrong.
 *
 * --now   the run's "now" (ISO 8601; without an offset it is county local time). Default: the clock.
 * --period the period key to run for (e.g. 2026-12-01 for a daily job). Default: the period of now.
 * --force run again although the period already succeeded.
 */
const path = require('path');
const { minyiService } = require('./lib/minyi');

const appDir = path.resolve(__dirname, '..');
const USAGE =
  'usage: npm run job -- <name> [--now 2026-12-01T09:00:00+08:00] [--period P] [--force] | --list';

function fail(message) {
  console.error(`[job] ${message}`);
  process.exit(1);
}

function parseArgs(argv) {
  const options = { name: undefined, now: undefined, period: undefined, force: false, list: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    }
    if (arg === '--force') options.force = true;
    else if (arg === '--list') options.list = true;
    else if (/^--(now|period)(=|$)/.test(arg)) {
      const [flag, inline] = arg.split(/=(.*)/s);
      const value = inline !== undefined ? inline : argv[++i];
      if (value === undefined || value === '' || value.startsWith('--'))
        fail(`${flag} needs a value\n${USAGE}`);
      options[flag.slice(2)] = value;
    } else if (arg.startsWith('-')) fail(`unknown option "${arg}"\n${USAGE}`);
    else if (options.name === undefined) options.name = arg;
    else fail(`one job at a time (got "${options.name}" and "${arg}")\n${USAGE}`);
  }
  if (!options.name && !options.list) fail(`which job?\n${USAGE}`);
  return options;
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

function printJson(label, value) {
  console.log(`[job] ${label}: ${JSON.stringify(value, null, 2).replace(/\n/g, '\n      ')}`);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const started = Date.now();
  // This process runs one job and leaves: no cron of its own, no demo data, a quiet log.
  process.env.MINYI_JOBS_ENABLED = 'false';
  process.env.DEMO_DATA = 'false';
  process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'warn';

  const { compileStrapi, createStrapi } = require('@strapi/strapi');
  const { distDir } = await compileStrapi({ appDir });
  const strapi = await createStrapi({ appDir, distDir }).load();
  let exitCode = 1;
  try {
    const jobs = minyiService(strapi, 'jobs');
    const known = jobs.names();
    if (options.list) {
      const overview = await jobs.describe();
      for (const job of overview.jobs) {
        const last = job.lastRun
          ? `${job.lastRun.status} ${job.lastRun.period} ${job.lastRun.finishedAt || job.lastRun.startedAt}`
          : 'never run';
        console.log(`${job.name.padEnd(24)} ${job.schedule.padEnd(16)} ${last}`);
      }
      return 0;
    }
    if (!known.includes(options.name)) {
      console.error(
        `[job] unknown job "${options.name}". Known jobs: ${known.join(', ') || '(none)'}`
      );
      return 1;
    }

    console.log(`[job] ${options.name}: running on ${strapi.db.dialect.client} as ${jobs.holder}`);
    let lastPrinted = 0;
    let pending = null;
    const result = await jobs.run(options.name, {
      now: options.now,
      period: options.period,
      force: options.force,
      trigger: 'cli',
      onProgress(progress) {
        // Long runs report often: print at most twice a second, and the last report at the end.
        pending = progress;
        if (Date.now() - lastPrinted >= 500) {
          lastPrinted = Date.now();
          pending = null;
          console.log(`[job] progress: ${JSON.stringify(progress)}`);
        }
      },
    });
    if (pending) console.log(`[job] progress: ${JSON.stringify(pending)}`);

    console.log(
      `[job] ${result.job} period ${result.period} (now ${result.now}): ${result.outcome}`
    );
    if (result.outcome === 'succeeded') {
      printJson('summary', result.summary);
      exitCode = 0;
    } else if (result.outcome === 'failed') {
      console.error(`[job] failed: ${result.error}`);
    } else {
      console.log(`[job] ${result.message}`);
      exitCode = result.reason === 'already-succeeded' ? 0 : 1;
    }
  } finally {
    await strapi.destroy();
  }
  console.log(`[job] done in ${seconds(Date.now() - started)}`);
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    // A ValidationError (bad --now / --period) is the user's to fix: its message is enough.
    const message = error && error.message ? error.message : String(error);
    console.error(`[job] ${error && error.name === 'ValidationError' ? '' : 'failed: '}${message}`);
    if (process.env.DEBUG && error && error.stack) console.error(error.stack);
    process.exit(1);
  }
);
