#!/usr/bin/env node
'use strict';

/**
 * `npm run bench:stats`: unit metrics and the public GET /api/stats over a large table, SQL against
 * loading the rows and computing in JavaScript, in the same run on the same data. Compiles the app,
 * boots it in-process on a database of its own (a PostgreSQL schema bench_stats_<items>, or a SQLite
 * file) with the demo county, loads --items synthetic items (spread over the last twelve months),
 * runs VACUUM ANALYZE (PostgreSQL), checks that both ways give the same counts, and then measures,
 * alternating, for the last full month and for the twelve months before now:
 *   sql — minyiService(strapi, 'metrics').report(bounds): townships, departments and the
 *         county, each one grouped statement (+ two per-day histograms for the working days)
 *   js  — the same counts from countsInJs (load every row of the period, add up in JavaScript)
 * then builds the public stats' day cells (stats-aggregate), checks they give the direct statement's
 * counts, times a refresh after 200 changed items, and measures the latency of GET /api/stats over
 * HTTP (month and year periods, sequential requests): cold (its answer cache emptied before every
 * request) from the day cells and, alternating with it, by the direct statement over the items; and
 * cached.
 * Prints a table and writes bench/results/stats-<timestamp>-<db>.json. See bench/README.md.
 *
 *   npm run bench:stats -- [--db postgres|sqlite] [--items 1000000] [--rounds 3] [--requests 30]
 *                          [--keep] [--skip-seed] [--skip-compile]
 *
 *   --keep        keep the database (schema bench_stats_<items>) for re-runs with --skip-seed
 *   --skip-seed   reuse the database kept by an earlier --keep run with the same --items
 */
const fs = require('fs');
const path = require('path');
const { ROOT } = require('./lib/app');
const { openDatabase } = require('./lib/sweep-db');
const { loadDomainModule } = require('./lib/sweep-domain');
const { minyiService, minyiConfig } = require('../scripts/lib/minyi');

const DEFAULTS = {
  db: 'postgres',
  items: 1000000,
  rounds: 3,
  requests: 30,
  keep: false,
  skipSeed: false,
  skipCompile: false,
};
const TARGET_MS = 300;
/** Items changed between two refreshes in the benchmark (a busy minute). */
const CHANGED_ITEMS = 200;

function parseArgs(argv) {
  const options = { ...DEFAULTS };
  const numeric = { '--items': 'items', '--rounds': 'rounds', '--requests': 'requests' };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    const value = () => (inline !== undefined ? inline : argv[++i]);
    if (flag in numeric) {
      const raw = value();
      const n = Number(String(raw).replace(/_/g, ''));
      if (!Number.isInteger(n) || n < 1)
        throw new Error(`${flag} needs a whole number ≥ 1, got "${raw}"`);
      options[numeric[flag]] = n;
    } else if (flag === '--db') options.db = value();
    else if (flag === '--keep') options.keep = true;
    else if (flag === '--skip-seed') options.skipSeed = true;
    else if (flag === '--skip-compile') options.skipCompile = true;
    else if (flag === '--help' || flag === '-h') options.help = true;
    else throw new Error(`unknown option ${argv[i]} (try --help)`);
  }
  if (!['sqlite', 'postgres'].includes(options.db))
    throw new Error(`--db must be sqlite or postgres, got ${options.db}`);
  return options;
}

const log = (message) => console.log(`[bench:stats] ${message}`);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
};
const round = (ms) => Math.round(ms * 10) / 10;

async function timed(work) {
  const started = process.hrtime.bigint();
  const result = await work();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, result };
}

