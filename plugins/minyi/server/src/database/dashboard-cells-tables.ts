import type { Core } from '@strapi/strapi';

/**
 * The tables behind the dashboard's pre-aggregated cells (dashboard-cells.ts, domain/dashboard-cells.ts),
 * created with plain SQL after every schema sync, like the public stats' day cells beside them:
 *
 * - minyi_dashboard_cells: per (local month yyyymm, township code, facet, unit key) the counts of
 *   the items received that month and not refused (received, signed off, handled, on time, rated,
 *   satisfied, escalated);
 * - minyi_dashboard_members: per counted item, the cells it counts in and what it adds there — the
 *   memory a refresh subtracts when the item changes;
 * - minyi_dashboard_dirty: the ids of items changed since the last refresh, written by triggers in
 *   the writer's own transaction: on `items` (insert, delete, an update of a column the cells
 *   read) and on the item's lead-department and category links (a relation is a row there, not a
 *   column of `items`). Ids only, nothing personal;
 * - minyi_dashboard_state: one row once the cells were built from all items, with the zone the
 *   months were cut in (another zone: rebuilt);
 * - minyi_dashboard_build: one row while the cells are being built in chunks (the zone, the next
 *   item id to read, who builds it and when it last advanced); gone once built.
 */
export const DASHBOARD_CELLS_TABLE = 'minyi_dashboard_cells';
export const DASHBOARD_MEMBERS_TABLE = 'minyi_dashboard_members';
export const DASHBOARD_DIRTY_TABLE = 'minyi_dashboard_dirty';
export const DASHBOARD_STATE_TABLE = 'minyi_dashboard_state';
export const DASHBOARD_BUILD_TABLE = 'minyi_dashboard_build';
const ITEMS_TABLE = 'items';
/** Link tables whose rows change what an item counts for (Strapi's relation tables). */
export const DASHBOARD_LINK_TABLES = ['items_lead_department_lnk', 'items_category_lnk'] as const;
/** The columns of `items` a cell depends on. Fixed names, never input. */
export const DASHBOARD_WATCHED = [
  'received_at',
  'state',
  'accepted_at',
  'resolved_at',
  'due_at',
  'satisfaction',
  'escalation_count',
  'channel',
  'grid_path',
] as const;

const ITEM_TRIGGERS = [
  'minyi_dashboard_items_added',
  'minyi_dashboard_items_deleted',
  'minyi_dashboard_items_changed',
];
const linkTriggers = (table: string) => [
  `minyi_dashboard_${table}_added`,
  `minyi_dashboard_${table}_deleted`,
  `minyi_dashboard_${table}_changed`,
];
const ALL_TRIGGERS = [...ITEM_TRIGGERS, ...DASHBOARD_LINK_TABLES.flatMap(linkTriggers)];

type Knex = Core.Strapi['db']['connection'];

async function foundTriggers(knex: Knex, isPostgres: boolean): Promise<number> {
  const marks = ALL_TRIGGERS.map(() => '?').join(', ');
  const found: unknown[] = isPostgres
    ? (
        await knex.raw(
          `SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = current_schema() AND t.tgname IN (${marks})`,
          ALL_TRIGGERS
        )
      ).rows
    : await knex.raw(
        `SELECT name FROM sqlite_master WHERE type = 'trigger' AND name IN (${marks})`,
        ALL_TRIGGERS
      );
  return found.length;
}

async function createTriggers(
  trx: Knex,
  isPostgres: boolean,
  schema: string | undefined
): Promise<void> {
  const dirty =
    isPostgres && schema ? `"${schema}".${DASHBOARD_DIRTY_TABLE}` : DASHBOARD_DIRTY_TABLE;
  const changed = DASHBOARD_WATCHED.map((c) =>
    isPostgres ? `OLD.${c} IS DISTINCT FROM NEW.${c}` : `OLD.${c} IS NOT NEW.${c}`
  ).join(' OR ');
  const targets: Array<{ table: string; names: string[]; id: string; watch: string }> = [
    { table: ITEMS_TABLE, names: ITEM_TRIGGERS, id: 'id', watch: DASHBOARD_WATCHED.join(', ') },
    ...DASHBOARD_LINK_TABLES.map((table) => ({
      table,
      names: linkTriggers(table),
      id: 'item_id',
      watch: '',
    })),
  ];
  for (const { table, names, id, watch } of targets) {
    const [added, deleted, changedName] = names;
    for (const name of names)
      await trx.raw(
        isPostgres ? `DROP TRIGGER IF EXISTS ${name} ON ${table}` : `DROP TRIGGER IF EXISTS ${name}`
      );
    const mark = (row: 'OLD' | 'NEW') => `INSERT INTO ${dirty} (item_id) VALUES (${row}.${id})`;
    if (isPostgres) {
      const fn = (row: 'OLD' | 'NEW', both: boolean) => {
        const name = `minyi_dashboard_mark_${table}_${row.toLowerCase()}${both ? '_both' : ''}`;
        return { name, body: both ? `${mark('OLD')}; ${mark('NEW')};` : `${mark(row)};` };
      };
      const functions = [fn('NEW', false), fn('OLD', false), fn('NEW', true)];
      for (const f of functions)
        await trx.raw(
          `CREATE OR REPLACE FUNCTION ${f.name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${f.body} RETURN NULL; END $$`
        );
      await trx.raw(
        `CREATE TRIGGER ${added} AFTER INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION ${functions[0].name}()`
      );
      await trx.raw(
        `CREATE TRIGGER ${deleted} AFTER DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${functions[1].name}()`
      );
      await trx.raw(
        watch
          ? `CREATE TRIGGER ${changedName} AFTER UPDATE OF ${watch} ON ${table} FOR EACH ROW WHEN (${changed}) EXECUTE FUNCTION ${functions[2].name}()`
          : `CREATE TRIGGER ${changedName} AFTER UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${functions[2].name}()`
      );
      continue;
    }
    await trx.raw(`CREATE TRIGGER ${added} AFTER INSERT ON ${table} BEGIN ${mark('NEW')}; END`);
    await trx.raw(`CREATE TRIGGER ${deleted} AFTER DELETE ON ${table} BEGIN ${mark('OLD')}; END`);
    await trx.raw(
      watch
        ? `CREATE TRIGGER ${changedName} AFTER UPDATE OF ${watch} ON ${table} WHEN ${changed} BEGIN ${mark('OLD')}; ${mark('NEW')}; END`
        : `CREATE TRIGGER ${changedName} AFTER UPDATE ON ${table} BEGIN ${mark('OLD')}; ${mark('NEW')}; END`
    );
  }
}

