'use strict';

/**
 * The sweep benchmark's starting state, made and checked with set-based SQL.
 *
 * choose(): the due set — `due` active, unpaused items at grid or township level with a deadline,
 * spread evenly over the table by id (row n of the eligible rows in id order is taken when
 * n·due mod eligible < due: exactly `due` rows, reproducible, not bunched at the start of the
 * primary key). Their status, level, escalation count and
 * assigned-grid link are kept in two bench tables (bench_sweep_due, bench_sweep_links), together
 * with the highest item-event and outbox ids, so every run can be undone.
 *
 * reset(count): the first `count` of the due set (by rank) become overdue (due_at = now − 1 h,
 * warned/flagged cleared), the rest of the due set and every other active item with a deadline get
 * a deadline a year ahead — neither due nor inside any warning window — and what the previous run
 * wrote (events, outbox messages, level/status/count, assigned grid) is undone.
 *
 * verify(count): exactly `count` items escalated one level, each with one `escalated` event, all
 * of them in the chosen set, nothing else touched, nothing left overdue.
 *
 * explainStatement(): the plan of one statement the sweep sent, as captured by sweep-profile.js.
 */
const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const SNAPSHOT = 'bench_sweep_due';
const LINKS = 'bench_sweep_links';
const ASSIGNED = 'items_assigned_grid_lnk';
/** What the runs write, vacuumed before each run on PostgreSQL. */
const WRITTEN_TABLES = [
  'items',
  ASSIGNED,
  'item_events',
  'item_events_item_lnk',
  'minyi_outbox_messages',
];

/**
 * The item's workflow status column: `state` since the content manager reserved `status`
 * (docs/decisions.md), `status` before. The bench follows whichever the item type declares.
 */
function statusColumn(strapi) {
  return strapi.contentType('api::item.item').attributes.state ? 'state' : 'status';
}

