import type { Core } from '@strapi/strapi';
import { minyiService } from '../../plugin';
import {
  type UnitRef,
  WORKBENCH_TABS,
  type WorkbenchRow,
  type WorkbenchResponse,
  type WorkbenchTab,
} from '../../../../shared/contracts';
import type { ItemScope } from '../../domain/access-scope';
import { LEVEL_LABELS_ZH, STATUS_LABELS_ZH } from '../../domain/labels';
import { pluginActionId } from '../../domain/plugin-permissions';
import { availableActions } from '../../domain/state-machine';
import {
  DUE_SOON_WORKING_HOURS,
  tabCondition,
  tabsFor,
  WORKBENCH_TAB_LABELS_ZH,
} from '../../domain/workbench';
import {
  type ItemUnits,
  type WorkbenchSelection,
  workbenchItemsRepository,
} from '../../repositories/workbench-items';
import { departmentRef, gridRef, type AdminCaller, type ItemPanelService } from './item-panel';

export interface WorkbenchRequest {
  tab: WorkbenchTab;
  q?: string;
  page: number;
  pageSize: number;
}

const iso = (value: string | Date | null): string | null =>
  value === null ? null : new Date(value).toISOString();

/**
 * The workbench: one set-based query per tab count and one for the page, over the items of the
 * caller's unit (the same scope as the handling route). Every query starts from the open-items
 * partial index or the state index (database/migrations … hot-path-indexes.js).
 */
const workbench = ({ strapi }: { strapi: Core.Strapi }) => {
  const items = () => workbenchItemsRepository(strapi);
  const panel = (): ItemPanelService => minyiService(strapi, 'item-panel');

  /** The items of a tab in the caller's scope (and matching the search, when one is given). */
  function selection(
    scope: ItemScope,
    tab: WorkbenchTab,
    role: Parameters<typeof tabCondition>[1],
    now: Date,
    search?: WorkbenchSelection['search']
  ): WorkbenchSelection {
    return {
      scope,
      condition: tabCondition(tab, role),
      now,
      horizon: () =>
        minyiService(strapi, 'calendar').get().workingHorizon(now, DUE_SOON_WORKING_HOURS) as Date,
      search,
    };
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

      const tabs = await Promise.all(
        tabsFor(role).map(async (tab) => ({
          tab,
          label: WORKBENCH_TAB_LABELS_ZH[tab],
          count: await items().count(selection(who.scope, tab, role, now)),
        }))
      );
      const tab = tabsFor(role).includes(request.tab) ? request.tab : 'to-accept';

      const filtered = selection(who.scope, tab, role, now, {
        text: request.q,
        phone: searchesPhone,
      });
      // Without a search the page's total is the tab's count, already taken.
      const total = request.q?.trim()
        ? await items().count(filtered)
        : (tabs.find((entry) => entry.tab === tab)?.count ?? 0);
      const rows = await items().page(filtered, request.page, request.pageSize);

      const ids = rows.map((row) => row.id);
      const units = ids.length === 0 ? [] : await items().unitsOf(ids);
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
          owningUnit: unit ? owningUnitOf(unit) : null,
          dueAt: iso(row.due_at),
          receivedAt: iso(row.received_at),
          overdue: row.due_at !== null && new Date(row.due_at).getTime() < now.getTime(),
          part:
            departmentId === null
              ? null
              : unit?.leadDepartment?.id === departmentId
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
};

/** The owning unit of an item on the page: assigned grid, else lead department, else its grid. */
function owningUnitOf(unit: ItemUnits): UnitRef | null {
  if (unit.assigned) return gridRef(unit.assigned);
  if (unit.leadDepartment) return departmentRef(unit.leadDepartment);
  return unit.reported ? gridRef(unit.reported) : null;
}

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
