import type { Core } from '@strapi/strapi';
import { HANDLED_STATUSES, NOT_RECEIVED_STATUSES } from '../domain/metrics';

/**
 * The tables behind the pre-aggregated public stats (services/stats-aggregate.ts), created with
 * plain SQL after every schema sync (they are not content types: nobody edits them, and Strapi's
 * sync leaves tables it does not know alone):
 *
 * - minyi_stats_days: one cell per (local day received, township code; '' = no township) with the
 *   counts GET /api/stats shows (received, handled, rated, satisfied) of the items received that
 *   day and not refused;
 * - minyi_stats_changes: change marks, written by triggers on `items` in the writer's own
 *   transaction — whatever wrote it (workflow, admin content manager, seed, SQL by hand), whatever
 *   clock it used: what the cells read of a row (received_at, state, satisfaction, grid_path) with
 *   sign −1 as it was (update, delete) and +1 as it is (insert, update); only updates that change
 *   what a cell counts are marked — the received time, the satisfaction, the grid path, or whether
 *   the state is handled or refused (so the escalation sweep, moving open items between open states,
 *   marks nothing). Codes and times, nothing personal;
 * - minyi_stats_state: one row once the cells were built from all items.
 */
export const STATS_DAYS_TABLE = 'minyi_stats_days';
export const STATS_CHANGES_TABLE = 'minyi_stats_changes';
export const STATS_STATE_TABLE = 'minyi_stats_state';
const ITEMS_TABLE = 'items';

// SQLite has no "INSERT OR DELETE" trigger: one trigger per event there.
const PG_TRIGGERS = ['minyi_stats_items_added_or_deleted', 'minyi_stats_items_counted_changed'];
const SQLITE_TRIGGERS = [
  'minyi_stats_items_added',
  'minyi_stats_items_deleted',
  'minyi_stats_items_counted_changed',
];
// Triggers an earlier version created (it marked every state change).
const SUPERSEDED_TRIGGERS = ['minyi_stats_items_changed'];
// The columns a cell depends on. Fixed names, never input.
const WATCHED = ['received_at', 'state', 'satisfaction', 'grid_path'] as const;
const MARK_COLUMNS = ['sign', ...WATCHED].join(', ');

type Knex = Core.Strapi['db']['connection'];

async function missingTriggers(knex: Knex, isPostgres: boolean): Promise<boolean> {
  const names = isPostgres ? PG_TRIGGERS : SQLITE_TRIGGERS;
  const marks = names.map(() => '?').join(', ');
  const found: unknown[] = isPostgres
    ? (
        await knex.raw(
          `SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE c.relname = ? AND n.nspname = current_schema() AND t.tgname IN (${marks})`,
          [ITEMS_TABLE, ...names]
        )
      ).rows
    : await knex.raw(
        `SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND name IN (${marks})`,
        [ITEMS_TABLE, ...names]
      );
  return found.length < names.length;
}