function table(rows) {
  const header = ['measure', 'period', 'items in period', 'sql ms', 'js ms', 'js/sql'];
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((row) => String(row[c]).length)));
  return all
    .map((row) =>
      row
        .map((cell, c) =>
          c >= 2 ? String(cell).padStart(widths[c]) : String(cell).padEnd(widths[c])
        )
        .join('  ')
    )
    .join('\n');
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.help) {
    const header = fs.readFileSync(__filename, 'utf8').split('*/')[0].split('/**')[1];
    console.log(header.replace(/^ \* ?/gm, '').trim());
    return 0;
  }
  const stable = options.keep || options.skipSeed;
  const database = await openDatabase(options.db, {
    items: options.items,
    stable,
    reuse: options.skipSeed,
    prefix: 'bench_stats',
  });
  log(`database: ${database.label}${database.reused ? ' (reused)' : ''}`);

  let strapi;
  let stopping = false;
  const cleanup = async () => {
    if (stopping) return;
    stopping = true;
    if (strapi)
      await strapi
        .destroy()
        .catch((e) => console.error(`[bench:stats] destroying strapi: ${e.message}`));
    // A reused database is never dropped: it is what --skip-seed runs share.
    if (options.keep || options.skipSeed)
      log(`kept ${database.label} (re-run with --skip-seed --items ${options.items})`);
    else
      await database
        .drop()
        .catch((e) => console.error(`[bench:stats] dropping the database: ${e.message}`));
  };
  const onSignal = (signal) => {
    console.error(`\n[bench:stats] ${signal}: cleaning up …`);
    cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    delete process.env.DATABASE_URL;
    Object.assign(process.env, {
      NODE_ENV: process.env.NODE_ENV || 'development',
      DEMO_DATA: 'true',
      MINYI_JOBS_ENABLED: 'false',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL || 'warn',
      STRAPI_TELEMETRY_DISABLED: 'true',
      ...database.env,
    });
    const { compileStrapi, createStrapi } = require('@strapi/strapi');
    let distDir = path.join(ROOT, 'dist');
    if (!options.skipCompile) {
      log('compiling the app (compileStrapi) …');
      ({ distDir } = await compileStrapi({ appDir: ROOT }));
    }
    const bootStart = Date.now();
    strapi = await createStrapi({ appDir: ROOT, distDir }).load();
    log(
      `app loaded (${strapi.db.dialect.client}, demo county) in ${seconds(Date.now() - bootStart)}`
    );
    const knex = strapi.db.connection;
    const countItems = async () => Number((await knex('items').count('* as n'))[0].n);

    let seed = { skipped: true };
    if (!options.skipSeed) {
      const { addSyntheticItems } = require(path.join(distDir, 'src', 'seed'));
      const started = Date.now();
      let lastPrint = 0;
      const result = await addSyntheticItems(strapi, options.items, {
        onProgress(done, total) {
          const elapsed = Date.now() - started;
          if (done < total && elapsed - lastPrint < 15000) return;
          lastPrint = elapsed;
          log(`synthetic items ${done}/${total} (${Math.floor((100 * done) / total)} %)`);
        },
      });
      seed = { skipped: false, added: result.added, ms: result.ms };
      log(`loaded ${result.added} synthetic items in ${seconds(result.ms)} (not measured)`);
    }
    if (options.db === 'postgres') {
      const started = Date.now();
      for (const t of ['items', 'items_lead_department_lnk', 'departments', 'grids', 'categories'])
        await knex.raw('VACUUM ANALYZE ??', [t]);
      log(
        `VACUUM ANALYZE (what autovacuum does after a bulk load; it is off on the test server) in ${seconds(Date.now() - started)}`
      );
    }
    const totalItems = await countItems();
    log(`items in the table: ${totalItems}`);

    const metrics = minyiService(strapi, 'metrics');
    const zone = minyiConfig(strapi).timezone;
    // The plugin bundle exports only the plugin object: period keys come from the domain source.
    const { periodKey, periodBounds } = loadDomainModule('job-period');
    const now = new Date();
    const monthKey = periodKey(now, zone, { unit: 'month', offset: -1 });
    const monthBounds = periodBounds(monthKey, zone, { unit: 'month' });
    const periods = [
      { label: `month ${monthKey}`, bounds: monthBounds, stats: monthKey },
      {
        label: '12 months',
        bounds: { start: new Date(now.getTime() - 366 * 86400000), end: now },
        stats: String(now.getFullYear()),
      },
    ];

    // 1. Correctness in this run: both ways give the same counts.
    for (const period of periods) {
      const received = Number(
        (
          await knex('items')
            .where('received_at', '>=', period.bounds.start)
            .where('received_at', '<', period.bounds.end)
            .count('* as n')
        )[0].n
      );
      period.items = received;
      for (const grouping of ['township', 'department', 'county']) {
        const sql = Object.fromEntries(await metrics.countsInSql(period.bounds, grouping));
        const js = Object.fromEntries(await metrics.countsInJs(period.bounds, grouping));
        if (JSON.stringify(sortKeys(sql)) !== JSON.stringify(sortKeys(js)))
          throw new Error(`SQL and JS disagree for ${period.label} by ${grouping}`);
      }
      log(
        `${period.label}: ${received} items received; SQL and JS agree by township, department and county`
      );
    }

    // 2. Metrics: SQL report vs JS counts, alternating order each round.
    const measured = [];
    for (const period of periods) {
      const sqlRuns = [];
      const jsRuns = [];
      for (let round = 0; round < options.rounds; round++) {
        const sql = () => timed(() => metrics.report(period.bounds));
        const js = () =>
          timed(async () => {
            for (const grouping of ['township', 'department', 'county'])
              await metrics.countsInJs(period.bounds, grouping);
          });
        if (round % 2 === 0) {
          sqlRuns.push((await sql()).ms);
          jsRuns.push((await js()).ms);
        } else {
          jsRuns.push((await js()).ms);
          sqlRuns.push((await sql()).ms);
        }
      }
      measured.push({
        period: period.label,
        items: period.items,
        sqlMs: sqlRuns,
        jsMs: jsRuns,
        sqlMedian: median(sqlRuns),
        jsMedian: median(jsRuns),
      });
      log(
        `metrics ${period.label}: sql median ${round(median(sqlRuns))} ms, js median ${round(median(jsRuns))} ms`
      );
    }

    // 3. The public stats' day cells (services/stats-aggregate.ts): build them (after --skip-seed the
    // triggers are new, so this is a full rebuild), check they give the direct statement's counts,
    // and time an incremental refresh of a minute's worth of changes.
    const aggregate = minyiService(strapi, 'stats-aggregate');
    const statsBounds = periods.map((period) => ({
      ...period,
      bounds: periodBounds(period.stats, zone, {
        unit: /^\d{4}$/.test(period.stats) ? 'year' : 'month',
      }),
    }));
    const build = await timed(() => aggregate.refresh());
    log(
      `stats cells: ${build.result.mode} refresh (${build.result.days} days, ${build.result.marks} change marks) in ${round(build.ms)} ms`
    );
    const expectSameCounts = async (label) => {
      for (const period of statsBounds) {
        const cells = await aggregate.publicCounts(period.bounds);
        const direct = await metrics.publicCountsInSql(period.bounds);
        const lean = ({ townships, county }) =>
          JSON.stringify([
            [...townships]
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, v]) => [k, v.received, v.handled, v.rated, v.satisfied]),
            [county.received, county.handled, county.rated, county.satisfied],
          ]);
        if (lean(cells) !== lean(direct))
          throw new Error(
            `stats cells and the direct statement disagree for ${period.stats} (${label})`
          );
      }
      log(
        `stats cells = direct statement for ${statsBounds.map((p) => p.stats).join(' and ')} (${label})`
      );
    };
    await expectSameCounts('after the build');
    // A minute's changes: CHANGED_ITEMS items on random days get another satisfaction, then get it back.
    const sample = await knex('items')
      .whereNotNull('received_at')
      .orderByRaw('random()')
      .limit(CHANGED_ITEMS)
      .select('id', 'satisfaction');
    const refreshes = [];
    for (const direction of ['changed', 'restored']) {
      for (const item of sample) {
        const value =
          direction === 'changed'
            ? item.satisfaction === 'dissatisfied'
              ? 'satisfied'
              : 'dissatisfied'
            : item.satisfaction;
        await knex('items').where({ id: item.id }).update({ satisfaction: value });
      }
      const refresh = await timed(() => aggregate.refresh());
      refreshes.push({
        direction,
        items: sample.length,
        ...refresh.result,
        measuredMs: refresh.ms,
      });
      log(
        `stats cells: refresh after ${sample.length} items ${direction} (${refresh.result.days} days) in ${round(refresh.ms)} ms`
      );
      await expectSameCounts(`${sample.length} items ${direction}`);
    }
    const idle = await timed(() => aggregate.refresh());
    log(`stats cells: refresh with nothing changed (${idle.result.mode}) in ${round(idle.ms)} ms`);
    const cells = {
      build: { ...build.result, measuredMs: build.ms },
      refreshes,
      idleRefreshMs: idle.ms,
    };

    // 4. GET /api/stats over HTTP, sequential requests (latency, not throughput).
    strapi.server.mount();
    await new Promise((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${strapi.server.httpServer.address().port}`;
    // cold: the answer cache is emptied before every request, so each one computes: from the day
    // cells (what the app does: refresh, then sum) or, alternating with it, by the direct statement
    // over the items (the cells switched off for that request, the fallback path);
    // cached: what repeated requests within MINYI_STATS_CACHE_SECONDS (60) get.
    const stats = minyiService(strapi, 'stats');
    const cellsCounts = aggregate.publicCounts;
    const useCells = (on) => {
      aggregate.publicCounts = on ? cellsCounts : async () => null;
    };
    const latency = [];
    for (const period of periods) {
      const url = `${base}/api/stats?period=${encodeURIComponent(period.stats)}`;
      stats.clearCache();
      const first = await fetch(url);
      if (first.status !== 200) throw new Error(`GET ${url} answered ${first.status}`);
      const body = await first.json();
      const get = async () => {
        const { ms, result } = await timed(async () => {
          const response = await fetch(url);
          return { status: response.status, text: await response.text() };
        });
        if (result.status !== 200) throw new Error(`GET ${url} answered ${result.status}`);
        return { ms, text: result.text };
      };
      const times = { 'cold, cells': [], 'cold, direct': [], cached: [] };
      for (let i = 0; i < options.requests; i++) {
        const order = i % 2 === 0 ? [true, false] : [false, true];
        const answers = [];
        for (const on of order) {
          useCells(on);
          stats.clearCache();
          const { ms, text } = await get();
          times[on ? 'cold, cells' : 'cold, direct'].push(ms);
          answers.push(text);
        }
        if (answers[0] !== answers[1])
          throw new Error(`GET ${url}: the cells and the direct statement answered differently`);
      }
      useCells(true);
      stats.clearCache();
      await get();
      for (let i = 0; i < options.requests; i++) times.cached.push((await get()).ms);
      for (const [mode, values] of Object.entries(times)) {
        latency.push({
          period: period.stats,
          mode,
          received: body.data.county.received,
          requests: options.requests,
          p50: quantile(values, 0.5),
          p95: quantile(values, 0.95),
          max: Math.max(...values),
        });
        log(
          `GET /api/stats?period=${period.stats} ${mode} (${body.data.county.received} items): p50 ${round(quantile(values, 0.5))} ms, p95 ${round(quantile(values, 0.95))} ms`
        );
      }
    }

    const rows = measured.map((m) => [
      'metrics report',
      m.period,
      m.items,
      round(m.sqlMedian),
      round(m.jsMedian),
      (m.jsMedian / m.sqlMedian).toFixed(1),
    ]);
    console.log(`\n${table(rows)}\n`);
    for (const l of latency) {
      console.log(
        `GET /api/stats?period=${l.period} ${l.mode.padEnd(12)}  p50 ${round(l.p50)} ms  p95 ${round(l.p95)} ms  max ${round(l.max)} ms  (target < ${TARGET_MS} ms: ${l.p95 < TARGET_MS ? 'met' : 'NOT met'})`
      );
    }
    const report = {
      when: new Date().toISOString(),
      db: options.db,
      items: totalItems,
      seed,
      rounds: options.rounds,
      metrics: measured,
      cells,
      stats: latency,
      targetMs: TARGET_MS,
    };
    const dir = path.join(__dirname, 'results');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(
      dir,
      `stats-${new Date().toISOString().replace(/[:.]/g, '-')}-${options.db}.json`
    );
    fs.writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
    console.log(`results: ${path.relative(ROOT, file)}`);
    return 0;
  } finally {
    await cleanup();
  }
}

function sortKeys(object) {
  return Object.fromEntries(Object.entries(object).sort(([a], [b]) => a.localeCompare(b)));
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[bench:stats] ${error.stack || error.message}`);
    process.exit(1);
  }
);
