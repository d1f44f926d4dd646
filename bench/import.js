#!/usr/bin/env node
'use strict';

/**
 * `npm run bench:import -- [--db sqlite|postgres] [--skip-compile]`: the structure import of an
 * Anxiang-size workbook (bench/generate-structure.js: 1,604 grids, 40 departments, 50 categories,
 * 8,000 staff, ~1,560 logins) into an empty database, then the same file again (nothing changes),
 * then a dry run. Boots the app in-process (no HTTP) on a fresh SQLite file or PostgreSQL schema,
 * which it drops afterwards. Targets (issue 13): import < 30 s, unchanged re-import < 10 s.
 * Prints a table and writes bench/results/import-<timestamp>-<db>.json.
 */
const fs = require('fs');
const path = require('path');
const { ROOT } = require('./lib/app');
const { openDatabase } = require('./lib/sweep-db');
const { writeWorkbook } = require('./generate-structure');

function parseArgs(argv) {
  const options = { db: 'postgres', skipCompile: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    if (flag === '--db') options.db = inline !== undefined ? inline : argv[++i];
    else if (flag === '--skip-compile') options.skipCompile = true;
    else throw new Error(`unknown option ${argv[i]}`);
  }
  return options;
}

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const file = path.join(ROOT, '.tmp', 'bench', 'anxiang-structure.xlsx');
  const { counts } = await writeWorkbook(file);
  console.log(`[bench:import] file ${path.relative(ROOT, file)}: ${JSON.stringify(counts)}`);
  const database = await openDatabase(options.db, {
    items: 0,
    stable: false,
    reuse: false,
    prefix: 'bench_import',
  });
  let strapi;
  try {
    Object.assign(process.env, {
      NODE_ENV: 'production',
      DEMO_DATA: 'false',
      MINYI_JOBS_ENABLED: 'false',
      LOG_LEVEL: 'warn',
      STRAPI_TELEMETRY_DISABLED: 'true',
      ...database.env,
    });
    const { compileStrapi, createStrapi } = require('@strapi/strapi');
    let distDir = path.join(ROOT, 'dist');
    if (!options.skipCompile) ({ distDir } = await compileStrapi({ appDir: ROOT }));
    strapi = await createStrapi({ appDir: ROOT, distDir }).load();
    const service = strapi.plugin('minyi').service('structure-import');
    const buffer = fs.readFileSync(file);
    const runs = [];
    for (const [label, dryRun] of [
      ['import into an empty database', false],
      ['re-import of the unchanged file', false],
      ['dry run of the unchanged file', true],
    ]) {
      const started = Date.now();
      const report = await service.importFile(buffer, 'anxiang-structure.xlsx', { dryRun });
      if (report.applied) await service.analyzeAll();
      const ms = Date.now() - started;
      if (!report.valid)
        throw new Error(
          `the bench file has problems: ${JSON.stringify(report.problems.slice(0, 5))}`
        );
      const summary = Object.fromEntries(
        Object.entries(report.summary).map(([kind, s]) => [
          kind,
          `+${s.created} ~${s.updated} =${s.unchanged}`,
        ])
      );
      runs.push({ label, ms, invitations: report.invitations, summary });
      console.log(
        `[bench:import] ${label.padEnd(34)} ${seconds(ms).padStart(9)}  invitations ${report.invitations}  ${JSON.stringify(summary)}`
      );
    }
    const result = {
      db: database.label,
      counts,
      runs,
      targets: { importMs: 30000, reimportMs: 10000 },
      met: runs[0].ms < 30000 && runs[1].ms < 10000,
    };
    const dir = path.join(ROOT, 'bench', 'results');
    fs.mkdirSync(dir, { recursive: true });
    const out = path.join(
      dir,
      `import-${new Date().toISOString().replace(/[:.]/g, '-')}-${options.db}.json`
    );
    fs.writeFileSync(out, JSON.stringify(result, null, 2));
    console.log(
      `[bench:import] targets (import < 30 s, re-import < 10 s): ${result.met ? 'met' : 'NOT met'}; ${path.relative(ROOT, out)}`
    );
  } finally {
    if (strapi) await strapi.destroy();
    await database.drop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`[bench:import] failed: ${error && error.stack ? error.stack : error}`);
    process.exit(1);
  }
);
