import type { Core } from '@strapi/strapi';
import { minyiService } from '../../plugin';
import type { Knex } from 'knex';
import {
  WORKBENCH_TABS,
  type WorkbenchRow,
  type WorkbenchResponse,
  type WorkbenchTab,
} from '../../../../shared/contracts';
import type { ItemScope } from '../../domain/access-scope';
import { LEVEL_LABELS_ZH, STATUS_LABELS_ZH } from '../../domain/labels';
import { pluginActionId } from '../../domain/plugin-permissions';
import { availableActions } from '../../domain/state-machine';
import type { ItemStatus, Level } from '../../domain/vocabulary';
import {
  DUE_SOON_WORKING_HOURS,
  tabCondition,
  tabsFor,
  WORKBENCH_TAB_LABELS_ZH,
} from '../../domain/workbench';
import { departmentRef, gridRef, type AdminCaller, type ItemPanelService } from './item-panel';

type Query = Knex.QueryBuilder;

export interface WorkbenchRequest {
  tab: WorkbenchTab;
  q?: string;
  page: number;
  pageSize: number;
}

interface ItemRow {
  id: number;
  document_id: string;
  tracking_code: string;
  title: string;
  state: ItemStatus;
  level: Level;
  due_at: string | Date | null;
  received_at: string | Date | null;
}

const iso = (value: string | Date | null): string | null =>
  value === null ? null : new Date(value).toISOString();

/** LIKE pattern for a prefix, with the wildcards of the prefix itself escaped. */
const prefixPattern = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The workbench: one set-based query per tab count and one for the page, over the items of the
 * caller's unit (the same scope as the handling route). Every query starts from the open-items
 * partial index or the state index (database/migrations … hot-path-indexes.js).
 */
