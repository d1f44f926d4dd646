import type { Core } from '@strapi/strapi';

import {
  WORKBENCH_TABS,
  type WorkbenchBulkResponse,
  type WorkbenchResponse,
  type WorkbenchRow,
  type WorkbenchTab,
} from '../../../shared/contracts';
import { LEVEL_LABELS_ZH, STATUS_LABELS_ZH } from '../domain/labels';
import { pluginActionId } from '../domain/plugin-permissions';
import { availableActions } from '../domain/state-machine';
import type { ActorRole, ItemStatus, Level } from '../domain/vocabulary';
import { TAB_LABELS_ZH, tabFilter, tabsFor } from '../domain/workbench-tabs';
import type { AccessScopeService, AdminAccount, LinkedStaff } from './access-scope';
import { type Actor, WorkflowRefusal } from './workflow';

interface RowItem {
  documentId: string;
  trackingCode: string;
  title: string;
  state: ItemStatus;
  level: Level;
  dueAt: string | null;
  receivedAt: string | null;
  extensionPending: boolean | null;
  grid: { documentId: string; name: string; code: string | null } | null;
  assignedGrid: { documentId: string; name: string; code: string | null } | null;
  leadDepartment: { id: number; documentId: string; name: string; code: string | null } | null;
}

const MAX_PAGE_SIZE = 100;
const DUE_SOON_WORKING_HOURS = 8;

/**
 * 工作台: the unit's items by tab (counts for every tab, one page of rows), and bulk accept /
 * assign, each item through the workflow as the handling route would act.
 */
