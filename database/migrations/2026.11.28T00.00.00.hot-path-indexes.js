'use strict';

/**
 * Indexes for the hot paths that schema.json cannot express: the escalation sweep (level + state + due),
 * unit-scoped lists (level + materialised grid path), tracking lookups, and an item's history.
 *
 * Strapi runs user migrations *before* it syncs the schema, so on a fresh database these tables do
 * not exist yet when this file runs. The app therefore also calls `up` after every schema sync
 * (the `strapi::content-types.afterSync` hook in src/index.ts); `up` is idempotent on SQLite and
 * PostgreSQL, so running it twice is harmless.
 */
const OPEN_STATES =
  "state in ('submitted', 'accepted', 'assigned', 'in-progress', 'escalated', 'extended', 'returned', 'reopened')";
const OPEN = `${OPEN_STATES} and paused_at is null`;

const INDEXES = [
  // Warning candidates (a narrow due_at window per level and open state), and unit dashboards.
  { table: 'items', name: 'items_level_state_due_at_idx', columns: ['level', 'state', 'due_at'] },
  // The sweep's candidates, oldest deadline first: open, unpaused items below the county (escalate) or
  // at the county and not yet flagged (flag-overdue) — a few per cent of the table. Each condition is
  // the plugin's sweepCandidateCondition() word for word (tests/unit/hot-path-indexes.test.ts), because
  // SQLite uses a partial index only for a query that repeats its terms.
  {
    table: 'items',
    name: 'items_escalation_due_idx',
    columns: ['due_at'],
    where: `${OPEN} and level in ('grid', 'township')`,
  },
  {
    table: 'items',
    name: 'items_overdue_flag_due_idx',
    columns: ['due_at'],
    where: `${OPEN} and level = 'county' and overdue_flagged_at is null`,
  },
  {
    table: 'items',
    name: 'items_level_grid_path_idx',
    columns: ['level', 'grid_path'],
    prefixSearch: 'grid_path',
  },
  {
    table: 'items',
    name: 'items_grid_path_idx',
    columns: ['grid_path'],
    prefixSearch: 'grid_path',
  },
  { table: 'items', name: 'items_tracking_code_uq', columns: ['tracking_code'], unique: true },
  { table: 'items', name: 'items_received_at_idx', columns: ['received_at'] },
  {
    table: 'items_lead_department_lnk',
    name: 'items_lead_department_lnk_unit_idx',
    columns: ['department_id', 'item_id'],
  },
  {
    table: 'items_assigned_grid_lnk',
    name: 'items_assigned_grid_lnk_unit_idx',
    columns: ['grid_id', 'item_id'],
  },
  {
    table: 'item_events_item_lnk',
    name: 'item_events_item_lnk_history_idx',
    columns: ['item_id', 'item_event_id'],
  },
  { table: 'item_events', name: 'item_events_at_idx', columns: ['at'] },
  { table: 'grids', name: 'grids_path_idx', columns: ['path'], prefixSearch: 'path' },
  // The outbox's dedupe key makes every notification go out once (plugins/minyi outbox-message).
  {
    table: 'minyi_outbox_messages',
    name: 'minyi_outbox_messages_dedupe_key_uq',
    columns: ['dedupe_key'],
    unique: true,
  },
  {
    table: 'minyi_outbox_messages',
    name: 'minyi_outbox_messages_due_idx',
    columns: ['state', 'next_attempt_at'],
  },
  // Public stats and unit metrics by period: the received_at range with every column the metrics read,
  // so GET /api/stats and the township metrics are index-only scans on PostgreSQL (issue 5).
  {
    table: 'items',
    name: 'items_metrics_idx',
    // id last: the department metrics join the lead-department links on it without visiting the table.
    columns: [
      'received_at',
      'state',
      'satisfaction',
      'grid_path',
      'accepted_at',
      'resolved_at',
      'due_at',
      'id',
    ],
  },
  // One spot-check sample per month, also when two instances draw at once (issue 5).
  { table: 'spot_checks', name: 'spot_checks_period_uq', columns: ['period'], unique: true },
  // The workbench (issue 10): a tab is a set of states and a due window, its rows ordered by due.
  { table: 'items', name: 'items_workbench_state_due_idx', columns: ['state', 'due_at'] },
  // The dashboard's overdue and soon-due counts of a township or village (issue 11): its open items
  // only, by grid path prefix and due time — a few thousand entries where (state, due_at) would
  // visit every open item of the county in the table to read its grid path.
  {
    table: 'items',
    name: 'items_open_grid_due_idx',
    columns: ['grid_path', 'due_at'],
    prefixSearch: 'grid_path',
    where: OPEN_STATES,
  },
  // The workbench's page of an open tab, overdue first then by due — which is due_at ascending, nulls
  // last, then id: one ordered walk of the open items stops at the page, where the (state, due_at)
  // index over several states had to fetch and sort the whole tab (0.2 s for 36,000 items at 580k).
  // PostgreSQL matches the tab's `state in (…)` to this predicate (its values are bound per request).
  {
    table: 'items',
    name: 'items_workbench_open_due_idx',
    columns: ['due_at', 'id'],
    where: OPEN_STATES,
  },
  // A department's workbench: the items it co-handles (it leads: items_lead_department_lnk_unit_idx).
  {
    table: 'items_co_departments_lnk',
    name: 'items_co_departments_lnk_unit_idx',
    columns: ['department_id', 'item_id'],
  },
  // Workbench search by the resident's phone, and the intake's duplicate check (issue 10).
  { table: 'items', name: 'items_submitter_phone_idx', columns: ['submitter_phone'] },
  // The mails about an item, on its panel (issue 10).
  {
    table: 'minyi_outbox_messages',
    name: 'minyi_outbox_messages_item_idx',
    columns: ['item_document_id'],
  },
];

