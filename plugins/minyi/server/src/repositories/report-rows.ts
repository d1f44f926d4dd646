import type { Core } from '@strapi/strapi';
import type { Level, ItemStatus } from '../domain/vocabulary';
import { tables } from './tables';

/** Which statuses a figure counts: the domain's groups (metrics.ts, vocabulary.ts), bound as values. */
export interface ReportStatuses {
  /** Not received: left out of every figure. */
  notReceived: readonly ItemStatus[];
  /** 办结. */
  handled: readonly ItemStatus[];
  /** The satisfaction values that count as 满意. */
  satisfied: readonly string[];
}

export interface CategoryFigures {
  name: string;
  received: number;
  handled: number;
  rated: number;
  satisfied: number;
}

export interface OverdueRow {
  trackingCode: string;
  level: Level;
  dueAt: unknown;
  gridPath: string | null;
  category: string | null;
}

const placeholders = (values: readonly unknown[]) => values.map(() => '?').join(', ');

/**
 * The periodic reports' set-based reads of items (周调度、月研判、民意专报): counts grouped by
 * grid path and category, and the overdue list — tracking codes, categories and units only,
 * no personal data. Table names from strapi.db.metadata (tables.ts).
 */
export function reportRowsRepository(strapi: Core.Strapi) {
  const knex = () => strapi.db.connection;
  const t = () => tables(strapi);

  /** Items received in [start, end), joined to their category (`i`, `c`). */
  const receivedWithCategory = (bounds: { start: Date; end: Date }, statuses: ReportStatuses) => {
    const link = t().item.category;
    return knex()(`${t().items} as i`)
      .join(`${link.name} as cl`, `cl.${link.ownerColumn}`, 'i.id')
      .join(`${t().categories} as c`, 'c.id', `cl.${link.targetColumn}`)
      .where('i.received_at', '>=', bounds.start)
      .where('i.received_at', '<', bounds.end)
      .whereNotIn('i.state', [...statuses.notReceived]);
  };

  return {
    /** Items in `statuses` now, and those of them past their deadline at `now`, per grid path. */
    async openAndOverdueByGridPath(
      statuses: readonly ItemStatus[],
      now: Date
    ): Promise<Array<{ gridPath: string | null; open: number; overdue: number }>> {
      const rows: Array<{
        grid_path: string | null;
        open: number | string;
        overdue: number | string | null;
      }> = await knex()(t().items)
        .whereIn('state', [...statuses])
        .select(
          'grid_path',
          knex().raw('count(*) AS open'),
          knex().raw('sum(CASE WHEN due_at < ? THEN 1 ELSE 0 END) AS overdue', [now])
        )
        .groupBy('grid_path');
      return rows.map((row) => ({
        gridPath: row.grid_path,
        open: Number(row.open),
        overdue: Number(row.overdue ?? 0),
      }));
    },

    /** Received, handled, rated and satisfied items per category in the period, most received first. */
    async byCategory(
      bounds: { start: Date; end: Date },
      statuses: ReportStatuses
    ): Promise<CategoryFigures[]> {
      const rows: Array<{
        name: string;
        received: number | string;
        handled: number | string;
        rated: number | string;
        satisfied: number | string;
      }> = await receivedWithCategory(bounds, statuses)
        .groupBy('c.id', 'c.name')
        .select(
          'c.name',
          knex().raw('count(*) AS received'),
          // The domain's groups, bound as values: one definition of 办结 and 满意 for every figure.
          knex().raw(
            `sum(CASE WHEN i.state IN (${placeholders(statuses.handled)}) THEN 1 ELSE 0 END) AS handled`,
            [...statuses.handled]
          ),
          knex().raw('count(i.satisfaction) AS rated'),
          knex().raw(
            `sum(CASE WHEN i.satisfaction IN (${placeholders(statuses.satisfied)}) THEN 1 ELSE 0 END) AS satisfied`,
            [...statuses.satisfied]
          )
        )
        .orderBy([
          { column: 'received', order: 'desc' },
          { column: 'c.name', order: 'asc' },
        ]);
      return rows.map((row) => ({
        name: row.name,
        received: Number(row.received),
        handled: Number(row.handled),
        rated: Number(row.rated),
        satisfied: Number(row.satisfied),
      }));
    },

    /** Items received in the period per category name and grid path. */
    async byCategoryAndGridPath(
      bounds: { start: Date; end: Date },
      statuses: ReportStatuses
    ): Promise<Array<{ category: string; gridPath: string | null; n: number }>> {
      const rows: Array<{ category: string; grid_path: string | null; n: number | string }> =
        await receivedWithCategory(bounds, statuses)
          .groupBy('c.name', 'i.grid_path')
          .select('c.name as category', 'i.grid_path', knex().raw('count(*) AS n'));
      return rows.map((row) => ({
        category: row.category,
        gridPath: row.grid_path,
        n: Number(row.n),
      }));
    },

    /** Items in `statuses` past their deadline at `now`: how many, and the `limit` earliest due. */
    async overdue(
      statuses: readonly ItemStatus[],
      now: Date,
      limit: number
    ): Promise<{ total: number; rows: OverdueRow[] }> {
      const link = t().item.category;
      const base = () =>
        knex()(`${t().items} as i`)
          .whereIn('i.state', [...statuses])
          .where('i.due_at', '<', now);
      const total = Number(
        ((await base().count('* as n')) as Array<{ n: number | string }>)[0]?.n ?? 0
      );
      const rows: Array<{
        tracking_code: string;
        level: Level;
        due_at: unknown;
        grid_path: string | null;
        category: string | null;
      }> = await base()
        .leftJoin(`${link.name} as cl`, `cl.${link.ownerColumn}`, 'i.id')
        .leftJoin(`${t().categories} as c`, 'c.id', `cl.${link.targetColumn}`)
        .orderBy('i.due_at', 'asc')
        .limit(limit)
        .select('i.tracking_code', 'i.level', 'i.due_at', 'i.grid_path', 'c.name as category');
      return {
        total,
        rows: rows.map((row) => ({
          trackingCode: row.tracking_code,
          level: row.level,
          dueAt: row.due_at,
          gridPath: row.grid_path,
          category: row.category,
        })),
      };
    },
  };
}
