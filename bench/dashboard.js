#!/usr/bin/env node
'use strict';

/**
 * `npm run bench:dashboard`: the dashboard's data route GET /minyi/dashboard beside the public
 * GET /api/stats, for the same year, in the same run on the same data. Compiles the app, boots it
 * in-process on a database of its own (a PostgreSQL schema bench_dashboard_<items>, or a SQLite
 * file) with the demo county, loads --items synthetic items (spread over the last twelve months),
 * runs VACUUM ANALYZE (PostgreSQL), builds the public stats' day cells and the dashboard's month
 * cells, logs in as the demo county coordinator and the demo township officer, and measures
 * sequential requests over HTTP:
 *   cold — the route's answer cache emptied before every request (each one computes);
 *   warm — repeated requests within the cache time (MINYI_STATS_CACHE_SECONDS, 60 s).
 * Cold requests of the dashboard and of /api/stats alternate. The dashboard's county headline is
 * checked against /api/stats first (same received / handled / rates).
 * Prints a table and writes bench/results/dashboard-<timestamp>-<db>.json. See bench/README.md.
 *
 *   npm run bench:dashboard -- [--db postgres|sqlite] [--items 1000000] [--requests 20]
 *                              [--keep] [--skip-seed] [--skip-compile]
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
  requests: 20,
  keep: false,
  skipSeed: false,
  skipCompile: false,
};
const TARGET_COLD_P50_MS = 100;
const DEMO_PASSWORD = 'Minyi-Demo-2026';

function parseArgs(argv) {
  const options = { ...DEFAULTS };
  const numeric = { '--items': 'items', '--requests': 'requests' };
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

const log = (message) => console.log(`[bench:dashboard] ${message}`);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
};
const round = (ms) => Math.round(ms * 10) / 10;

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.help) {
    const header = fs.readFileSync(__filename, 'utf8').split('*/')[0].split('/**')[1];
    console.log(header.replace(/^ \* ?/gm, '').trim());
    return 0;
  }
  const database = await openDatabase(options.db, {
    items: options.items,
    stable: options.keep || options.skipSeed,
    reuse: options.skipSeed,
    prefix: 'bench_dashboard',
  });
  log(`database: ${database.label}${database.reused ? ' (reused)' : ''}`);

  let strapi;
  const cleanup = async () => {
    if (strapi)
      await strapi.destroy().catch((e) => console.error(`destroying strapi: ${e.message}`));
    if (options.keep || options.skipSeed) log(`kept ${database.label}`);
    else await database.drop().catch((e) => console.error(`dropping the database: ${e.message}`));
  };
  process.once('SIGINT', () => cleanup().finally(() => process.exit(130)));

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
    strapi = await createStrapi({ appDir: ROOT, distDir }).load();
    const knex = strapi.db.connection;
    if (!options.skipSeed) {
      const { addSyntheticItems } = require(path.join(distDir, 'src', 'seed'));
      const started = Date.now();
      const result = await addSyntheticItems(strapi, options.items, {
        onProgress(done, total) {
          if (done === total || done % 100000 === 0) log(`synthetic items ${done}/${total}`);
        },
      });
      log(
        `loaded ${result.added} synthetic items in ${seconds(Date.now() - started)} (not measured)`
      );
    }
    if (options.db === 'postgres')
      for (const t of [
        'items',
        'items_lead_department_lnk',
        'items_co_departments_lnk',
        'items_category_lnk',
        'departments',
        'grids',
        'categories',
      ])
        await knex.raw('VACUUM ANALYZE ??', [t]);
    const totalItems = Number((await knex('items').count('* as n'))[0].n);
    const build = await minyiService(strapi, 'stats-aggregate').refresh();
    log(`items in the table: ${totalItems}; stats cells ${build.mode} refresh in ${build.ms} ms`);
    // The dashboard's month cells: a full build on a new database (not measured), as on first start,
    // run here to completion (chunks of 5,000 item ids, each its own transaction).
    const cellsBuild = await minyiService(strapi, 'dashboard-cells').refresh();
    log(
      `dashboard month cells ${cellsBuild.mode} refresh in ${cellsBuild.ms} ms (${cellsBuild.items} items, ${cellsBuild.cells} cells, ${cellsBuild.steps} build transactions)`
    );
    // What autovacuum does after a bulk change (it is off on the shared test server): the build
    // deleted every changed-item mark, and a cold answer counts the marks left.
    if (options.db === 'postgres')
      for (const t of ['minyi_dashboard_cells', 'minyi_dashboard_members', 'minyi_dashboard_dirty'])
        await knex.raw('VACUUM ANALYZE ??', [t]);

    const { periodKey } = loadDomainModule('job-period');
    const zone = minyiConfig(strapi).timezone;
    // The year the synthetic items mostly fall in: the one of the month before now.
    const year = periodKey(new Date(), zone, { unit: 'month', offset: -1 }).slice(0, 4);

    strapi.server.mount();
    await new Promise((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${strapi.server.httpServer.address().port}`;
    const login = async (email) => {
      const response = await fetch(`${base}/admin/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: DEMO_PASSWORD }),
      });
      if (response.status !== 200) throw new Error(`login ${email}: ${response.status}`);
      return (await response.json()).data.token;
    };
    const tokens = {
      coordinator: await login('coordinator@minyi.local'),
      township: await login('township@minyi.local'),
    };
    const dashboard = minyiService(strapi, 'dashboard');
    const stats = minyiService(strapi, 'stats');
    const get = async (url, token) => {
      const started = process.hrtime.bigint();
      const response = await fetch(
        url,
        token ? { headers: { authorization: `Bearer ${token}` } } : {}
      );
      const text = await response.text();
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (response.status !== 200)
        throw new Error(`GET ${url} answered ${response.status}: ${text}`);
      return { ms, body: JSON.parse(text) };
    };

    const routes = {
      'dashboard (county)': {
        url: `${base}/minyi/dashboard?period=${year}`,
        token: tokens.coordinator,
        clear: () => dashboard.clearCache(),
      },
      'dashboard (township)': {
        url: `${base}/minyi/dashboard?period=${year}`,
        token: tokens.township,
        clear: () => dashboard.clearCache(),
      },
      '/api/stats': {
        url: `${base}/api/stats?period=${year}`,
        token: null,
        clear: () => stats.clearCache(),
      },
    };

    // Same figures first: the county headline of the dashboard = /api/stats.
    const first = (await get(routes['dashboard (county)'].url, tokens.coordinator)).body.data;
    const publicStats = (await get(routes['/api/stats'].url, null)).body.data;
    if (
      first.current.received !== publicStats.county.received ||
      first.current.handled !== publicStats.county.handled
    )
      throw new Error(
        `dashboard ${first.current.received}/${first.current.handled} ≠ /api/stats ${publicStats.county.received}/${publicStats.county.handled}`
      );
    log(
      `year ${year}: ${first.current.received} items received, ${first.current.handled} handled — dashboard = /api/stats`
    );

    const times = Object.fromEntries(
      Object.keys(routes).map((name) => [name, { cold: [], warm: [] }])
    );
    const names = Object.keys(routes);
    for (let i = 0; i < options.requests; i++) {
      // Rotate the order each round, so no route always runs after the same one.
      for (let k = 0; k < names.length; k++) {
        const name = names[(i + k) % names.length];
        const route = routes[name];
        route.clear();
        times[name].cold.push((await get(route.url, route.token)).ms);
      }
    }
    for (const name of names) {
      const route = routes[name];
      await get(route.url, route.token);
      for (let i = 0; i < options.requests; i++)
        times[name].warm.push((await get(route.url, route.token)).ms);
    }

    const results = [];
    for (const name of names)
      for (const mode of ['cold', 'warm']) {
        const values = times[name][mode];
        results.push({
          route: name,
          mode,
          requests: values.length,
          p50: round(quantile(values, 0.5)),
          p95: round(quantile(values, 0.95)),
          max: round(Math.max(...values)),
        });
      }
    console.log('');
    for (const r of results)
      console.log(
        `${r.route.padEnd(22)} ${r.mode}  p50 ${String(r.p50).padStart(8)} ms  p95 ${String(r.p95).padStart(8)} ms  max ${String(r.max).padStart(8)} ms${
          r.route.startsWith('dashboard') && r.mode === 'cold'
            ? `  (target cold p50 < ${TARGET_COLD_P50_MS} ms: ${r.p50 < TARGET_COLD_P50_MS ? 'met' : 'NOT met'})`
            : ''
        }`
      );
    const report = {
      when: new Date().toISOString(),
      db: options.db,
      items: totalItems,
      year,
      received: first.current.received,
      requests: options.requests,
      results,
    };
    const dir = path.join(__dirname, 'results');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(
      dir,
      `dashboard-${report.when.replace(/[:.]/g, '-')}-${options.db}.json`
    );
    fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    log(`wrote ${path.relative(ROOT, file)}`);
    return 0;
  } finally {
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  }
);