// Indexes an earlier version of this list created, replaced by better ones above.
const SUPERSEDED = ['items_status_due_at_idx', 'items_state_due_at_idx', 'items_unflagged_due_idx'];

const isPostgres = (knex) => ['pg', 'postgres', 'postgresql'].includes(knex.client.config.client);

// PostgreSQL only uses a btree index for `LIKE 'prefix%'` under the C collation or a pattern opclass.
const columnSql = (knex, index, column) =>
  index.prefixSearch === column && isPostgres(knex) ? '?? varchar_pattern_ops' : '??';

async function up(knex) {
  for (const name of SUPERSEDED) await knex.raw('DROP INDEX IF EXISTS ??', [name]);
  for (const index of INDEXES) {
    if (!(await knex.schema.hasTable(index.table))) continue;
    const columns = index.columns.map((column) => columnSql(knex, index, column)).join(', ');
    // `where` is a fixed string from this file, never user input.
    const partial = index.where ? ` WHERE ${index.where}` : '';
    await knex.raw(
      `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ?? ON ?? (${columns})${partial}`,
      [index.name, index.table, ...index.columns]
    );
  }
}

/**
 * PostgreSQL trigram indexes (pg_trgm, GIN) for substring search: the workbench's title search is
 * `title ILIKE '%…%'`, which no btree serves. The extension is the database's, and creating it may
 * be refused to the app's role (it needs CREATE on the database, or a DBA): then nothing is created
 * and the answer says why, so the caller can log it — the search still works, by scanning the tab.
 * Not part of `up`: Strapi's migration runner knows no logger; the app calls it after each schema
 * sync (src/bootstrap/indexes.ts).
 */
const TRIGRAM_INDEXES = [{ table: 'items', name: 'items_title_trgm_idx', column: 'title' }];

const trigramSchema = async (knex) => {
  const { rows } = await knex.raw(
    "SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'"
  );
  return rows[0]?.schema ?? null;
};

/** → { state: 'created' } | { state: 'not-postgres' } | { state: 'unavailable', reason } */
async function ensureTrigramIndexes(knex) {
  if (!isPostgres(knex)) return { state: 'not-postgres' };
  let schema = await trigramSchema(knex);
  if (!schema) {
    try {
      await knex.raw('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    } catch (error) {
      // Another instance may have created it meanwhile; anything else is a refusal.
      if (!(await trigramSchema(knex))) return { state: 'unavailable', reason: error.message };
    }
    schema = await trigramSchema(knex);
  }
  for (const index of TRIGRAM_INDEXES) {
    if (!(await knex.schema.hasTable(index.table))) continue;
    // The operator class lives in the extension's schema, which need not be on the search path
    // (an extension is the database's; the app may run in a schema of its own).
    await knex.raw(`CREATE INDEX IF NOT EXISTS ?? ON ?? USING gin (?? ??.gin_trgm_ops)`, [
      index.name,
      index.table,
      index.column,
      schema,
    ]);
  }
  return { state: 'created' };
}

async function down(knex) {
  for (const index of [...INDEXES, ...TRIGRAM_INDEXES]) {
    await knex.raw('DROP INDEX IF EXISTS ??', [index.name]);
  }
}

module.exports = { up, down, ensureTrigramIndexes, INDEXES, TRIGRAM_INDEXES };
