import type { Core } from '@strapi/strapi';

import type { AllowedAction, ItemPanel, TimelineEntry, UnitRef } from '../../../shared/contracts';
import {
  type AssignTargets,
  actionInputs,
  actionLabelZh,
  actionRule,
  dueOf,
} from '../domain/item-panel';
import { EVENT_LABELS_ZH_FALLBACK, labelOf } from '../domain/panel-labels';
import { LEVEL_LABELS_ZH, ROLE_LABELS_ZH, STATUS_LABELS_ZH } from '../domain/labels';
import { TEMPLATE_LABELS_ZH } from '../domain/mail-templates';
import { pluginActionId } from '../domain/plugin-permissions';
import { type Action, availableActions, TRANSITIONS } from '../domain/state-machine';
import type { ActorRole, ItemStatus, Level, StaffRole } from '../domain/vocabulary';
import type { AccessScopeService, AdminAccount } from './access-scope';
import type { LinkedStaff } from './access-scope';
import { WorkflowRefusal } from './workflow';

interface UnitRow {
  id: number;
  documentId: string;
  name: string;
  code: string | null;
  level?: string;
  kind?: string;
  path?: string | null;
}

interface PanelItemRow {
  id: number;
  documentId: string;
  trackingCode: string;
  title: string;
  state: ItemStatus;
  level: Level;
  dueAt: string | null;
  pausedAt: string | null;
  extensionPending: boolean | null;
  gridPath: string | null;
  grid: UnitRow | null;
  assignedGrid: UnitRow | null;
  leadDepartment: UnitRow | null;
  coDepartments: UnitRow[] | null;
  firstResponder: { name: string; role: StaffRole } | null;
}

interface EventRow {
  type: string;
  fromStatus: string | null;
  toStatus: string | null;
  fromLevel: string | null;
  toLevel: string | null;
  actorLabel: string | null;
  note: string | null;
  at: string;
  actor: { name: string } | null;
}

const GRID_LEVEL_ZH: Record<string, string> = {
  county: '县',
  township: '乡镇',
  village: '村(社区)',
  grid: '网格',
};
const MAIL_STATE_ZH = { queued: '待发送', sending: '发送中', sent: '已发送', failed: '发送失败' };
/** Most choices a unit picker offers at once (a township has a few hundred grids at most). */
const MAX_TARGETS = 500;

const gridRef = (row: UnitRow): UnitRef => ({
  kind: 'grid',
  documentId: row.documentId,
  code: row.code,
  name: row.name,
  kindLabel: row.level ? GRID_LEVEL_ZH[row.level] : undefined,
});
const departmentRef = (row: UnitRow): UnitRef => ({
  kind: 'department',
  documentId: row.documentId,
  code: row.code,
  name: row.name,
});

/**
 * The item panel of the edit view (GET /minyi/items/:documentId/panel): the item in Chinese,
 * its countdown, timeline and mails, and exactly the actions this admin user may take on it now —
 * the same rule the handling route applies (plugin permission, unit scope, state machine).
 */