const workbench = ({ strapi }: { strapi: Core.Strapi }) => {
  const access = (): AccessScopeService => strapi.plugin('minyi').service('access-scope');
  const items = () => strapi.db.query('api::item.item');

  async function held(user: AdminAccount) {
    const permissions = (await strapi
      .service('admin::permission')
      .findUserPermissions(user)) as Array<{
      action: string;
      subject?: string;
      properties?: { fields?: string[] };
    }>;
    return permissions;
  }

  function actorOf(
    user: AdminAccount & { firstname?: string; lastname?: string },
    staff: LinkedStaff | null
  ): Actor | null {
    if (staff) return { role: staff.role, label: staff.name, staffId: staff.id };
    return user.roles?.some((role) => role.code === 'strapi-super-admin')
      ? {
          role: 'county-coordinator',
          label: `${user.firstname ?? ''}${user.lastname ?? ''}(系统管理员)`,
        }
      : null;
  }

  function unitLabel(staff: LinkedStaff | null, scopeKind: string): string {
    if (scopeKind === 'county') return '全县';
    return staff?.name ? `${staff.name}所在单位` : '本单位';
  }

  return {
    async list(
      user: AdminAccount,
      query: { tab?: WorkbenchTab; q?: string; page: number; pageSize: number },
      now = new Date()
    ): Promise<WorkbenchResponse> {
      const { staff, scope } = await access().adminAccount(user);
      const actor = actorOf(user, staff);
      const role: ActorRole | null = actor?.role ?? null;
      const permissions = await held(user);
      const mayAct = permissions.some((p) => p.action === pluginActionId('itemsAct'));
      const searchesPhone =
        user.roles?.some((r) => r.code === 'strapi-super-admin') === true ||
        permissions.some(
          (p) =>
            p.action === 'plugin::content-manager.explorer.read' &&
            p.subject === 'api::item.item' &&
            (p.properties?.fields ?? []).includes('submitterPhone')
        );
      const scopeFilter = access().itemFilter(scope);
      const calendar = strapi.plugin('minyi').service('calendar').get();
      const soon = calendar.addWorkingHours(now, DUE_SOON_WORKING_HOURS);
      const tabs = tabsFor(role);
      const tab = query.tab && tabs.includes(query.tab) ? query.tab : tabs[0];

      const q = query.q?.trim();
      const search = q
        ? {
            $or: [
              { trackingCode: q.toUpperCase().replace(/[\s-]/g, '') },
              { title: { $containsi: q } },
              ...(searchesPhone && /^[0-9+\- ]{5,}$/.test(q) ? [{ submitterPhone: q }] : []),
            ],
          }
        : null;
      const where = (extra: Record<string, unknown>) => ({
        $and: [scopeFilter, extra, search].filter(Boolean),
      });

      const counts = await Promise.all(
        tabs.map(async (entry) => ({
          tab: entry,
          label: TAB_LABELS_ZH[entry],
          count: await items().count({ where: where(tabFilter(entry, now, soon)) }),
        }))
      );
      const pageSize = Math.min(Math.max(query.pageSize, 1), MAX_PAGE_SIZE);
      const page = Math.max(query.page, 1);
      const total = counts.find((entry) => entry.tab === tab)?.count ?? 0;
      const found = (await items().findMany({
        where: where(tabFilter(tab, now, soon)),
        select: [
          'documentId',
          'trackingCode',
          'title',
          'state',
          'level',
          'dueAt',
          'receivedAt',
          'extensionPending',
        ],
        populate: {
          grid: { select: ['documentId', 'name', 'code'] },
          assignedGrid: { select: ['documentId', 'name', 'code'] },
          leadDepartment: { select: ['id', 'documentId', 'name', 'code'] },
        },
        orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
        offset: (page - 1) * pageSize,
        limit: pageSize,
      })) as RowItem[];

      const rows: WorkbenchRow[] = found.map((item) => {
        const bulk =
          mayAct && role
            ? availableActions({
                from: item.state,
                actorRole: role,
                level: item.level,
                extensionPending: Boolean(item.extensionPending),
              }).filter(
                (action): action is 'accept' | 'assign' =>
                  action === 'accept' || action === 'assign'
              )
            : [];
        const owner = item.assignedGrid ?? item.grid;
        return {
          documentId: item.documentId,
          trackingCode: item.trackingCode,
          title: item.title,
          status: { value: item.state, label: STATUS_LABELS_ZH[item.state] },
          level: { value: item.level, label: LEVEL_LABELS_ZH[item.level] },
          owningUnit: item.leadDepartment
            ? {
                kind: 'department',
                documentId: item.leadDepartment.documentId,
                code: item.leadDepartment.code,
                name: item.leadDepartment.name,
              }
            : owner
              ? { kind: 'grid', documentId: owner.documentId, code: owner.code, name: owner.name }
              : null,
          dueAt: item.dueAt ? new Date(item.dueAt).toISOString() : null,
          receivedAt: item.receivedAt ? new Date(item.receivedAt).toISOString() : null,
          overdue:
            item.dueAt !== null &&
            new Date(item.dueAt).getTime() <= now.getTime() &&
            !['resolved', 'closed', 'rejected'].includes(item.state),
          part:
            staff?.departmentId == null
              ? null
              : item.leadDepartment?.id === staff.departmentId
                ? 'lead'
                : 'co-handling',
          bulkActions: bulk,
          href: `/admin/content-manager/collection-types/api::item.item/${item.documentId}`,
        };
      });
      return {
        data: {
          unit: { label: unitLabel(staff, scope.kind), scope: scope.kind },
          tabs: counts,
          tab,
          rows,
          searchesPhone,
        },
        meta: {
          pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total },
        },
      };
    },

    /** Each item through the workflow, as the handling route acts; one result per item. */
    async bulk(
      user: AdminAccount,
      action: 'accept' | 'assign',
      documentIds: string[],
      input: Record<string, unknown>
    ): Promise<WorkbenchBulkResponse> {
      const { staff, scope } = await access().adminAccount(user);
      const actor = actorOf(user, staff);
      const results: WorkbenchBulkResponse['data'] = [];
      for (const documentId of documentIds) {
        try {
          if (!actor)
            throw new WorkflowRefusal(403, 'NOT_STAFF', {
              zh: '当前账号未关联在岗工作人员',
              en: 'This account is not linked to active staff',
            });
          const inScope = await access().itemInScope(scope, documentId);
          if (inScope === null)
            throw new WorkflowRefusal(404, 'NOT_FOUND', { zh: '事项不存在', en: 'No such item' });
          if (!inScope)
            throw new WorkflowRefusal(403, 'OUTSIDE_UNIT', {
              zh: '该事项不属于您所在的单位',
              en: 'This item is outside your unit',
            });
          const item = await strapi
            .plugin('minyi')
            .service('workflow')
            .act(documentId, action, actor, input);
          results.push({ documentId, ok: true, status: item.state });
        } catch (error) {
          if (!(error instanceof WorkflowRefusal)) throw error;
          results.push({
            documentId,
            ok: false,
            status: error.status,
            code: error.code,
            reason: error.reason,
          });
        }
      }
      return { data: results };
    },
  };
};

export { WORKBENCH_TABS };
export type WorkbenchService = ReturnType<typeof workbench>;
export default workbench;
