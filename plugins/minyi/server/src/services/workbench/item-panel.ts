import type { Core } from '@strapi/strapi';
import type {
  ActionInputField,
  AllowedAction,
  ItemMail,
  ItemPanel,
  ItemPhotoGroup,
  TimelineEntry,
  UnitRef,
} from '../../../../shared/contracts';
import { ACTION_INPUT } from '../../domain/action-input';
import { itemInScope, type ItemScope } from '../../domain/access-scope';
import { itemDue } from '../../domain/item-due';
import { PHOTO_KIND_LABELS_ZH, PHOTO_KINDS } from '../../domain/photos';
import { minyiService } from '../../plugin';
import {
  COMPLEXITY_LABELS_ZH,
  EVENT_TYPE_LABELS_ZH,
  GRID_LEVEL_LABELS_ZH,
  LEVEL_LABELS_ZH,
  MAIL_STATE_LABELS_ZH,
  ROLE_LABELS_ZH,
  STATUS_LABELS_ZH,
} from '../../domain/labels';
import { TEMPLATE_LABELS_ZH } from '../../domain/mail-templates';
import { pluginActionId, type PluginPermissionName } from '../../domain/plugin-permissions';
import {
  ACTION_RULES,
  type Action,
  availableActions,
  TRANSITIONS,
} from '../../domain/state-machine';
import {
  COMPLEXITIES,
  ITEM_STATUSES,
  type ItemStatus,
  type Level,
  LEVELS,
} from '../../domain/vocabulary';
import type { AccessScopeService, AdminAccount, LinkedStaff } from '../access/access-scope';
import type { Actor } from '../handling/workflow';
import { itemEventsRepository } from '../../repositories/item-events';
import { itemsRepository } from '../../repositories/items';
import { outboxRepository } from '../../repositories/outbox';
import { staffRepository } from '../../repositories/staff';
import {
  type DepartmentRef as DepartmentRow,
  type GridRef as GridRow,
  structureRepository,
} from '../../repositories/structure';

/** What an admin route knows about the signed-in user (ctx.state.user / userAbility). */
export interface AdminCaller {
  user: AdminAccount & { firstname?: string | null; lastname?: string | null };
  /** A plugin permission (Strapi's CASL ability of the admin user). */
  can(action: string): boolean;
  /** Whether the admin role may read this field of the type in the content manager. */
  canRead(uid: string, field: string): boolean;
}

/** The acting person behind an admin account: the same rule as the handling route (controllers/workflow.ts). */
export interface AdminActing {
  actor: Actor | null;
  staff: LinkedStaff | null;
  scope: ItemScope;
}

export const gridRef = (grid: GridRow): UnitRef => ({
  kind: 'grid',
  documentId: grid.documentId,
  code: grid.code,
  name: grid.name,
  kindLabel: GRID_LEVEL_LABELS_ZH[grid.level] ?? grid.level,
});
export const departmentRef = (department: DepartmentRow): UnitRef => ({
  kind: 'department',
  documentId: department.documentId,
  code: department.code,
  name: department.name,
  kindLabel: '部门',
});

const labeled = <T extends string>(value: T, labels: Readonly<Record<string, string>>) => ({
  value,
  label: labels[value] ?? value,
});
const statusOf = (value: string | null) =>
  value && (ITEM_STATUSES as readonly string[]).includes(value)
    ? labeled(value as ItemStatus, STATUS_LABELS_ZH)
    : null;
const levelOf = (value: string | null) =>
  value && (LEVELS as readonly string[]).includes(value)
    ? labeled(value as Level, LEVEL_LABELS_ZH)
    : null;

/** The handling actions' permission family: 督办 has its own, every other action is 办理. */
export function permissionOfAction(action: Action): PluginPermissionName {
  return action === 'supervise' ? 'itemsSupervise' : 'itemsAct';
}

interface Optionality {
  safeParse(value: unknown): { success: boolean };
}

const TEXT_LABELS: Record<string, string> = { note: '说明', reason: '理由', reply: '答复群众' };