const itemPanel = ({ strapi }: { strapi: Core.Strapi }) => {
  const access = (): AccessScopeService => strapi.plugin('minyi').service('access-scope');

  async function heldActions(user: AdminAccount): Promise<Set<string>> {
    const permissions = (await strapi
      .service('admin::permission')
      .findUserPermissions(user)) as Array<{ action: string }>;
    return new Set(permissions.map((permission) => permission.action));
  }

  /** The role the handling route acts with for this account (workflow controller's rule). */
  function actorRoleOf(user: AdminAccount, staff: LinkedStaff | null): ActorRole | null {
    if (staff) return staff.role;
    return user.roles?.some((role) => role.code === 'strapi-super-admin')
      ? 'county-coordinator'
      : null;
  }

  async function assignTargets(
    staff: LinkedStaff | null,
    actorRole: ActorRole,
    item: PanelItemRow
  ): Promise<AssignTargets> {
    // Grids: the actor's own subtree; county-wide actors get the item's township subtree.
    const countyWide = !staff?.gridPath || ['county-coordinator', 'leader'].includes(actorRole);
    const itemTownship = item.gridPath?.split('/').filter(Boolean).slice(0, 2);
    const subtree = countyWide
      ? itemTownship && itemTownship.length === 2
        ? `/${itemTownship.join('/')}/`
        : null
      : (staff?.gridPath ?? null);
    const grids = (await strapi.db.query('api::grid.grid').findMany({
      where: subtree
        ? { path: { $startsWith: subtree }, level: { $ne: 'county' } }
        : { level: { $ne: 'county' } },
      select: ['id', 'documentId', 'name', 'code', 'level', 'path'],
      orderBy: { path: 'asc' },
      limit: MAX_TARGETS,
    })) as UnitRow[];
    const atCounty = ['county-coordinator', 'leader'].includes(actorRole);
    const departments = atCounty
      ? ((await strapi.db.query('api::department.department').findMany({
          select: ['id', 'documentId', 'name', 'code', 'kind'],
          orderBy: { code: 'asc' },
          limit: MAX_TARGETS,
        })) as UnitRow[])
      : [];
    const leaders = atCounty
      ? ((await strapi.db.query('api::staff.staff').findMany({
          where: { role: 'leader', active: true },
          select: ['documentId', 'name'],
          orderBy: { name: 'asc' },
        })) as Array<{ documentId: string; name: string }>)
      : [];
    return { grids: grids.map(gridRef), departments: departments.map(departmentRef), leaders };
  }

  async function allowedActions(
    user: AdminAccount,
    staff: LinkedStaff | null,
    item: PanelItemRow
  ): Promise<AllowedAction[]> {
    const actorRole = actorRoleOf(user, staff);
    if (!actorRole) return [];
    const held = await heldActions(user);
    if (!held.has(pluginActionId('itemsAct'))) return [];
    let actions: Action[] = availableActions({
      from: item.state,
      actorRole,
      level: item.level,
      extensionPending: Boolean(item.extensionPending),
    });
    // 督办 also needs its own permission (the route of issue 10's server work checks it).
    if (!held.has(pluginActionId('itemsSupervise')))
      actions = actions.filter((action) => (action as string) !== 'supervise');
    const targets = actions.includes('assign')
      ? await assignTargets(staff, actorRole, item)
      : { grids: [], departments: [], leaders: [] };
    return actions.map((action) => {
      const to =
        TRANSITIONS.find((row) => row.from === item.state && row.action === action)?.to ??
        item.state;
      return {
        action,
        label: actionLabelZh(action),
        to: { value: to, label: STATUS_LABELS_ZH[to] },
        inputs: actionInputs(action, targets),
        rule: actionRule(action),
        path: `/minyi/items/${item.documentId}/actions/${action}`,
      };
    });
  }

  async function timeline(itemId: number): Promise<TimelineEntry[]> {
    const events = (await strapi.db.query('api::item-event.item-event').findMany({
      where: { item: { id: itemId } },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      populate: { actor: { select: ['name'] } },
      limit: 500,
    })) as EventRow[];
    const status = (value: string | null) =>
      value ? { value: value as ItemStatus, label: labelOf(STATUS_LABELS_ZH, value) } : null;
    const level = (value: string | null) =>
      value ? { value: value as Level, label: labelOf(LEVEL_LABELS_ZH, value) } : null;
    return events.map((event) => ({
      at: new Date(event.at).toISOString(),
      actor: event.actorLabel ?? event.actor?.name ?? '系统',
      type: {
        value: event.type as TimelineEntry['type']['value'],
        label: labelOf(EVENT_LABELS_ZH_FALLBACK, event.type),
      },
      fromStatus: status(event.fromStatus),
      toStatus: status(event.toStatus),
      fromLevel: level(event.fromLevel),
      toLevel: level(event.toLevel),
      note: event.note,
    }));
  }

  async function mails(documentId: string) {
    const rows = (await strapi.db.query('plugin::minyi.outbox-message').findMany({
      where: { itemDocumentId: documentId },
      select: ['template', 'recipientLabel', 'state', 'createdAt', 'sentAt', 'lastError'],
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      limit: 200,
    })) as Array<{
      template: string;
      recipientLabel: string | null;
      state: keyof typeof MAIL_STATE_ZH;
      createdAt: string;
      sentAt: string | null;
      lastError: string | null;
    }>;
    return rows.map((row) => ({
      template: {
        value: row.template,
        label: labelOf(TEMPLATE_LABELS_ZH as Record<string, string>, row.template),
      },
      // The unit's role or name, never the address: the panel is read by unit staff.
      recipient: row.recipientLabel ?? '—',
      state: { value: row.state, label: MAIL_STATE_ZH[row.state] ?? row.state },
      queuedAt: new Date(row.createdAt).toISOString(),
      sentAt: row.sentAt ? new Date(row.sentAt).toISOString() : null,
      lastError: row.lastError,
    }));
  }

  return {
    async panel(documentId: string, user: AdminAccount, now = new Date()): Promise<ItemPanel> {
      const { staff, scope } = await access().adminAccount(user);
      const inScope = await access().itemInScope(scope, documentId);
      if (inScope === null)
        throw new WorkflowRefusal(404, 'NOT_FOUND', { zh: '事项不存在', en: 'No such item' });
      if (!inScope)
        throw new WorkflowRefusal(403, 'OUTSIDE_UNIT', {
          zh: '该事项不属于您所在的单位',
          en: 'This item is outside your unit',
        });
      const unitFields = ['id', 'documentId', 'name', 'code'];
      const item = (await strapi.db.query('api::item.item').findOne({
        where: { documentId },
        populate: {
          grid: { select: [...unitFields, 'level'] },
          assignedGrid: { select: [...unitFields, 'level'] },
          leadDepartment: { select: [...unitFields, 'kind'] },
          coDepartments: { select: [...unitFields, 'kind'] },
          firstResponder: { select: ['name', 'role'] },
        },
      })) as PanelItemRow;
      const calendar = strapi.plugin('minyi').service('calendar').get();
      const owner = item.assignedGrid
        ? gridRef(item.assignedGrid)
        : item.leadDepartment
          ? departmentRef(item.leadDepartment)
          : item.grid
            ? gridRef(item.grid)
            : null;
      const departmentId = staff?.departmentId ?? null;
      const callerPart =
        departmentId === null
          ? null
          : item.leadDepartment?.id === departmentId
            ? 'lead'
            : (item.coDepartments ?? []).some((department) => department.id === departmentId)
              ? 'co-handling'
              : null;
      const entries = await timeline(item.id);
      return {
        documentId: item.documentId,
        trackingCode: item.trackingCode,
        title: item.title,
        status: { value: item.state, label: STATUS_LABELS_ZH[item.state] },
        level: { value: item.level, label: LEVEL_LABELS_ZH[item.level] },
        owningUnit: owner,
        coDepartments: (item.coDepartments ?? []).map(departmentRef),
        callerPart,
        due: dueOf(
          calendar,
          {
            status: item.state,
            dueAt: item.dueAt ? new Date(item.dueAt) : null,
            pausedAt: item.pausedAt ? new Date(item.pausedAt) : null,
          },
          now
        ),
        firstResponder: item.firstResponder
          ? {
              name: item.firstResponder.name,
              role: {
                value: item.firstResponder.role,
                label: ROLE_LABELS_ZH[item.firstResponder.role] ?? item.firstResponder.role,
              },
            }
          : null,
        extensionPending: Boolean(item.extensionPending),
        supervisionCount: entries.filter((entry) => entry.type.value === ('supervised' as string))
          .length,
        timeline: entries,
        mails: await mails(item.documentId),
        allowedActions: await allowedActions(user, staff, item),
      };
    },
  };
};

export type ItemPanelService = ReturnType<typeof itemPanel>;
export default itemPanel;
