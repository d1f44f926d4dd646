#!/usr/bin/env node
'use strict';

/**
 * `npm run bench`: compiles the app, boots it (`strapi start`) on a fresh database with the
 * bench-control type registered (BENCH_CONTROL=true), seeds it, and measures every scenario of
 * bench/scenarios/ with autocannon, control and project side by side. Prints a table of median
 * req/s, latency p50/p95/p99 and the ratio project/control; writes the full data to
 * bench/results/<timestamp>-<db>.json. See bench/README.md.
 *
 *   npm run bench -- [--db sqlite|postgres] [--duration s] [--rounds n] [--connections n]
 *                    [--warmup s] [--only name[,name]] [--skip-compile]
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { compile, createDatabase, launchApp, ROOT } = require('./lib/app');
const { createClient } = require('./lib/http');
const { prepare } = require('./lib/seed');
const { measure } = require('./lib/measure');
const { loadScenarios } = require('./scenarios');

const DEFAULTS = {
  db: 'sqlite',
  duration: 5,
  rounds: 3,
  connections: 10,
  warmup: 1,
  only: null,
  skipCompile: false,
};

function parseArgs(argv) {
  const options = { ...DEFAULTS };
  const numeric = {
    '--duration': 'duration',
    '--rounds': 'rounds',
    '--connections': 'connections',
    '--warmup': 'warmup',
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    const value = () => (inline !== undefined ? inline : argv[++i]);
    if (flag in numeric) {
      const n = Number(value());
      if (!Number.isFinite(n) || n < 0) throw new Error(`${flag} needs a number`);
      options[numeric[flag]] = n;
    } else if (flag === '--db') options.db = value();
    else if (flag === '--only')
      options.only = value()
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    else if (flag === '--skip-compile') options.skipCompile = true;
    else if (flag === '--help' || flag === '-h') options.help = true;
    else throw new Error(`unknown option ${argv[i]} (try --help)`);
  }
  if (!['sqlite', 'postgres'].includes(options.db))
    throw new Error(`--db must be sqlite or postgres, got ${options.db}`);
  if (options.rounds < 1 || options.duration < 1 || options.connections < 1) {
    throw new Error('--rounds, --duration and --connections must be at least 1');
  }
  return options;
}

const log = (message) => console.log(`[bench] ${message}`);
const fmt = (n, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

function table(results) {
  const rows = [
    ['scenario', 'side', 'endpoint', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'project/control'],
  ];
  for (const scenario of results) {
    scenario.targets.forEach((t, i) => {
      rows.push([
        i === 0 ? scenario.name : '',
        t.side,
        t.endpoint,
        fmt(t.rps),
        fmt(t.p50, 1),
        fmt(t.p95, 1),
        fmt(t.p99, 1),
        t.side === 'control'
          ? '1.00'
          : fmt(t.ratio, 2) + (t.non2xx || t.errors ? '  (!) non-2xx/errors' : ''),
      ]);
    });
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const numericColumn = (c) => c >= 3;
  return rows
    .map((row, r) =>
      row
        .map((cell, c) =>
          numericColumn(c) && r > 0 && c < 7 ? cell.padStart(widths[c]) : cell.padEnd(widths[c])
        )
        .join('  ')
        .trimEnd()
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
  const all = loadScenarios();
  const scenarios = options.only ? all.filter((s) => options.only.includes(s.name)) : all;
  if (!scenarios.length) {
    throw new Error(`--only matched no scenario; known: ${all.map((s) => s.name).join(', ')}`);
  }

  let database;
  let app;
  let stopping = false;
  const cleanup = async () => {
    if (stopping) return;
    stopping = true;
    if (app) await app.stop().catch((e) => console.error(`[bench] stopping the app: ${e.message}`));
    if (database)
      await database
        .drop()
        .catch((e) => console.error(`[bench] dropping the database: ${e.message}`));
  };
  const onSignal = (signal) => {
    console.error(`\n[bench] ${signal}: stopping the app and removing the database …`);
    cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    if (!options.skipCompile) {
      log('compiling the app (compileStrapi) …');
      await compile();
    }
    database = await createDatabase(options.db);
    app = await launchApp({ database, log });
    await app.ready();

    const client = createClient(app.baseUrl);
    const ctx = {
      client,
      baseUrl: app.baseUrl,
      options,
      database,
      log,
      ...(await prepare(client, log)),
    };
    log(`seeded: ${JSON.stringify(ctx.counts)}`);

    const results = [];
    for (const scenario of scenarios) {
      if (scenario.prepare) await scenario.prepare(ctx);
      const { control, project } = scenario.targets(ctx);
      log(`${scenario.name}: ${scenario.description}`);
      const targets = await measure(app.baseUrl, [control, ...project], options, log);
      results.push({ name: scenario.name, description: scenario.description, targets });
    }

    const report = {
      date: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model,
        memoryGb: Math.round(os.totalmem() / 2 ** 30),
        loadavg: os.loadavg(),
        node: process.version,
        platform: `${os.platform()} ${os.release()}`,
      },
      database: options.db,
      settings: {
        duration: options.duration,
        rounds: options.rounds,
        connections: options.connections,
        warmup: options.warmup,
      },
      counts: ctx.counts,
      scenarios: results,
    };
    const dir = path.join(__dirname, 'results');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${report.date.replace(/[:.]/g, '-')}-${options.db}.json`);
    fs.writeFileSync(file, JSON.stringify(report, null, 2) + '\n');

    console.log('');
    console.log(
      `${options.db}, ${options.rounds} rounds × ${options.duration} s, ${options.connections} connections, ` +
        `${report.machine.cpus} cores, load ${report.machine.loadavg.map((l) => l.toFixed(1)).join(' ')}`
    );
    console.log(table(results));
    console.log(
      `\nratio = median req/s project ÷ median req/s control (1.00 = as fast as bare Strapi)`
    );
    console.log(`results: ${path.relative(ROOT, file)}`);

    const broken = results.flatMap((s) => s.targets).filter((t) => t.non2xx || t.errors);
    if (broken.length) {
      console.error(
        `[bench] non-2xx answers or errors during measurement: ${broken.map((t) => t.label).join(', ')}`
      );
      return 1;
    }
    return 0;
  } catch (error) {
    // The app's own last lines say why a request failed (a crash, a refused connection …).
    if (app?.output?.length)
      console.error(`[bench] the app's last output:\n${app.output.slice(-30).join('\n')}`);
    throw error;
  } finally {
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[bench] ${error.stack || error.message}`);
    process.exit(1);
  }
);
