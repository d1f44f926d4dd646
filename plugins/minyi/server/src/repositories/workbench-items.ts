import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { ItemScope } from '../domain/access-scope';
import type { ItemStatus, Level } from '../domain/vocabulary';
import type { TabCondition } from '../domain/workbench';
import type { DepartmentRef, GridRef } from './structure';

type Query = Knex.QueryBuilder;

/** A workbench tab's items: the domain's condition, the instant and (due-soon) the horizon. */
export interface WorkbenchSelection {
  scope: ItemScope;
  condition: TabCondition;
  now: Date;
  /** The end of the due-soon window (working hours ahead); only read for that condition. */
  horizon: () => Date;
  /** The search text, if any, and whether it may match the submitter's phone. */
  search?: { text: string | undefined; phone: boolean };
}

export interface WorkbenchItemRow {
  id: number;
  document_id: string;
  tracking_code: string;
  title: string;
  state: ItemStatus;
  level: Level;
  due_at: string | Date | null;
  received_at: string | Date | null;
}

/** The units an item on a page is handled by: its assigned grid, lead department, reported grid. */
export interface ItemUnits {
  itemId: number;
  assigned: GridRef | null;
  leadDepartment: DepartmentRef | null;
  reported: GridRef | null;
}

/** LIKE pattern for a prefix, with the wildcards of the prefix itself escaped. */
const prefixPattern = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The workbench's items: one set-based count per tab and one query for the page, over the items of
 * the caller's unit (the same scope as the handling route). Every query starts from the open-items
 * partial index or the state index (database/migrations … hot-path-indexes.js).
 */
export function workbenchItemsRepository(strapi: Core.Strapi) {
  const knex = () => strapi.db.connection;

  function inScope(query: Query, scope: ItemScope): Query {
    switch (scope.kind) {
      case 'county':
        return query;
      case 'grid-subtree':
        return query.whereRaw("i.grid_path like ? escape '\\'", [prefixPattern(scope.gridPath)]);
      case 'department':
        return query.where((where) =>
          where
            .whereIn(
              'i.id',
              knex()('items_lead_department_lnk')
                .select('item_id')
                .where('department_id', scope.departmentId)
            )
            .orWhereIn(
              'i.id',
              knex()('items_co_departments_lnk')
                .select('item_id')
                .where('department_id', scope.departmentId)
            )
        );
      case 'none':
        return query.whereRaw('1 = 0');
    }
  }

  function inTab(query: Query, { condition, now, horizon }: WorkbenchSelection): Query {
    query.whereIn('i.state', [...condition.states]);
    if (condition.due === 'before-now') query.where('i.due_at', '<', now);
    if (condition.due === 'within-horizon')
      query.where('i.due_at', '>=', now).where('i.due_at', '<=', horizon());
    if (condition.extensionPending) query.where('i.extension_pending', true);
    if (condition.levels) query.whereIn('i.level', [...condition.levels]);
    return query;
  }

  // PostgreSQL's LIKE minds case where SQLite's does not: ILIKE matches as SQLite's LIKE does, and
  // the trigram index items_title_trgm_idx serves it (database/migrations … hot-path-indexes.js,
  // where pg_trgm can be had; without it the tab's own indexes and a filter).
  const titleMatch = () =>
    strapi.db.dialect.client === 'postgres'
      ? "i.title ilike ? escape '\\'"
      : "i.title like ? escape '\\'";

  function matching(query: Query, search: WorkbenchSelection['search']): Query {
    const text = search?.text?.trim();
    if (!text) return query;
    return query.where((where) => {
      where
        .where('i.tracking_code', text.toUpperCase().replace(/[\s-]/g, ''))
        .orWhereRaw(titleMatch(), [`%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`]);
      if (search?.phone && /^[0-9+\-\s]{5,20}$/.test(text))
        where.orWhere('i.submitter_phone', text.replace(/[\s-]/g, ''));
    });
  }

  const selected = (selection: WorkbenchSelection): Query =>
    matching(inTab(inScope(knex()('items as i'), selection.scope), selection), selection.search);

  return {
    /** How many items the selection holds. */
    async count(selection: WorkbenchSelection): Promise<number> {
      const counted = (await selected(selection).count({ n: '*' }).first()) as
        { n: number | string } | undefined;
      return Number(counted?.n ?? 0);
    },

    /** One page of the selection, overdue first, then by due time, items without a deadline last. */
    async page(
      selection: WorkbenchSelection,
      page: number,
      pageSize: number
    ): Promise<WorkbenchItemRow[]> {
      return (
        (await selected(selection)
          .select(
            'i.id',
            'i.document_id',
            'i.tracking_code',
            'i.title',
            'i.state',
            'i.level',
            'i.due_at',
            'i.received_at'
          )
          // Every overdue due time lies before every other, so that is due ascending, nulls last —
          // the order of the open-items index (items_workbench_open_due_idx), which finds a page
          // without a sort.
          .orderByRaw('i.due_at asc nulls last, i.id asc')
          .limit(pageSize)
          .offset((page - 1) * pageSize)) as WorkbenchItemRow[]
      );
    },

    /** The units of each item on a page (three statements, whatever the page size). */
    async unitsOf(ids: readonly number[]): Promise<ItemUnits[]> {
      const [assigned, lead, reported] = await Promise.all([
        knex()('items_assigned_grid_lnk as l')
          .join('grids as g', 'g.id', 'l.grid_id')
          .whereIn('l.item_id', [...ids])
          .select('l.item_id', 'g.id', 'g.document_id', 'g.name', 'g.code', 'g.level'),
        knex()('items_lead_department_lnk as l')
          .join('departments as d', 'd.id', 'l.department_id')
          .whereIn('l.item_id', [...ids])
          .select('l.item_id', 'd.id', 'd.document_id', 'd.name', 'd.code'),
        knex()('items_grid_lnk as l')
          .join('grids as g', 'g.id', 'l.grid_id')
          .whereIn('l.item_id', [...ids])
          .select('l.item_id', 'g.id', 'g.document_id', 'g.name', 'g.code', 'g.level'),
      ]);
      type Linked = {
        item_id: number;
        id: number;
        document_id: string;
        name: string;
        code: string | null;
        level?: string;
      };
      const grid = (row: Linked | undefined): GridRef | null =>
        row ? { ...row, documentId: row.document_id, level: row.level ?? 'grid' } : null;
      return ids.map((itemId) => {
        const d = (lead as Linked[]).find((row) => row.item_id === itemId);
        return {
          itemId,
          assigned: grid((assigned as Linked[]).find((row) => row.item_id === itemId)),
          leadDepartment: d ? { ...d, documentId: d.document_id } : null,
          reported: grid((reported as Linked[]).find((row) => row.item_id === itemId)),
        };
      });
    },
  };
}