function createState(strapi, { ACTIVE_STATUSES, LEVELS, nextLevel }) {
  const knex = strapi.db.connection;
  const S = statusColumn(strapi);
  const isPg = strapi.db.dialect.client === 'postgres';
  const escalatable = LEVELS.filter((level) => nextLevel(level) !== null);
  const num = (value) => Number(value ?? 0);
  const one = async (query) => {
    const rows = await query;
    const row = Array.isArray(rows) ? rows[0] : rows?.rows?.[0];
    return row ? Object.values(row)[0] : undefined;
  };
  const raw = async (sql, bindings = []) => {
    const result = await knex.raw(sql, bindings);
    return isPg ? result.rows : result;
  };
  const inList = (values) => values.map(() => '?').join(', ');

  let baseline = null; // { eventId, outboxId, far }

  async function dropTables() {
    await knex.schema.dropTableIfExists(LINKS);
    await knex.schema.dropTableIfExists(SNAPSHOT);
  }

  /** Picks the due set and snapshots it. Returns { eligible, step, chosen, levels }. */
  async function choose(due, now) {
    await dropTables();
    await knex.schema.createTable(SNAPSHOT, (t) => {
      t.integer('id').primary();
      t.integer('rank').notNullable();
      t.string('status');
      t.string('level');
      t.integer('escalation_count');
    });
    const eligibleWhere =
      `${S} IN (${inList(ACTIVE_STATUSES)}) AND paused_at IS NULL AND due_at IS NOT NULL ` +
      `AND level IN (${inList(escalatable)})`;
    const eligibleBindings = [...ACTIVE_STATUSES, ...escalatable];
    const eligible = num(
      await one(
        knex.raw(`SELECT count(*) AS n FROM items WHERE ${eligibleWhere}`, eligibleBindings)
      )
    );
    if (eligible < due) {
      throw new Error(
        `only ${eligible} active grid/township items with a deadline: cannot make ${due} overdue`
      );
    }
    await knex.raw(
      `INSERT INTO ${SNAPSHOT} (id, rank, status, level, escalation_count)
       SELECT id, row_number() OVER (ORDER BY id), status, level, escalation_count FROM (
         SELECT id, ${S} AS status, level, escalation_count, row_number() OVER (ORDER BY id) AS rn
         FROM items WHERE ${eligibleWhere}
       ) eligible WHERE (rn * ?) % ? < ? ORDER BY id`,
      [...eligibleBindings, due, eligible, due]
    );

    const linkColumns = Object.keys(await knex(ASSIGNED).columnInfo()).filter(
      (column) => column !== 'id'
    );
    await knex.raw(
      `CREATE TABLE ${LINKS} AS SELECT ${linkColumns.join(', ')} FROM ${ASSIGNED} WHERE item_id IN (SELECT id FROM ${SNAPSHOT})`
    );
    const levels = await raw(
      `SELECT level, count(*) AS n FROM ${SNAPSHOT} GROUP BY level ORDER BY level`
    );
    baseline = {
      eventId: num(await one(knex('item_events').max('id as m'))),
      outboxId: num(await one(knex('minyi_outbox_messages').max('id as m'))),
      far: new Date(now.getTime() + 365 * DAY),
      linkColumns,
    };
    const span = (await raw(`SELECT min(id) AS lo, max(id) AS hi FROM ${SNAPSHOT}`))[0];
    return {
      eligible,
      idRange: [num(span.lo), num(span.hi)],
      chosen: num(await one(knex(SNAPSHOT).count('* as n'))),
      levels: Object.fromEntries(levels.map((row) => [row.level, num(row.n)])),
    };
  }

  /** Undoes the previous run and makes the first `count` of the due set overdue at `now`. */
  async function reset(count, now) {
    const { eventId, outboxId, far, linkColumns } = baseline;
    const past = new Date(now.getTime() - HOUR);
    await strapi.db.transaction(async ({ trx }) => {
      for (const table of ['item_events_item_lnk', 'item_events_actor_lnk']) {
        if (await trx.schema.hasTable(table))
          await trx(table).where('item_event_id', '>', eventId).delete();
      }
      await trx('item_events').where('id', '>', eventId).delete();
      await trx('minyi_outbox_messages').where('id', '>', outboxId).delete();

      // Two statements, not one CASE: PostgreSQL types a bare parameter by the column it is assigned to.
      for (const [dueAt, rankTest] of [
        [past, '<='],
        [far, '>'],
      ]) {
        await trx.raw(
          `UPDATE items SET ${S} = s.status, level = s.level, escalation_count = s.escalation_count,
             due_at = ?, warned_at = NULL, overdue_flagged_at = NULL, paused_at = NULL
           FROM ${SNAPSHOT} s WHERE items.id = s.id AND s.rank ${rankTest} ?`,
          [dueAt, count]
        );
      }
      await trx(ASSIGNED).whereIn('item_id', trx(SNAPSHOT).select('id')).delete();
      await trx.raw(
        `INSERT INTO ${ASSIGNED} (${linkColumns.join(', ')}) SELECT ${linkColumns.join(', ')} FROM ${LINKS}`
      );
      // Everything else that is active: a deadline a year ahead (a no-op after the first reset).
      await trx('items')
        .whereIn(S, ACTIVE_STATUSES)
        .whereNotNull('due_at')
        .whereNotIn('id', trx(SNAPSHOT).select('id'))
        .where((q) =>
          q
            .whereNot('due_at', far)
            .orWhereNotNull('warned_at')
            .orWhereNotNull('overdue_flagged_at')
            .orWhereNotNull('paused_at')
        )
        .update({ due_at: far, warned_at: null, overdue_flagged_at: null, paused_at: null });
    });
    if (isPg) await vacuum(WRITTEN_TABLES);
    const overdue = await overdueCount(now);
    if (overdue !== count)
      throw new Error(`reset: ${overdue} items are overdue, expected ${count}`);
  }

  /**
   * PostgreSQL: VACUUM ANALYZE, so that every run starts without the dead rows of the runs before
   * it and with fresh statistics. Production has autovacuum for this; the shared test server runs
   * with autovacuum = off, so without it dead index entries pile up run after run.
   */
  async function vacuum(tables) {
    for (const table of tables) {
      if (await knex.schema.hasTable(table)) await knex.raw('VACUUM ANALYZE ??', [table]);
    }
  }

  async function allTables() {
    const rows = await raw(
      `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`
    );
    return rows.map((row) => row.tablename);
  }

  async function overdueCount(now) {
    return num(
      await one(
        knex('items')
          .whereIn(S, ACTIVE_STATUSES)
          .whereNull('paused_at')
          .whereNotNull('due_at')
          .where('due_at', '<', now)
          .count('* as n')
      )
    );
  }

  /** Checks what a run did. Returns { escalated, events: {type: n}, ok, problems[] }. */
  async function verify(count, now) {
    const { eventId } = baseline;
    const problems = [];
    const byType = await raw(
      `SELECT e.type AS type, count(*) AS n, count(DISTINCT l.item_id) AS items
       FROM item_events e LEFT JOIN item_events_item_lnk l ON l.item_event_id = e.id
       WHERE e.id > ? GROUP BY e.type`,
      [eventId]
    );
    const events = Object.fromEntries(byType.map((row) => [row.type, num(row.n)]));
    const escalatedEvents = byType.find((row) => row.type === 'escalated');
    const eventItems = num(escalatedEvents?.items);
    const eventsInSet = num(
      await one(
        knex.raw(
          `SELECT count(DISTINCT l.item_id) AS n FROM item_events e
           JOIN item_events_item_lnk l ON l.item_event_id = e.id
           JOIN ${SNAPSHOT} s ON s.id = l.item_id
           WHERE e.id > ? AND e.type = 'escalated' AND s.rank <= ?`,
          [eventId, count]
        )
      )
    );
    const escalated = num(
      await one(
        knex.raw(
          `SELECT count(*) AS n FROM items i JOIN ${SNAPSHOT} s ON s.id = i.id
           WHERE s.rank <= ? AND i.${S} = 'escalated'
             AND i.level = CASE s.level WHEN 'grid' THEN 'township' WHEN 'township' THEN 'county' END
             AND i.escalation_count = coalesce(s.escalation_count, 0) + 1
             AND i.due_at > ?`,
          [count, now]
        )
      )
    );
    const strayed = num(
      await one(
        knex.raw(
          `SELECT count(*) AS n FROM items i JOIN ${SNAPSHOT} s ON s.id = i.id
           WHERE s.rank > ? AND (i.level <> s.level OR i.${S} <> s.status)`,
          [count]
        )
      )
    );
    const left = await overdueCount(now);
    if (num(escalatedEvents?.n) !== count)
      problems.push(`${num(escalatedEvents?.n)} escalated events, expected ${count}`);
    if (eventItems !== count)
      problems.push(`escalated events on ${eventItems} items, expected ${count}`);
    if (eventsInSet !== count)
      problems.push(`${eventsInSet} escalated events on items of the due set, expected ${count}`);
    if (escalated !== count)
      problems.push(`${escalated} items escalated one level, expected ${count}`);
    if (strayed !== 0)
      problems.push(`${strayed} items outside the overdue part changed level or status`);
    if (left !== 0) problems.push(`${left} items still overdue`);
    return { escalated, events, ok: problems.length === 0, problems };
  }

  /**
   * EXPLAIN of a statement the sweep sent (captured by bench/lib/sweep-profile.js: SQL with `?`
   * placeholders, and its bindings). `analyze` (PostgreSQL only, never for writes) runs it too.
   * Returns { lines, scanLines: the lines that read the items table itself, indexes: what they use,
   * walksTable: a primary-key walk or a full scan of items, executionMs }.
   */
  async function explainStatement({ sql: sent, bindings }, { analyze = false } = {}) {
    // knex reports PostgreSQL statements with $1, $2 … (numbered in order); knex.raw wants `?`.
    const sql = isPg ? sent.replace(/\$\d+\b/g, '?') : sent;
    let lines;
    if (isPg) {
      const rows = await raw(`EXPLAIN ${analyze ? '(ANALYZE, BUFFERS) ' : ''}${sql}`, bindings);
      lines = rows.map((row) => row['QUERY PLAN']);
    } else {
      const rows = await raw(`EXPLAIN QUERY PLAN ${sql}`, bindings);
      lines = rows.map((row) => row.detail);
    }
    const itemsIndex = /\bitems_(?!\w*_lnk)\w+/g;
    const scanLines = lines.filter(
      (line) =>
        /\bitems_(?!\w*_lnk)\w+/.test(line) ||
        / on items\b(?!_)/.test(line) ||
        /^(SEARCH|SCAN) (i|items)\b/.test(line.trim())
    );
    const indexes = [
      ...new Set(
        scanLines.flatMap((line) => [
          ...(line.match(itemsIndex) ?? []),
          ...(/(SEARCH|SCAN) (i|items) USING INTEGER PRIMARY KEY/.test(line)
            ? ['rowid (primary key)']
            : []),
          ...(/^SCAN (i|items)$/.test(line.trim()) || /Seq Scan on items\b(?!_)/.test(line)
            ? ['full table scan']
            : []),
        ])
      ),
    ];
    const timeLine = lines.find((line) => /Execution Time/.test(line));
    const isSelect = /^\s*select/i.test(sql);
    return {
      sql,
      lines,
      scanLines,
      indexes,
      walksTable:
        indexes.includes('full table scan') || (isSelect && indexes.includes('items_pkey')),
      executionMs: timeLine ? Number(/([\d.]+) ms/.exec(timeLine)[1]) : undefined,
    };
  }

  async function indexes() {
    if (isPg) {
      const rows = await raw(
        `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'items' ORDER BY indexname`
      );
      return rows.map((row) => row.indexdef);
    }
    const rows = await raw(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'items' ORDER BY name`
    );
    return rows.map((row) => row.sql || `${row.name} (automatic)`);
  }

  /** Puts the due set back as it was found (deadlines stay as reset left them) and drops the bench tables. */
  async function restore(now) {
    if (!baseline) return;
    await reset(0, now).catch(() => undefined);
    await dropTables();
  }

  return {
    statusColumn: S,
    choose,
    reset,
    verify,
    explainStatement,
    indexes,
    restore,
    overdueCount,
    vacuum,
    allTables,
    dropTables,
  };
}

module.exports = { createState, statusColumn };