const workbench = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const panel = (): ItemPanelService => minyiService(strapi, 'item-panel');

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

  function inTab(
    query: Query,
    tab: WorkbenchTab,
    role: Parameters<typeof tabCondition>[1],
    now: Date
  ) {
    const condition = tabCondition(tab, role);
    query.whereIn('i.state', [...condition.states]);
    if (condition.due === 'before-now') query.where('i.due_at', '<', now);
    if (condition.due === 'within-horizon') {
      const horizon = minyiService(strapi, 'calendar')
        .get()
        .workingHorizon(now, DUE_SOON_WORKING_HOURS) as Date;
      query.where('i.due_at', '>=', now).where('i.due_at', '<=', horizon);
    }
    if (condition.extensionPending) query.where('i.extension_pending', true);
    if (condition.levels) query.whereIn('i.level', [...condition.levels]);
    return query;
  }

  function matching(query: Query, q: string | undefined, searchesPhone: boolean): Query {
    const text = q?.trim();
    if (!text) return query;
    return query.where((where) => {
      where
        .where('i.tracking_code', text.toUpperCase().replace(/[\s-]/g, ''))
        .orWhereRaw("i.title like ? escape '\\'", [
          `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
        ]);
      if (searchesPhone && /^[0-9+\-\s]{5,20}$/.test(text))
        where.orWhere('i.submitter_phone', text.replace(/[\s-]/g, ''));
    });
  }

  return {
    async list(
      caller: AdminCaller,
      request: WorkbenchRequest,
      now: Date = new Date()
    ): Promise<WorkbenchResponse> {
      const who = await panel().acting(caller.user);
      const role = who.actor?.role ?? null;
      const searchesPhone = caller.canRead('api::item.item', 'submitterPhone');
      const base = () => inScope(knex()('items as i'), who.scope);

      const tabs = await Promise.all(
        tabsFor(role).map(async (tab) => {
          const counted = (await inTab(base(), tab, role, now).count({ n: '*' }).first()) as
            { n: number | string } | undefined;
          return { tab, label: WORKBENCH_TAB_LABELS_ZH[tab], count: Number(counted?.n ?? 0) };
        })
      );
      const tab = tabsFor(role).includes(request.tab) ? request.tab : 'to-accept';

      const filtered = () => matching(inTab(base(), tab, role, now), request.q, searchesPhone);
      // Without a search the page's total is the tab's count, already taken.
      const total = request.q?.trim()
        ? Number(
            ((await filtered().count({ n: '*' }).first()) as { n: number | string } | undefined)
              ?.n ?? 0
          )
        : (tabs.find((entry) => entry.tab === tab)?.count ?? 0);
      const rows = (await filtered()
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
        // Overdue first, then by due time, items without a deadline last: every overdue due time
        // lies before every other, so that is due ascending, nulls last — the order of the
        // open-items index (items_workbench_open_due_idx), which finds a page without a sort.
        .orderByRaw('i.due_at asc nulls last, i.id asc')
        .limit(request.pageSize)
        .offset((request.page - 1) * request.pageSize)) as ItemRow[];

      const ids = rows.map((row) => row.id);
      const units = ids.length === 0 ? [] : await unitsOf(ids);
      const departmentId = who.scope.kind === 'department' ? who.scope.departmentId : null;
      const mayAct = caller.can(pluginActionId('itemsAct'));
      const data: WorkbenchRow[] = rows.map((row) => {
        const unit = units.find((entry) => entry.itemId === row.id);
        const actions =
          who.actor && mayAct
            ? availableActions({ from: row.state, actorRole: who.actor.role, level: row.level })
            : [];
        return {
          documentId: row.document_id,
          trackingCode: row.tracking_code,
          title: row.title,
          status: { value: row.state, label: STATUS_LABELS_ZH[row.state] ?? row.state },
          level: { value: row.level, label: LEVEL_LABELS_ZH[row.level] ?? row.level },
          owningUnit: unit?.owner ?? null,
          dueAt: iso(row.due_at),
          receivedAt: iso(row.received_at),
          overdue: row.due_at !== null && new Date(row.due_at).getTime() < now.getTime(),
          part:
            departmentId === null
              ? null
              : unit?.leadDepartmentId === departmentId
                ? 'lead'
                : 'co-handling',
          bulkActions: (['accept', 'assign'] as const).filter((action) => actions.includes(action)),
          href: `/admin/content-manager/collection-types/api::item.item/${row.document_id}`,
        };
      });
      return {
        data: {
          unit: { label: unitLabel(who.staff?.name ?? null, who.scope), scope: who.scope.kind },
          tabs,
          tab,
          rows: data,
          searchesPhone,
        },
        meta: {
          pagination: {
            page: request.page,
            pageSize: request.pageSize,
            pageCount: Math.ceil(total / request.pageSize),
            total,
          },
        },
      };
    },
  };

  /** The owning unit of each item on the page: assigned grid, else lead department, else its grid. */
  async function unitsOf(ids: number[]) {
    const [assigned, lead, reported] = await Promise.all([
      knex()('items_assigned_grid_lnk as l')
        .join('grids as g', 'g.id', 'l.grid_id')
        .whereIn('l.item_id', ids)
        .select('l.item_id', 'g.id', 'g.document_id', 'g.name', 'g.code', 'g.level'),
      knex()('items_lead_department_lnk as l')
        .join('departments as d', 'd.id', 'l.department_id')
        .whereIn('l.item_id', ids)
        .select('l.item_id', 'd.id', 'd.document_id', 'd.name', 'd.code'),
      knex()('items_grid_lnk as l')
        .join('grids as g', 'g.id', 'l.grid_id')
        .whereIn('l.item_id', ids)
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
    const grid = (row: Linked) =>
      gridRef({ ...row, documentId: row.document_id, level: row.level ?? 'grid' });
    return ids.map((itemId) => {
      const a = (assigned as Linked[]).find((row) => row.item_id === itemId);
      const d = (lead as Linked[]).find((row) => row.item_id === itemId);
      const r = (reported as Linked[]).find((row) => row.item_id === itemId);
      return {
        itemId,
        leadDepartmentId: d?.id ?? null,
        owner: a
          ? grid(a)
          : d
            ? departmentRef({ ...d, documentId: d.document_id })
            : r
              ? grid(r)
              : null,
      };
    });
  }
};

function unitLabel(staffName: string | null, scope: ItemScope): string {
  const where =
    scope.kind === 'county'
      ? '全县'
      : scope.kind === 'grid-subtree'
        ? '本网格/乡镇'
        : scope.kind === 'department'
          ? '本部门'
          : '无所属单位';
  return staffName ? `${staffName} · ${where}` : where;
}

export const isWorkbenchTab = (value: unknown): value is WorkbenchTab =>
  typeof value === 'string' && (WORKBENCH_TABS as readonly string[]).includes(value);

export type WorkbenchService = ReturnType<typeof workbench>;
export default workbench;
