import type { Core } from '@strapi/strapi';
import { NOT_RECEIVED_STATUSES, type Bounds } from '../domain/metrics';
import { ACTIVE_STATUSES } from '../domain/vocabulary';
import { STATS_DAYS_TABLE } from '../database/stats-aggregate-tables';
import { HANDLED_SQL, ON_TIME_SQL, SATISFIED_SQL } from './item-metrics';
import { UID } from './uids';

type Knex = Core.Strapi['db']['connection'];
type QueryBuilder = ReturnType<Knex>;

/** What the dashboard's statements filter on: the whole county, a grid subtree or a department. */
export type DashboardFilter =
  | { kind: 'county' }
  | { kind: 'grid'; path: string; township: string | null; wholeTownship: boolean }
  | { kind: 'department'; id: number };

export interface DashboardCountRow {
  township?: string | null;
  department?: string | null;
  received: unknown;
  signed_off: unknown;
  handled: unknown;
  on_time: unknown;
  rated: unknown;
  satisfied: unknown;
  escalated: unknown;
}

/** A LIKE pattern matching every path under `path` (its own % and _ escaped). */
const prefixPattern = (path: string) => `${path.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The dashboard's grouped statements over items (services/stats/dashboard.ts turns their rows into
 * figures): every count by the metrics' own SQL pieces (HANDLED_SQL, ON_TIME_SQL, SATISFIED_SQL),
 * in the scope of a filter; the public stats' day cells for a trend; the open items and the
 * overdue rectification notices of a scope.
 */
export function dashboardItemsRepository(strapi: Core.Strapi) {
  const knex = (): Knex => strapi.db.connection;

  function scoped(query: QueryBuilder, filter: DashboardFilter): QueryBuilder {
    if (filter.kind === 'grid')
      return query.whereRaw(`i.grid_path LIKE ? ESCAPE '\\'`, [prefixPattern(filter.path)]);
    if (filter.kind === 'department')
      return query.where((where) =>
        where
          .whereExists((sub) =>
            sub
              .select(knex().raw('1'))
              .from('items_lead_department_lnk as sl')
              .whereRaw('sl.item_id = i.id')
              .where('sl.department_id', filter.id)
          )
          .orWhereExists((sub) =>
            sub
              .select(knex().raw('1'))
              .from('items_co_departments_lnk as sc')
              .whereRaw('sc.item_id = i.id')
              .where('sc.department_id', filter.id)
          )
      );
    return query;
  }

  /** Items received in the period and not refused (the metrics' population), in the scope. */
  function received(bounds: Bounds, filter: DashboardFilter): QueryBuilder {
    return scoped(
      knex()('items as i')
        .where('i.received_at', '>=', bounds.start)
        .where('i.received_at', '<', bounds.end)
        .whereNotIn('i.state', [...NOT_RECEIVED_STATUSES]),
      filter
    );
  }

  const countColumns = (db: Knex) => [
    db.raw('count(*) AS received'),
    db.raw('count(i.accepted_at) AS signed_off'),
    db.raw(`sum(CASE WHEN ${HANDLED_SQL} THEN 1 ELSE 0 END) AS handled`),
    db.raw(`sum(CASE WHEN ${ON_TIME_SQL} THEN 1 ELSE 0 END) AS on_time`),
    db.raw('count(i.satisfaction) AS rated'),
    db.raw(`sum(CASE WHEN ${SATISFIED_SQL} THEN 1 ELSE 0 END) AS satisfied`),
    db.raw('sum(CASE WHEN i.escalation_count > 0 THEN 1 ELSE 0 END) AS escalated'),
  ];

  const openIn = (filter: DashboardFilter) =>
    scoped(knex()('items as i').whereIn('i.state', [...ACTIVE_STATUSES]), filter);

  return {
    async department(id: number): Promise<{ code: string; name: string } | undefined> {
      return (await knex()('departments').where('id', id).first('code', 'name')) as
        { code: string; name: string } | undefined;
    },

    async grid(path: string): Promise<{ code: string; name: string; level: string } | undefined> {
      return (await knex()('grids').where('path', path).first('code', 'name', 'level')) as
        { code: string; name: string; level: string } | undefined;
    },

    /** One grouped statement: counts per (township, lead department) of the period. */
    async unitCounts(
      bounds: Bounds,
      filter: DashboardFilter,
      townshipSql: string
    ): Promise<DashboardCountRow[]> {
      const db = knex();
      return (await received(bounds, filter)
        .leftJoin('items_lead_department_lnk as l', 'l.item_id', 'i.id')
        .leftJoin('departments as d', 'd.id', 'l.department_id')
        .groupByRaw('1, 2')
        .select(
          db.raw(`${townshipSql} AS township`),
          db.raw('d.code AS department'),
          ...countColumns(db)
        )) as DashboardCountRow[];
    },

    /** The headline counts of a period alone. */
    async totalCounts(bounds: Bounds, filter: DashboardFilter): Promise<DashboardCountRow> {
      const rows = (await received(bounds, filter).select(
        ...countColumns(knex())
      )) as DashboardCountRow[];
      return rows[0];
    },

    async channelAndCategoryCounts(bounds: Bounds, filter: DashboardFilter) {
      const db = knex();
      return (await received(bounds, filter)
        .leftJoin('items_category_lnk as cl', 'cl.item_id', 'i.id')
        .leftJoin('categories as c', 'c.id', 'cl.category_id')
        .groupBy('i.channel', 'c.code', 'c.name')
        .select(
          'i.channel as channel',
          'c.code as category_code',
          'c.name as category_name',
          db.raw('count(*) AS received'),
          db.raw(`sum(CASE WHEN ${HANDLED_SQL} THEN 1 ELSE 0 END) AS handled`)
        )) as Array<{
        channel: string;
        category_code: string | null;
        category_name: string | null;
        received: unknown;
        handled: unknown;
      }>;
    },

    /** Received and handled per local day from the public stats' day cells (one township, or all). */
    async dayCellSums(
      range: { from: number; to: number },
      township: string | null
    ): Promise<Array<{ day: unknown; received: unknown; handled: unknown }>> {
      const query = knex()(STATS_DAYS_TABLE)
        .where('day', '>=', range.from)
        .where('day', '<', range.to);
      if (township) query.where('township', township);
      return (await query
        .groupBy('day')
        .select(
          'day',
          knex().raw('sum(received) AS received'),
          knex().raw('sum(handled) AS handled')
        )) as Array<{
        day: unknown;
        received: unknown;
        handled: unknown;
      }>;
    },

    /** Received and handled per local day (`day`: the day expression), counted from the items. */
    async receivedByDay(
      span: Bounds,
      filter: DashboardFilter,
      day: { sql: string; bindings: Date[] }
    ): Promise<Array<{ day: unknown; received: unknown; handled: unknown }>> {
      const db = knex();
      return (await received(span, filter)
        .groupByRaw('1')
        .select(
          db.raw(`${day.sql} AS day`, day.bindings),
          db.raw('count(*) AS received'),
          db.raw(`sum(CASE WHEN ${HANDLED_SQL} THEN 1 ELSE 0 END) AS handled`)
        )) as Array<{ day: unknown; received: unknown; handled: unknown }>;
    },

    /** How many items of the scope are open. */
    async openCount(filter: DashboardFilter): Promise<unknown> {
      const [row] = (await openIn(filter).count('* as count')) as Array<{ count: unknown }>;
      return row.count;
    },

    /**
     * Open items of the scope due before `now` (overdue) or within `soonMs` after it (soon): how
     * many, and the first `limit` by due time.
     */
    async openItems(
      filter: DashboardFilter,
      now: Date,
      which: 'overdue' | 'soon',
      { limit, soonMs }: { limit: number; soonMs: number }
    ): Promise<{
      count: unknown;
      rows: Array<{
        document_id: string;
        tracking_code: string;
        title: string;
        due_at: unknown;
        state: string;
      }>;
    }> {
      const within = (query: QueryBuilder) =>
        which === 'overdue'
          ? query.where('i.due_at', '<', now)
          : query
              .where('i.due_at', '>=', now)
              .where('i.due_at', '<', new Date(now.getTime() + soonMs));
      const [{ count }] = (await within(openIn(filter)).count('* as count')) as Array<{
        count: unknown;
      }>;
      // The first few by due time, per open state then merged in one statement: each state's list is
      // read in the order of the (state, due_at) index, where one ORDER BY over all the open states
      // would sort every overdue item (tens of thousands at a million items). Each part is a derived
      // table because SQLite refuses ORDER BY / LIMIT on a bare member of a UNION ALL.
      const db = knex();
      const parts = ACTIVE_STATUSES.map((state, k) =>
        db.select('*').from(
          within(scoped(db('items as i').where('i.state', state), filter))
            .orderBy('i.due_at', 'asc')
            .limit(limit)
            .select('i.document_id', 'i.tracking_code', 'i.title', 'i.due_at', 'i.state')
            .as(`s${k}`)
        )
      );
      const merged = parts[0].unionAll(parts.slice(1));
      const rows = (await db
        .select('*')
        .from(merged.as('open_items'))
        .orderBy([
          { column: 'due_at', order: 'asc' },
          { column: 'document_id', order: 'asc' },
        ])
        .limit(limit)) as Array<{
        document_id: string;
        tracking_code: string;
        title: string;
        due_at: unknown;
        state: string;
      }>;
      return { count, rows };
    },

    /** Notices matching `where` (a Query Engine filter), by rectify-by date. */
    async noticesByRectifyBy(
      where: Record<string, unknown>,
      limit: number
    ): Promise<
      Array<{ documentId: string; title: string; rectifyBy: string | null; state: string }>
    > {
      return (await strapi.db.query(UID.notice).findMany({
        where,
        select: ['documentId', 'title', 'rectifyBy', 'state'],
        orderBy: { rectifyBy: 'asc' },
        limit,
      })) as Array<{ documentId: string; title: string; rectifyBy: string | null; state: string }>;
    },

    /** Department codes and category codes / names, with their ids. */
    async unitCodes(): Promise<
      [Array<{ id: number; code: string }>, Array<{ id: number; code: string; name: string }>]
    > {
      return Promise.all([
        knex()('departments').select('id', 'code') as Promise<Array<{ id: number; code: string }>>,
        knex()('categories').select('id', 'code', 'name') as Promise<
          Array<{ id: number; code: string; name: string }>
        >,
      ]);
    },
  };
}
