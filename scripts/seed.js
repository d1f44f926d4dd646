#!/usr/bin/env node
'use strict';

/**
 * npm run seed                       loads the demo county (idempotent: does nothing when it is there)
 * npm run seed -- --items 1000000    … then appends that many synthetic items for benchmarks
 *               [--batch-size 5000]  items per transaction
 *
 * Uses the app's own database settings (DATABASE_* as in config/database.ts). `npm run seed` builds
 * the minyi plugin first (scripts/build-if-stale.js plugin); this script compiles the app and boots it
 * without an HTTP listener.
 */
const path = require('path');

const appDir = path.resolve(__dirname, '..');

function usage(message) {
  if (message) console.error(`seed: ${message}`);
  console.error('usage: npm run seed [-- --items N] [--batch-size B]');
  process.exit(message ? 1 : 0);
}

function parseArgs(argv) {
  const options = { items: 0, batchSize: 5000 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') usage();
    const match = /^--(items|batch-size)(?:=(.*))?$/.exec(arg);
    if (!match) usage(`unknown argument "${arg}"`);
    const raw = match[2] !== undefined ? match[2] : argv[++i];
    const value = Number(String(raw).replace(/_/g, ''));
    if (!Number.isInteger(value) || value < (match[1] === 'items' ? 0 : 1))
      usage(`--${match[1]} needs a whole number, got "${raw}"`);
    if (match[1] === 'items') options.items = value;
    else options.batchSize = value;
  }
  return options;
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const started = Date.now();
  // The script loads the demo itself (and reports it), not the bootstrap; keep the log quiet.
  process.env.DEMO_DATA = 'false';
  process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'warn';
  // A one-off load, not an instance of the county's app: its scheduled jobs are not this script's to run.
  process.env.MINYI_JOBS_ENABLED = 'false';

  const { compileStrapi, createStrapi } = require('@strapi/strapi');
  const { distDir } = await compileStrapi({ appDir });
  const strapi = await createStrapi({ appDir, distDir }).load();
  const client = strapi.db.dialect.client;
  console.log(`[seed] app loaded (${client}) in ${seconds(Date.now() - started)}`);

  try {
    const seed = require(path.join(distDir, 'src', 'seed'));

    const demoStart = Date.now();
    const demo = await seed.seedDemoCounty(strapi);
    if (demo.created) {
      const c = demo.counts;
      console.log(
        `[seed] demo county loaded in ${seconds(Date.now() - demoStart)}: ${c.townships} townships, ${c.grids} grids, ` +
          `${c.departments} departments, ${c.staff} staff, ${c.categories} categories, ${c.items} items, ${c.itemEvents} item-events`
      );
    } else {
      console.log('[seed] demo county already present: nothing to load');
    }

    if (options.items > 0) {
      const cliProgress = require('cli-progress');
      const bar = new cliProgress.SingleBar(
        {
          format:
            '[seed] synthetic items |{bar}| {percentage}% {value}/{total} · {rate} items/s · ETA {eta_formatted}',
          hideCursor: true,
          etaBuffer: 20,
        },
        cliProgress.Presets.shades_classic
      );
      const synthStart = Date.now();
      // Linearity: rows/s of the first tenth and of the last tenth of the load (issue 13, point 6).
      const marks = [{ done: 0, at: synthStart }];
      bar.start(options.items, 0, { rate: 0 });
      let result;
      try {
        result = await seed.addSyntheticItems(strapi, options.items, {
          batchSize: options.batchSize,
          onProgress(done) {
            marks.push({ done, at: Date.now() });
            const elapsed = (Date.now() - synthStart) / 1000;
            bar.update(done, { rate: Math.round(done / Math.max(elapsed, 0.001)) });
          },
        });
      } finally {
        bar.stop();
      }
      console.log(
        `[seed] ${result.added} synthetic items added in ${result.batches} batches of ≤${options.batchSize} ` +
          `in ${seconds(result.ms)} (${Math.round(result.added / Math.max(result.ms / 1000, 0.001))} items/s)`
      );
      if (result.indexes)
        console.log(
          `[seed] of which ${result.indexes.indexes} secondary indexes of items and its link tables, ` +
            `set aside for the load, built again in ${seconds(result.indexes.ms)} (same transaction)`
        );
      const tenth = options.items / 10;
      const firstEnd = marks.find((mark) => mark.done >= tenth);
      const lastStart = [...marks].reverse().find((mark) => mark.done <= options.items - tenth);
      const last = marks[marks.length - 1];
      if (firstEnd && lastStart && last.done > lastStart.done && firstEnd.at > synthStart) {
        const firstRate = firstEnd.done / ((firstEnd.at - synthStart) / 1000);
        const lastRate = (last.done - lastStart.done) / ((last.at - lastStart.at) / 1000);
        console.log(
          `[seed] first tenth ${Math.round(firstRate)} items/s, last tenth ${Math.round(lastRate)} items/s: ` +
            `ratio ${(lastRate / firstRate).toFixed(2)} (1.00 = linear)`
        );
      }
    }
  } finally {
    await strapi.destroy();
  }
  console.log(`[seed] done in ${seconds(Date.now() - started)}`);
}

main().then(
  () => process.exit(0),
  (error) => {
    let message = String(error && error.message ? error.message : error);
    // Database errors quote the whole (bulk) statement: keep its head and the driver's reason at the end.
    if (message.length > 800) message = `${message.slice(0, 300)} … ${message.slice(-400)}`;
    console.error(`\n[seed] failed: ${message}`);
    if (process.env.DEBUG && error && error.stack) console.error(error.stack);
    else console.error('[seed] (set DEBUG=1 for the stack trace)');
    process.exit(1);
  }
);