/**
 * Creates the tables and the triggers when missing; idempotent. When a trigger had to be (re)made
 * (a fresh database, or SQLite rebuilding a table during a schema sync, which drops its triggers)
 * changes may have gone unmarked, so the state row (and a build under way) is removed: the next
 * refresh rebuilds every cell.
 */
export async function ensureDashboardCellTables(strapi: Core.Strapi): Promise<void> {
  const knex = strapi.db.connection;
  const isPostgres = strapi.db.dialect.client === 'postgres';
  const schemaBuilder = strapi.db.getSchemaConnection();
  for (const table of [ITEMS_TABLE, ...DASHBOARD_LINK_TABLES])
    if (!(await schemaBuilder.hasTable(table))) return;
  const timestamp = isPostgres ? 'timestamp(6)' : 'datetime';
  const flags = 'received, signed_off, handled, on_time, rated, satisfied, escalated'
    .split(', ')
    .map((c) => `${c} integer NOT NULL`)
    .join(', ');
  await knex.transaction(async (trx) => {
    // Instances booting together: one at a time (concurrent CREATE … IF NOT EXISTS / OR REPLACE can collide).
    if (isPostgres)
      await trx.raw(`SELECT pg_advisory_xact_lock(hashtext('minyi_dashboard_cell_tables'))`);
    await trx.raw(`CREATE TABLE IF NOT EXISTS ${DASHBOARD_CELLS_TABLE} (
      month integer NOT NULL, township varchar(255) NOT NULL, facet varchar(16) NOT NULL, unit_key varchar(255) NOT NULL,
      ${flags}, PRIMARY KEY (month, township, facet, unit_key))`);
    await trx.raw(`CREATE TABLE IF NOT EXISTS ${DASHBOARD_MEMBERS_TABLE} (
      item_id integer PRIMARY KEY, month integer NOT NULL, township varchar(255) NOT NULL,
      department varchar(255) NOT NULL, channel varchar(255) NOT NULL, category varchar(255) NOT NULL, ${flags})`);
    await trx.raw(`CREATE TABLE IF NOT EXISTS ${DASHBOARD_DIRTY_TABLE} (
      id ${isPostgres ? 'bigserial PRIMARY KEY' : 'integer PRIMARY KEY AUTOINCREMENT'}, item_id integer NOT NULL)`);
    await trx.raw(
      `CREATE TABLE IF NOT EXISTS ${DASHBOARD_STATE_TABLE} (id integer PRIMARY KEY, zone varchar(64) NOT NULL, built_at ${timestamp} NOT NULL, refreshed_at ${timestamp} NOT NULL)`
    );
    await trx.raw(
      `CREATE TABLE IF NOT EXISTS ${DASHBOARD_BUILD_TABLE} (id integer PRIMARY KEY, zone varchar(64) NOT NULL, next_id integer NOT NULL, owner varchar(64) NOT NULL, started_at ${timestamp} NOT NULL, heartbeat_at ${timestamp} NOT NULL)`
    );
    if ((await foundTriggers(trx, isPostgres)) === ALL_TRIGGERS.length) return;
    await createTriggers(trx, isPostgres, strapi.db.getSchemaName());
    // A build under way read ranges whose later changes may have gone unmarked: it starts over too.
    await trx(DASHBOARD_STATE_TABLE).delete();
    await trx(DASHBOARD_BUILD_TABLE).delete();
  });
}