/** The form inputs of an action, read from its zod schema (domain/action-input.ts). */
function textInputs(action: Action): ActionInputField[] {
  // Every action's input is a zod object (refinements keep the object in zod 4).
  const shape = (ACTION_INPUT[action] as unknown as { shape: Record<string, Optionality> }).shape;
  return (['note', 'reason', 'reply'] as const)
    .filter((name) => name in shape)
    .map((name) => ({
      name,
      kind: 'text' as const,
      label: action === 'supervise' && name === 'note' ? '督办意见' : TEXT_LABELS[name],
      required: !shape[name].safeParse(undefined).success,
      maxLength: name === 'reply' ? 5000 : 2000,
    }));
}

const itemPanel = ({ strapi }: { strapi: Core.Strapi }) => {
  const access = (): AccessScopeService => minyiService(strapi, 'access-scope');

  async function acting(user: AdminCaller['user']): Promise<AdminActing> {
    const { staff, scope } = await access().adminAccount(user);
    if (staff)
      return { actor: { role: staff.role, label: staff.name, staffId: staff.id }, staff, scope };
    const superAdmin = user.roles?.some((role) => role.code === 'strapi-super-admin');
    return {
      actor: superAdmin
        ? {
            role: 'county-coordinator',
            label: `${user.firstname ?? ''}${user.lastname ?? ''}(系统管理员)`,
          }
        : null,
      staff: null,
      scope,
    };
  }

  /** Grids an actor may hand an item to: townships and grids inside their scope. */
  async function gridTargets(scope: ItemScope): Promise<UnitRef[]> {
    return (await structureRepository(strapi).handOverGrids(scope)).map(gridRef);
  }

  async function departmentTargets(): Promise<UnitRef[]> {
    return (await structureRepository(strapi).allDepartments()).map(departmentRef);
  }

  async function inputsOf(action: Action, scope: ItemScope): Promise<ActionInputField[]> {
    if (action === 'assign') {
      const departments = await departmentTargets();
      const leaders = await staffRepository(strapi).activeLeaders();
      return [
        {
          name: 'grid',
          kind: 'grid',
          label: '承办网格/乡镇',
          required: false,
          targets: await gridTargets(scope),
        },
        {
          name: 'leadDepartment',
          kind: 'department',
          label: '牵头单位',
          required: false,
          targets: departments,
        },
        {
          name: 'coDepartments',
          kind: 'departments',
          label: '协办单位',
          required: false,
          targets: departments,
        },
        { name: 'leadLeader', kind: 'staff', label: '领办领导', required: false, targets: leaders },
        {
          name: 'complexity',
          kind: 'enum',
          label: '复杂程度',
          required: false,
          options: COMPLEXITIES.map((value) => labeled(value, COMPLEXITY_LABELS_ZH)),
        },
        ...textInputs(action),
      ];
    }
    if (action === 'request-extension') {
      return [
        ...textInputs(action),
        {
          name: 'workingDays',
          kind: 'integer',
          label: '延长工作日数',
          required: false,
          min: 1,
          max: 60,
        },
        { name: 'until', kind: 'datetime', label: '新的办理时限', required: false },
      ];
    }
    if (action === 'link-duplicate') {
      return [
        { name: 'duplicateOf', kind: 'item', label: '重复的原事项(查询码)', required: true },
        ...textInputs(action),
      ];
    }
    return textInputs(action);
  }

  /**
   * Exactly what the caller may do to the item: the state machine for their role and the item's
   * state and level, inside their unit scope, with the plugin permission of each action — the
   * checks the handling route makes, so no offered action is refused for who the caller is.
   */
  async function allowedActions(
    caller: AdminCaller,
    who: AdminActing,
    item: {
      documentId: string;
      state: ItemStatus;
      level: Level;
      extensionPending: boolean;
      inScope: boolean;
    }
  ): Promise<AllowedAction[]> {
    if (who.actor === null || !item.inScope) return [];
    const actions = availableActions({
      from: item.state,
      actorRole: who.actor.role,
      level: item.level,
      extensionPending: item.extensionPending,
    }).filter((action) => caller.can(pluginActionId(permissionOfAction(action))));
    return Promise.all(
      actions.map(async (action): Promise<AllowedAction> => {
        const to = availableTarget(item.state, action);
        return {
          action,
          label: ACTION_RULES[action].labelZh,
          to: labeled(to, STATUS_LABELS_ZH),
          inputs: await inputsOf(action, who.scope),
          rule:
            action === 'assign'
              ? 'grid-or-lead-department'
              : action === 'request-extension'
                ? 'working-days-xor-until'
                : null,
          path: `/minyi/items/${item.documentId}/actions/${action}`,
        };
      })
    );
  }

  /** The item's photos by kind, labelled; a kind without photos is left out. */
  async function photoGroups(itemId: number): Promise<ItemPhotoGroup[]> {
    const byKind = (await minyiService(strapi, 'photos').viewsOf([itemId])).get(itemId);
    if (!byKind) return [];
    return PHOTO_KINDS.filter((kind) => byKind[kind].length > 0).map((kind) => ({
      kind: labeled(kind, PHOTO_KIND_LABELS_ZH),
      photos: byKind[kind].map((photo) => ({
        url: photo.url,
        thumbnailUrl: photo.formats.thumbnail ?? photo.url,
        width: photo.width,
        height: photo.height,
      })),
    }));
  }

  return {
    acting,
    allowedActions,
    gridTargets,

    /** The item panel; null for an unknown item, 'outside' when it lies outside the caller's unit. */
    async panel(
      caller: AdminCaller,
      documentId: string,
      now: Date = new Date()
    ): Promise<ItemPanel | null | 'outside'> {
      const item = await itemsRepository(strapi).forPanel(documentId);
      if (!item) return null;
      const who = await acting(caller.user);
      const coDepartments = item.coDepartments ?? [];
      const inScope = itemInScope(who.scope, {
        gridPath: item.gridPath,
        leadDepartmentId: item.leadDepartment?.id ?? null,
        coDepartmentIds: coDepartments.map((department) => department.id),
      });
      if (!inScope) return 'outside';

      const events = await itemEventsRepository(strapi).historyOf(item.id);
      const timeline: TimelineEntry[] = events.map((event) => ({
        at: new Date(event.at).toISOString(),
        actor: event.actor?.name ?? event.actorLabel ?? '系统',
        type: labeled(event.type, EVENT_TYPE_LABELS_ZH),
        fromStatus: statusOf(event.fromStatus),
        toStatus: statusOf(event.toStatus),
        fromLevel: levelOf(event.fromLevel),
        toLevel: levelOf(event.toLevel),
        note: event.note,
      }));

      const messages = await outboxRepository(strapi).ofItem(item.documentId);
      const mails: ItemMail[] = messages.map((message) => ({
        template: labeled(message.template, TEMPLATE_LABELS_ZH),
        // The label (unit and person), never the address: a resident's email is personal data.
        recipient: message.recipientLabel ?? '',
        state: labeled(message.state, MAIL_STATE_LABELS_ZH),
        queuedAt: new Date(message.createdAt).toISOString(),
        sentAt: message.sentAt ? new Date(message.sentAt).toISOString() : null,
        lastError: message.lastError,
      }));

      const owner = item.assignedGrid
        ? gridRef(item.assignedGrid)
        : item.leadDepartment
          ? departmentRef(item.leadDepartment)
          : item.grid
            ? gridRef(item.grid)
            : null;
      const departmentId = who.scope.kind === 'department' ? who.scope.departmentId : null;
      const calendar = minyiService(strapi, 'calendar').get();
      return {
        documentId: item.documentId,
        trackingCode: item.trackingCode,
        title: item.title,
        status: labeled(item.state, STATUS_LABELS_ZH),
        level: labeled(item.level, LEVEL_LABELS_ZH),
        owningUnit: owner,
        coDepartments: coDepartments.map(departmentRef),
        callerPart:
          departmentId === null
            ? null
            : item.leadDepartment?.id === departmentId
              ? 'lead'
              : 'co-handling',
        due: itemDue(
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
              role: labeled(item.firstResponder.role, ROLE_LABELS_ZH),
            }
          : null,
        extensionPending: Boolean(item.extensionPending),
        supervisionCount: events.filter((event) => event.type === 'supervised').length,
        timeline,
        mails,
        photos: await photoGroups(item.id),
        allowedActions: await allowedActions(caller, who, {
          documentId: item.documentId,
          state: item.state,
          level: item.level,
          extensionPending: Boolean(item.extensionPending),
          inScope,
        }),
      };
    },
  };
};

/** The status an allowed action leads to (the state machine's row). */
function availableTarget(from: ItemStatus, action: Action): ItemStatus {
  return TRANSITIONS.find((row) => row.from === from && row.action === action)?.to ?? from;
}

export type ItemPanelService = ReturnType<typeof itemPanel>;
export default itemPanel;
