#!/usr/bin/env node
'use strict';

/**
 * `npm run bench:import -- [--db sqlite|postgres] [--skip-compile]`: the structure import of an
 * Anxiang-size workbook (bench/generate-structure.js: 1,604 grids, 40 departments, 50 categories,
 * 8,000 staff, ~1,560 logins) into an empty database, then the same file again (nothing changes),
 * then a dry run. Boots the app in-process (no HTTP) on a fresh SQLite file or PostgreSQL schema,
 * which it drops afterwards. Targets (issue 13): import < 30 s, unchanged re-import < 10 s.
 *
 * Bare-Strapi controls in the same run, on the same database, writing as many rows as the file holds
 * records into the benchmark's control type (bench/control-plugin, BENCH_CONTROL=true): Strapi's
 * query engine `createMany` (one bulk insert, no relations, no checks) and the Document Service one
 * row at a time in one transaction (timed over CONTROL_DOCUMENTS rows and scaled to the same count:
 * a run of the full 9,700 would take minutes on this machine). The import reads, checks and diffs
 * every row, writes four kinds with their tree and link rows and the logins: the ratios say what that
 * costs over writing the same number of bare rows.
 * Prints a table and writes bench/results/import-<timestamp>-<db>.json.
 */
const fs = require('fs');
const path = require('path');
const { ROOT } = require('./lib/app');
const { openDatabase } = require('./lib/sweep-db');
const { writeWorkbook } = require('./generate-structure');
const { minyiService } = require('../scripts/lib/minyi');

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

const CONTROL_UID = 'plugin::bench-control.control';
/** Rows the one-by-one Document Service control writes (then scaled to the file's record count). */
const CONTROL_DOCUMENTS = 1000;

function controlRow(index) {
  return {
    title: `对照记录 ${index}`,
    content: `与导入文件同样多的行,第 ${index} 行`,
    type: 'request',
    amount: index,
    flag: index % 2 === 0,
    happenedAt: new Date(Date.UTC(2026, 0, 1) + index * 60000),
  };
}

/** The bare-Strapi controls: createMany of `rows` rows, and Document Service creates scaled to `rows`. */
async function controls(strapi, rows) {
  const bulkStarted = Date.now();
  const batch = 1000;
  await strapi.db.transaction(async () => {
    for (let done = 0; done < rows; done += batch) {
      const data = Array.from({ length: Math.min(batch, rows - done) }, (_, i) =>
        controlRow(done + i)
      );
      await strapi.db.query(CONTROL_UID).createMany({ data });
    }
  });
  const bulkMs = Date.now() - bulkStarted;
  const documents = Math.min(CONTROL_DOCUMENTS, rows);
  const documentsStarted = Date.now();
  await strapi.db.transaction(async () => {
    for (let i = 0; i < documents; i++)
      await strapi.documents(CONTROL_UID).create({ data: controlRow(rows + i) });
  });
  const documentsMs = Date.now() - documentsStarted;
  return {
    rows,
    createMany: { ms: bulkMs },
    documentService: {
      rowsTimed: documents,
      ms: documentsMs,
      scaledMs: Math.round((documentsMs / documents) * rows),
    },
  };
}

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
    // Production refuses the published development secrets (issue 15): random ones for this run.
    const secret = () => require('crypto').randomBytes(24).toString('base64');
    Object.assign(process.env, {
      APP_KEYS: `${secret()},${secret()}`,
      ADMIN_JWT_SECRET: secret(),
      API_TOKEN_SALT: secret(),
      TRANSFER_TOKEN_SALT: secret(),
      ENCRYPTION_KEY: secret(),
      JWT_SECRET: secret(),
      MINYI_FEEDBACK_KEY: secret(),
      NODE_ENV: 'production',
      DEMO_DATA: 'false',
      MINYI_JOBS_ENABLED: 'false',
      LOG_LEVEL: 'warn',
      STRAPI_TELEMETRY_DISABLED: 'true',
      // The bare-Strapi control type, as `npm run bench` loads it (never in a deployment).
      BENCH_CONTROL: 'true',
      ...database.env,
    });
    const { compileStrapi, createStrapi } = require('@strapi/strapi');
    let distDir = path.join(ROOT, 'dist');
    if (!options.skipCompile) ({ distDir } = await compileStrapi({ appDir: ROOT }));
    strapi = await createStrapi({ appDir: ROOT, distDir }).load();
    const service = minyiService(strapi, 'structure-import');
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
    const records = counts.grids + counts.departments + counts.categories + counts.staff;
    const control = await controls(strapi, records);
    const ratio = (ms, controlMs) => (controlMs > 0 ? (ms / controlMs).toFixed(2) : '-');
    console.log(
      `[bench:import] control: ${records} bare rows, query engine createMany ${seconds(control.createMany.ms)}; ` +
        `Document Service one by one ${seconds(control.documentService.ms)} for ${control.documentService.rowsTimed} ` +
        `→ ${seconds(control.documentService.scaledMs)} for ${records}`
    );
    for (const run of runs)
      console.log(
        `[bench:import] ${run.label.padEnd(34)} ${ratio(run.ms, control.createMany.ms).padStart(6)} × createMany, ` +
          `${ratio(run.ms, control.documentService.scaledMs).padStart(5)} × Document Service`
      );
    const result = {
      db: database.label,
      counts,
      runs,
      control,
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