async function createTriggers(
  trx: Knex,
  isPostgres: boolean,
  schema: string | undefined
): Promise<void> {
  const differs = (before: string, after: string) =>
    isPostgres ? `${before} IS DISTINCT FROM ${after}` : `${before} IS NOT ${after}`;
  const inList = (row: 'OLD' | 'NEW', values: readonly string[]) =>
    `(${row}.state IN (${values.map((v) => `'${v}'`).join(', ')}))`;
  const changed = [
    ...(['received_at', 'satisfaction', 'grid_path'] as const).map((c) =>
      differs(`OLD.${c}`, `NEW.${c}`)
    ),
    differs(inList('OLD', HANDLED_STATUSES), inList('NEW', HANDLED_STATUSES)),
    differs(inList('OLD', NOT_RECEIVED_STATUSES), inList('NEW', NOT_RECEIVED_STATUSES)),
  ].join(' OR ');
  if (isPostgres) {
    // Qualified, so a session with another search_path still marks the right table.
    const changes = schema ? `"${schema}".${STATS_CHANGES_TABLE}` : STATS_CHANGES_TABLE;
    const mark = (sign: number, row: 'OLD' | 'NEW') =>
      `INSERT INTO ${changes} (${MARK_COLUMNS}) VALUES (${sign}, ${WATCHED.map((c) => `${row}.${c}`).join(', ')})`;
    await trx.raw(`CREATE OR REPLACE FUNCTION minyi_stats_mark_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' AND OLD.received_at IS NOT NULL THEN ${mark(-1, 'OLD')}; END IF;
        IF TG_OP <> 'DELETE' AND NEW.received_at IS NOT NULL THEN ${mark(1, 'NEW')}; END IF;
        RETURN NULL;
      END $$`);
    for (const name of [...PG_TRIGGERS, ...SUPERSEDED_TRIGGERS])
      await trx.raw(`DROP TRIGGER IF EXISTS ${name} ON ${ITEMS_TABLE}`);
    const [addedOrDeleted, changedTrigger] = PG_TRIGGERS;
    await trx.raw(
      `CREATE TRIGGER ${addedOrDeleted} AFTER INSERT OR DELETE ON ${ITEMS_TABLE} FOR EACH ROW EXECUTE FUNCTION minyi_stats_mark_change()`
    );
    await trx.raw(
      `CREATE TRIGGER ${changedTrigger} AFTER UPDATE OF ${WATCHED.join(', ')} ON ${ITEMS_TABLE} FOR EACH ROW WHEN (${changed}) EXECUTE FUNCTION minyi_stats_mark_change()`
    );
    return;
  }
  for (const name of [...SQLITE_TRIGGERS, ...SUPERSEDED_TRIGGERS])
    await trx.raw(`DROP TRIGGER IF EXISTS ${name}`);
  const mark = (row: 'OLD' | 'NEW') =>
    `INSERT INTO ${STATS_CHANGES_TABLE} (${MARK_COLUMNS}) SELECT ${row === 'OLD' ? -1 : 1}, ${WATCHED.map((c) => `${row}.${c}`).join(', ')} WHERE ${row}.received_at IS NOT NULL;`;
  const [added, deleted, changedTrigger] = SQLITE_TRIGGERS;
  await trx.raw(`CREATE TRIGGER ${added} AFTER INSERT ON ${ITEMS_TABLE} BEGIN ${mark('NEW')} END`);
  await trx.raw(
    `CREATE TRIGGER ${deleted} AFTER DELETE ON ${ITEMS_TABLE} BEGIN ${mark('OLD')} END`
  );
  await trx.raw(
    `CREATE TRIGGER ${changedTrigger} AFTER UPDATE OF ${WATCHED.join(', ')} ON ${ITEMS_TABLE} WHEN ${changed} BEGIN ${mark('OLD')} ${mark('NEW')} END`
  );
}

/**
 * Creates the tables and the triggers when missing; idempotent. When a trigger had to be (re)made
 * (a fresh database, or SQLite rebuilding `items` during a schema sync, which drops its triggers)
 * changes may have gone unmarked, so the state row is removed: the next refresh rebuilds every cell.
 */
export async function ensureStatsAggregateTables(strapi: Core.Strapi): Promise<void> {
  const knex = strapi.db.connection;
  const isPostgres = strapi.db.dialect.client === 'postgres';
  const schemaBuilder = strapi.db.getSchemaConnection();
  if (!(await schemaBuilder.hasTable(ITEMS_TABLE))) return;
  const receivedAtType = isPostgres ? 'timestamp(6)' : 'datetime';
  await knex.transaction(async (trx) => {
    // Instances booting together: one at a time (concurrent CREATE … IF NOT EXISTS / OR REPLACE can collide).
    if (isPostgres)
      await trx.raw(`SELECT pg_advisory_xact_lock(hashtext('minyi_stats_aggregate_tables'))`);
    await trx.raw(`CREATE TABLE IF NOT EXISTS ${STATS_DAYS_TABLE} (
      day integer NOT NULL, township varchar(255) NOT NULL,
      received integer NOT NULL, handled integer NOT NULL, rated integer NOT NULL, satisfied integer NOT NULL,
      PRIMARY KEY (day, township))`);
    await trx.raw(`CREATE TABLE IF NOT EXISTS ${STATS_CHANGES_TABLE} (
      id ${isPostgres ? 'bigserial PRIMARY KEY' : 'integer PRIMARY KEY AUTOINCREMENT'}, sign smallint NOT NULL,
      received_at ${receivedAtType} NOT NULL, state varchar(255), satisfaction varchar(255), grid_path varchar(255))`);
    await trx.raw(
      `CREATE TABLE IF NOT EXISTS ${STATS_STATE_TABLE} (id integer PRIMARY KEY, built_at ${receivedAtType} NOT NULL, refreshed_at ${receivedAtType} NOT NULL)`
    );
    if (!(await missingTriggers(trx, isPostgres))) return;
    await createTriggers(trx, isPostgres, strapi.db.getSchemaName());
    await trx(STATS_STATE_TABLE).delete();
  });
}
