#!/usr/bin/env node
'use strict';

/**
 * `npm run bench:sweep`: the escalation sweep over a large table against a naive loop over the
 * Document Service, in the same run, on the same data. Compiles the app, boots it in-process (no
 * HTTP listener) on a fresh database with the demo county, loads --items synthetic items, makes
 * exactly --due of them overdue with set-based SQL, and measures, alternating and from the same
 * reset state each time:
 *   sweep — minyiService(strapi, 'escalation-sweep').run(now)
 *   naive — page the overdue items through strapi.documents(...).findMany, decideSweepAction per
 *           item, documents update + item-event create per item (bench/lib/sweep-naive.js)
 * Every run is verified: exactly the overdue items escalated, one event each, nothing else moved.
 * Before the measured rounds, one instrumented sweep (not measured) reports its time per phase and
 * per kind of statement, and the plans (EXPLAIN, with ANALYZE on PostgreSQL) of the very statements
 * it sent. Prints a table and writes bench/results/sweep-<timestamp>-<db>.json. See bench/README.md.
 *
 *   npm run bench:sweep -- [--db sqlite|postgres] [--items 1000000] [--due 10000] [--rounds 2]
 *                          [--naive-due n] [--naive-budget 600] [--keep] [--skip-seed] [--skip-compile]
 *                          [--analyze]
 *
 *   --naive-due n       measure the naive loop on n overdue items (default: --due) and extrapolate
 *                       per item to --due; the sweep is then measured at both n and --due
 *   --naive-budget s    the longest a naive run may take (default 600 s): when a run is on course to
 *                       exceed it (checked every 250 items from 500 on), it stops and the bench falls back to a
 *                       --naive-due that fits in half the budget, as above
 *   --keep              keep the database (a stable name per --items) for re-runs with --skip-seed
 *   --skip-seed         reuse the database kept by an earlier --keep run with the same --items
 *   --analyze           SQLite only: run ANALYZE before measuring (the app runs PRAGMA optimize at start
 *                       and the seed ANALYZE after a bulk load); PostgreSQL always gets VACUUM ANALYZE,
 *                       as autovacuum would give it after the bulk load
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { ROOT } = require('./lib/app');
const { openDatabase } = require('./lib/sweep-db');
const { loadSweepDomain } = require('./lib/sweep-domain');
const { createState } = require('./lib/sweep-state');
const { naiveSweep } = require('./lib/sweep-naive');
const { profileQueries } = require('./lib/sweep-profile');
const { minyiService } = require('../scripts/lib/minyi');

const DEFAULTS = {
  db: 'sqlite',
  items: 1000000,
  due: 10000,
  rounds: 2,
  naiveDue: null,
  naiveBudget: 600,
  keep: false,
  skipSeed: false,
  skipCompile: false,
  analyze: false,
};

function parseArgs(argv) {
  const options = { ...DEFAULTS };
  const numeric = {
    '--items': 'items',
    '--due': 'due',
    '--rounds': 'rounds',
    '--naive-due': 'naiveDue',
    '--naive-budget': 'naiveBudget',
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    const value = () => (inline !== undefined ? inline : argv[++i]);
    if (flag in numeric) {
      const raw = value();
      const n = Number(String(raw).replace(/_/g, ''));
      if (!Number.isInteger(n) || n < 0)
        throw new Error(`${flag} needs a whole number, got "${raw}"`);
      options[numeric[flag]] = n;
    } else if (flag === '--db') options.db = value();
    else if (flag === '--keep') options.keep = true;
    else if (flag === '--skip-seed') options.skipSeed = true;
    else if (flag === '--skip-compile') options.skipCompile = true;
    else if (flag === '--analyze') options.analyze = true;
    else if (flag === '--help' || flag === '-h') options.help = true;
    else throw new Error(`unknown option ${argv[i]} (try --help)`);
  }
  if (!['sqlite', 'postgres'].includes(options.db))
    throw new Error(`--db must be sqlite or postgres, got ${options.db}`);
  if (options.due < 1 || options.rounds < 1)
    throw new Error('--due and --rounds must be at least 1');
  if (options.due > options.items) throw new Error('--due cannot exceed --items');
  if (options.naiveDue !== null && (options.naiveDue < 1 || options.naiveDue > options.due)) {
    throw new Error('--naive-due must be between 1 and --due');
  }
  return options;
}

const log = (message) => console.log(`[bench:sweep] ${message}`);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function table(rows) {
  const header = ['database', 'items', 'due', 'sweep ms', 'naive ms', 'naive/sweep', 'note'];
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((row) => String(row[c]).length)));
  return all
    .map((row, r) =>
      row
        .map((cell, c) =>
          r > 0 && c >= 1 && c <= 5
            ? String(cell).padStart(widths[c])
            : String(cell).padEnd(widths[c])
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

  const domain = loadSweepDomain();
  const stable = options.keep || options.skipSeed;
  const database = await openDatabase(options.db, {
    items: options.items,
    stable,
    reuse: options.skipSeed,
  });
  log(`database: ${database.label}${database.reused ? ' (reused)' : ''}`);

  let strapi;
  let state;
  let stopping = false;
  const cleanup = async () => {
    if (stopping) return;
    stopping = true;
    if (strapi) {
      if (state && options.keep)
        await state
          .restore(new Date())
          .catch((e) => console.error(`[bench:sweep] restoring: ${e.message}`));
      await strapi
        .destroy()
        .catch((e) => console.error(`[bench:sweep] destroying strapi: ${e.message}`));
    }
    if (options.keep)
      log(`kept ${database.label} (re-run with --skip-seed --items ${options.items})`);
    else
      await database
        .drop()
        .catch((e) => console.error(`[bench:sweep] dropping the database: ${e.message}`));
  };
  const onSignal = (signal) => {
    console.error(`\n[bench:sweep] ${signal}: cleaning up …`);
    cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    delete process.env.DATABASE_URL; // would win over the DATABASE_* settings (config/database.ts)
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

    // 2. Synthetic items (timed, not counted).
    let seed = { skipped: true };
    const before = await countItems();
    if (!options.skipSeed) {
      const { addSyntheticItems } = require(path.join(distDir, 'src', 'seed'));
      const started = Date.now();
      let lastPrint = 0;
      const tty = process.stdout.isTTY;
      const result = await addSyntheticItems(strapi, options.items, {
        onProgress(done, total) {
          const elapsed = Date.now() - started;
          if (!tty && done < total && elapsed - lastPrint < 15000) return;
          lastPrint = elapsed;
          const rate = Math.round(done / Math.max(elapsed / 1000, 0.001));
          const eta = Math.round((total - done) / Math.max(rate, 1));
          const line = `[bench:sweep] synthetic items ${done}/${total} (${Math.floor((100 * done) / total)} %) · ${rate} items/s · ETA ${eta} s`;
          if (tty) process.stdout.write(`\r${line}${done === total ? '\n' : ''}`);
          else console.log(line);
        },
      });
      seed = {
        skipped: false,
        added: result.added,
        ms: result.ms,
        itemsPerSecond: Math.round(result.added / (result.ms / 1000)),
      };
      log(
        `loaded ${result.added} synthetic items in ${seconds(result.ms)} (${seed.itemsPerSecond} items/s; not measured)`
      );
    }
    const totalItems = await countItems();
    log(`items in the table: ${totalItems} (${before} before the synthetic load)`);

    // 3. The due set, the reset, statistics, the plan.
    state = createState(strapi, domain);
    const setupNow = new Date();
    const chosen = await state.choose(options.due, setupNow);
    log(
      `due set: ${chosen.chosen} of ${chosen.eligible} active grid/township items with a deadline, spread evenly ` +
        `by id over ids ${chosen.idRange.join('–')} (${JSON.stringify(chosen.levels)})`
    );
    const setupStart = Date.now();
    await state.reset(options.due, setupNow);
    log(
      `first reset (every other active item due in a year) in ${seconds(Date.now() - setupStart)}`
    );
    if (options.db === 'postgres') {
      const started = Date.now();
      await state.vacuum(await state.allTables());
      log(
        `VACUUM ANALYZE of every table (what autovacuum does after a bulk load; it is off on the test server) in ${seconds(Date.now() - started)}`
      );
    } else if (options.analyze) {
      const started = Date.now();
      await knex.raw('ANALYZE');
      log(
        `--analyze: ANALYZE (sqlite_stat1 for the planner; the app itself never runs it) in ${seconds(Date.now() - started)}`
      );
    } else if (
      (await knex.raw(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'sqlite_stat1'`))[0].n >
      0
    ) {
      // Left by an earlier --analyze run on a kept database: measure the app as it ships, without them.
      await knex.raw('DELETE FROM sqlite_stat1');
      await knex.raw('ANALYZE sqlite_schema'); // reloads the (now empty) statistics into the planner
      log('removed the planner statistics an earlier --analyze run left in this database');
    }
    // The sweep's indexes: those of the app's hot-path migration on items that include due_at.
    const { INDEXES: HOT_PATH } = require(
      path.join(ROOT, 'database', 'migrations', '2026.11.28T00.00.00.hot-path-indexes.js')
    );
    const sweepIndexNames = HOT_PATH.filter(
      (index) => index.table === 'items' && index.columns.includes('due_at')
    ).map((index) => index.name);
    const indexDefinitions = (await state.indexes()).filter((definition) =>
      sweepIndexNames.some((name) => definition.includes(name))
    );
    if (indexDefinitions.length !== sweepIndexNames.length) {
      throw new Error(
        `sweep indexes missing (expected ${sweepIndexNames.join(', ')}): the app creates them at boot (database/migrations)`
      );
    }
    for (const definition of indexDefinitions) log(`index: ${definition}`);

    // Diagnostics first (not measured): one instrumented sweep, phase by phase and statement by
    // statement, then the plans of the very statements it sent.
    await state.reset(options.due, new Date());
    const profiler = profileQueries(knex);
    const profileNow = new Date();
    const profiledSummary = await minyiService(strapi, 'escalation-sweep').run(profileNow);
    const profile = profiler.stop();
    const profiledCheck = await state.verify(options.due, profileNow);
    log(
      `instrumented sweep (not measured): ${profile.totalMs} ms, of which SQL ${profile.sqlMs} ms; phases ` +
        Object.entries(profile.phases)
          .map(([phase, ms]) => `${phase} ${ms} ms`)
          .join(', ') +
        `; ${JSON.stringify(profiledSummary)}; verified: ${profiledCheck.ok ? 'ok' : profiledCheck.problems.join('; ')}`
    );
    for (const stat of profile.statements.slice(0, 12)) {
      console.log(
        `    ${String(stat.ms).padStart(6)} ms  ${String(stat.count).padStart(5)}×  max ${String(stat.maxMs).padStart(6)} ms  ${stat.kind}`
      );
    }
    if (!profiledCheck.ok)
      throw new Error(
        `the instrumented sweep failed verification: ${profiledCheck.problems.join('; ')}`
      );

    const plans = [];
    const analyze = options.db === 'postgres';
    const explainWord = analyze ? 'EXPLAIN ANALYZE' : 'EXPLAIN QUERY PLAN';
    const showPlan = async (kind, title, { full = false, write = false } = {}) => {
      const statement = profile.captured[kind];
      if (!statement) return log(`plan, ${title}: the sweep sent no "${kind}" statement`);
      const plan = await state.explainStatement(statement, { analyze: analyze && !write });
      plans.push({ kind, title, ...plan });
      log(
        `plan, ${title} (${write ? 'EXPLAIN' : explainWord}): items read via ${plan.indexes.join(' + ') || '?'}` +
          (plan.executionMs !== undefined ? `, ${plan.executionMs} ms` : '') +
          (plan.walksTable ? ' — walks the whole table, not a sweep index' : '')
      );
      for (const line of full ? plan.lines : plan.scanLines)
        console.log(`    ${full ? line : line.trim()}`);
    };
    // State now: nothing left overdue, i.e. what the sweep's last (empty) pages meet.
    await showPlan(
      'select candidates (escalate)',
      'escalation candidates, the last page (nothing left overdue)'
    );
    await showPlan(
      'select candidates (flag)',
      'county overdue-flag candidates (none overdue at county)'
    );
    await state.reset(options.due, new Date());
    await showPlan(
      'select candidates (escalate)',
      `escalation candidates, first page (${options.due} overdue)`,
      { full: true }
    );
    await showPlan('update items (escalate group)', 'escalation group UPDATE … WHERE id IN (…)', {
      write: true,
    });

    // 4. Measurement.
    const runs = [];
    const runOnce = async (contender, due, round) => {
      const now = new Date();
      await state.reset(due, now);
      const runNow = new Date();
      const started = process.hrtime.bigint();
      let detail;
      if (contender === 'sweep') {
        detail = await minyiService(strapi, 'escalation-sweep').run(runNow);
      } else {
        let lastPrint = 0;
        detail = await naiveSweep(strapi, runNow, domain, {
          statusField: state.statusColumn,
          budgetMs: options.naiveBudget * 1000,
          onProgress(done, total, elapsed) {
            if (elapsed - lastPrint < 30000) return;
            lastPrint = elapsed;
            log(
              `  naive: ${done}/${total} items in ${seconds(elapsed)} (${(elapsed / done).toFixed(1)} ms/item)`
            );
          },
        });
      }
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (detail.aborted) {
        const run = {
          contender,
          due,
          round,
          ms,
          aborted: true,
          done: detail.done,
          perItemMs: ms / detail.done,
        };
        log(
          `naive    due ${due}: stopped after ${detail.done} items in ${seconds(ms)} (${run.perItemMs.toFixed(1)} ms/item): ` +
            `on course for ${seconds(run.perItemMs * due)}, over the --naive-budget of ${options.naiveBudget} s`
        );
        return run;
      }
      const check = await state.verify(due, runNow);
      const run = { contender, due, round, ms, perItemMs: ms / due, detail, verified: check };
      runs.push(run);
      const what =
        contender === 'sweep'
          ? `escalated ${detail.escalated}, flagged ${detail.flaggedOverdue}, warned ${detail.warned}`
          : `${detail.total} candidates (paged in ${detail.loadedMs} ms), escalated ${detail.counts.escalated}`;
      log(
        `${contender.padEnd(5)} due ${due} round ${round}: ${ms.toFixed(0)} ms — ${what}; verified: ${check.ok ? 'ok' : check.problems.join('; ')}`
      );
      if (!check.ok)
        throw new Error(`${contender} run failed verification: ${check.problems.join('; ')}`);
      return run;
    };

    let naiveDue = options.naiveDue ?? options.due;
    const order = (round) => (round % 2 === 1 ? ['sweep', 'naive'] : ['naive', 'sweep']);
    for (let round = 1; round <= options.rounds; round++) {
      for (const contender of order(round)) {
        if (contender === 'sweep') {
          await runOnce('sweep', options.due, round);
          if (naiveDue !== options.due) await runOnce('sweep', naiveDue, round);
          continue;
        }
        const run = await runOnce('naive', naiveDue, round);
        if (run.aborted) {
          // Too slow for the budget at this count: measure it on as many items as fit in half the budget.
          const fits = Math.floor((options.naiveBudget * 1000 * 0.5) / run.perItemMs / 1000) * 1000;
          naiveDue = Math.max(
            Math.min(1000, Math.floor(naiveDue / 2)),
            Math.min(naiveDue - 1000, fits)
          );
          log(
            `naive loop: falling back to ${naiveDue} overdue items, extrapolated per item to ${options.due}`
          );
          await runOnce('naive', naiveDue, round);
          if (order(round)[0] === 'sweep') await runOnce('sweep', naiveDue, round);
        }
      }
    }

    // 5. Report.
    const times = (contender, due) =>
      runs.filter((r) => r.contender === contender && r.due === due).map((r) => r.ms);
    const sweepFull = median(times('sweep', options.due));
    const label = options.db === 'sqlite' && options.analyze ? 'sqlite+ANALYZE' : options.db;
    const rows = [];
    const summary = { sweepMs: sweepFull, due: options.due };
    if (naiveDue === options.due) {
      const naive = median(times('naive', options.due));
      Object.assign(summary, { naiveMs: naive, ratio: naive / sweepFull, extrapolated: false });
      rows.push([
        label,
        totalItems,
        options.due,
        sweepFull.toFixed(0),
        naive.toFixed(0),
        (naive / sweepFull).toFixed(1),
        'measured',
      ]);
    } else {
      const sweepSmall = median(times('sweep', naiveDue));
      const naiveSmall = median(times('naive', naiveDue));
      const naiveExtrapolated = (naiveSmall / naiveDue) * options.due;
      Object.assign(summary, {
        naiveDue,
        naiveMsAtNaiveDue: naiveSmall,
        sweepMsAtNaiveDue: sweepSmall,
        ratioAtNaiveDue: naiveSmall / sweepSmall,
        naiveMs: naiveExtrapolated,
        ratio: naiveExtrapolated / sweepFull,
        extrapolated: true,
      });
      rows.push([
        label,
        totalItems,
        naiveDue,
        sweepSmall.toFixed(0),
        naiveSmall.toFixed(0),
        (naiveSmall / sweepSmall).toFixed(1),
        'measured',
      ]);
      rows.push([
        label,
        totalItems,
        options.due,
        sweepFull.toFixed(0),
        `~${naiveExtrapolated.toFixed(0)}`,
        `~${(naiveExtrapolated / sweepFull).toFixed(1)}`,
        `naive EXTRAPOLATED per item from ${naiveDue}`,
      ]);
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
      databaseVersion:
        options.db === 'postgres'
          ? (await knex.raw('SHOW server_version')).rows[0].server_version
          : (await knex.raw('SELECT sqlite_version() AS v'))[0].v,
      settings: { ...options, help: undefined },
      items: totalItems,
      seed,
      dueSet: chosen,
      indexes: indexDefinitions,
      plans,
      runs,
      profile: { ...profile, summary: profiledSummary, verified: profiledCheck },
      summary,
      targets: {
        postgresUnder5s: options.db === 'postgres' ? sweepFull < 5000 : undefined,
        atLeast20xNaive: summary.ratio >= 20,
      },
    };
    const dir = path.join(__dirname, 'results');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `sweep-${report.date.replace(/[:.]/g, '-')}-${options.db}.json`);
    fs.writeFileSync(file, JSON.stringify(report, null, 2) + '\n');

    console.log('');
    console.log(
      `${options.db} ${report.databaseVersion}, ${report.machine.cpus} cores, load ${report.machine.loadavg.map((l) => l.toFixed(1)).join(' ')}, ` +
        `median of ${options.rounds} round(s), alternating`
    );
    console.log(table(rows));
    console.log(
      `targets: ${options.db === 'postgres' ? `sweep < 5 s on PostgreSQL: ${sweepFull < 5000 ? 'met' : 'MISSED'}; ` : ''}` +
        `≥ 20× the naive loop: ${summary.ratio >= 20 ? 'met' : 'MISSED'}${summary.extrapolated ? ' (naive extrapolated)' : ''}`
    );
    console.log(`results: ${path.relative(ROOT, file)}`);
    return 0;
  } finally {
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    let message = String(error && error.stack ? error.stack : error);
    if (message.length > 3000) message = `${message.slice(0, 1200)} … ${message.slice(-1200)}`;
    console.error(`[bench:sweep] ${message}`);
    process.exit(1);
  }
);
