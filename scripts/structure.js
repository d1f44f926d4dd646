#!/usr/bin/env node
'use strict';

/**
 * npm run import -- <file.xlsx|file.csv> [--kind grids|departments|staff|categories] [--dry-run]
 * npm run export -- <file.xlsx|file.csv> [--kind …]
 *
 * Imports the county's structure from a spreadsheet, or exports it in the same format, through the
 * minyi plugin's structure-import service (the admin page 导入导出 uses the same one): every row is
 * checked first, nothing is written unless the whole file is valid, then one transaction.
 * Uses the app's database settings (DATABASE_* as in config/database.ts); boots the app without an
 * HTTP listener and without its cron. Exit code 0: imported (or, with --dry-run, valid) / exported;
 * 1: problems in the file (listed), or the file could not be read.
 */
const fs = require('fs');
const path = require('path');

const appDir = path.resolve(__dirname, '..');
const KINDS = ['grids', 'departments', 'staff', 'categories'];
const USAGE =
  'usage: npm run import -- <file> [--kind grids|departments|staff|categories] [--dry-run]\n' +
  '       npm run export -- <file.xlsx | file.csv --kind K>';

function fail(message) {
  console.error(`[structure] ${message}\n${USAGE}`);
  process.exit(1);
}

function parseArgs(argv) {
  const [mode, ...rest] = argv;
  if (mode !== 'import' && mode !== 'export') fail('first argument: import or export');
  const options = { mode, file: undefined, kind: undefined, dryRun: false };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (arg === '--dry-run' && mode === 'import') options.dryRun = true;
    else if (/^--kind(=|$)/.test(arg)) {
      const value = arg.includes('=') ? arg.split('=')[1] : rest[++i];
      if (!KINDS.includes(value)) fail(`--kind must be one of ${KINDS.join(', ')}`);
      options.kind = value;
    } else if (arg.startsWith('-')) fail(`unknown option "${arg}"`);
    else if (options.file === undefined) options.file = arg;
    else fail(`one file at a time (got "${options.file}" and "${arg}")`);
  }
  if (!options.file) fail('which file?');
  return options;
}

function printReport(report) {
  const kinds = Object.entries(report.summary);
  for (const [kind, s] of kinds) {
    console.log(
      `[structure] ${kind.padEnd(11)} created ${s.created}, updated ${s.updated}, unchanged ${s.unchanged}, missing from the file ${s.missing}` +
        (s.missing > 0
          ? ` (kept: ${s.missingKeys.slice(0, 10).join(', ')}${s.missing > 10 ? ' …' : ''})`
          : '')
    );
  }
  for (const p of report.problems) {
    const where = [p.sheet, p.row === null ? null : `第 ${p.row} 行`, p.column]
      .filter(Boolean)
      .join(' / ');
    console.log(`[structure] ✗ ${where}: ${p.message}${p.value ? `(值:${p.value})` : ''}`);
  }
  if (report.problemCount > report.problems.length)
    console.log(`[structure] … and ${report.problemCount - report.problems.length} more problems`);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const started = Date.now();
  process.env.MINYI_JOBS_ENABLED = 'false';
  process.env.DEMO_DATA = 'false';
  process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'warn';
  const file = path.resolve(process.cwd(), options.file);
  if (options.mode === 'import' && !fs.existsSync(file)) fail(`no such file: ${file}`);

  const { compileStrapi, createStrapi } = require('@strapi/strapi');
  const { distDir } = await compileStrapi({ appDir });
  const strapi = await createStrapi({ appDir, distDir }).load();
  try {
    const plugin = strapi.plugin('minyi');
    if (!plugin || !plugin.services['structure-import'])
      fail('the minyi plugin is not loaded: build it with `npm run build:plugin`');
    const service = plugin.service('structure-import');
    if (options.mode === 'export') {
      const format = /\.csv$/i.test(file) ? 'csv' : 'xlsx';
      const exported = await service.exportFile({ format, kind: options.kind });
      fs.writeFileSync(file, exported.buffer);
      console.log(`[structure] exported to ${file} (${exported.buffer.length} bytes)`);
      return 0;
    }
    const report = await service.importFile(fs.readFileSync(file), path.basename(file), {
      kind: options.kind,
      dryRun: options.dryRun,
    });
    if (report.applied) await service.analyzeAll();
    printReport(report);
    const encoding = report.encoding ? `, ${report.encoding}` : '';
    if (!report.valid) {
      console.error(`[structure] ${report.problemCount} problems: nothing was written`);
      return 1;
    }
    console.log(
      report.applied
        ? `[structure] imported (${report.format}${encoding}) in ${report.ms} ms: ${report.invitations} invitations queued, ${report.linkedAccounts} existing accounts linked, ${report.movedGrids} grid paths changed`
        : `[structure] dry run (${report.format}${encoding}): the file is valid; nothing was written`
    );
    return 0;
  } finally {
    await strapi.destroy();
    console.log(`[structure] done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    const message = error && error.message ? error.message : String(error);
    console.error(
      `[structure] ${error && error.name === 'StructureFileError' ? '' : 'failed: '}${message}`
    );
    if (process.env.DEBUG && error && error.stack) console.error(error.stack);
    process.exit(1);
  }
);
