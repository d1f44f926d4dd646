import type { Core } from '@strapi/strapi';
import { asPluginWriter } from './owned-fields';
import { parseActionInput, type InputProblem } from '../domain/action-input';
import type { CategoryTimeLimits } from '../domain/deadlines';
import { itemChangesFor, type ExtensionRequestRecord } from '../domain/item-changes';
import { notificationsFor, type Recipient } from '../domain/notifications';
import { ACTIONS, type Action, checkTransition, httpStatusOf } from '../domain/state-machine';
import type { ActorRole, ItemStatus, Level } from '../domain/vocabulary';

type Connection = Core.Strapi['db']['connection'];

export interface Actor {
  role: ActorRole;
  label: string;
  /** The staff record acting, when a person acts (not the system or a resident). */
  staffId?: number;
}

/** A refusal the HTTP layer turns into its status code with a bilingual message. */
export class WorkflowRefusal extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    readonly code: string,
    readonly reason: { zh: string; en: string },
    readonly problems: InputProblem[] = []
  ) {
    super(`${reason.zh} / ${reason.en}`);
  }
}

interface LoadedItem {
  id: number;
  documentId: string;
  /** The item's status (stored as `state`: Strapi 5 reserves `status` for draft/publish). */
  state: ItemStatus;
  level: Level;
  title: string;
  trackingCode: string;
  dueAt: string | null;
  receivedAt: string | null;
  escalationCount: number | null;
  extensionPending: boolean | null;
  extensionRequest: ExtensionRequestRecord | null;
  category: (CategoryTimeLimits & { warningOffsetHours: number; name?: string }) | null;
  address?: string | null;
  submitterEmail?: string | null;
  emailConsent?: boolean | null;
}

/**
 * Every change of an item made by a person goes through here: the domain checks the move and
 * computes the fields; the item, its event and the mail it causes are written in one transaction,
 * guarded so that two people acting at once cannot both move the item from the same state.
 */
const workflow = ({ strapi }: { strapi: Core.Strapi }) => {
  const plugin = () => strapi.plugin('minyi');
  const items = () => strapi.documents('api::item.item');

  async function idOfReference(
    uid: 'api::grid.grid' | 'api::department.department',
    ref: string,
    field: string
  ) {
    const found = await strapi.db
      .query(uid)
      .findOne({
        where: { $or: [{ documentId: ref }, { code: ref }] },
        select: ['id', 'documentId'],
      });
    if (!found)
      throw new WorkflowRefusal(
        400,
        'UNKNOWN_REFERENCE',
        { zh: `找不到${field}:${ref}`, en: `Unknown ${field}: ${ref}` },
        [{ field, message: 'not found' }]
      );
    return found as { id: number; documentId: string };
  }

  async function relationChanges(action: Action, input: Record<string, unknown>, item: LoadedItem) {
    const data: Record<string, unknown> = {};
    if (action === 'assign') {
      if (typeof input.grid === 'string')
        data.assignedGrid = (await idOfReference('api::grid.grid', input.grid, 'grid')).documentId;
      if (typeof input.leadDepartment === 'string') {
        data.leadDepartment = (
          await idOfReference('api::department.department', input.leadDepartment, 'leadDepartment')
        ).documentId;
      }
      if (Array.isArray(input.coDepartments)) {
        const refs = input.coDepartments as string[];
        data.coDepartments = await Promise.all(
          refs.map(
            async (ref) =>
              (await idOfReference('api::department.department', ref, 'coDepartments')).documentId
          )
        );
      }
      if (typeof input.leadLeader === 'string') {
        const leader = await strapi.db
          .query('api::staff.staff')
          .findOne({
            where: { documentId: input.leadLeader, role: 'leader' },
            select: ['documentId'],
          });
        if (!leader)
          throw new WorkflowRefusal(
            400,
            'UNKNOWN_REFERENCE',
            { zh: '找不到该领办领导', en: 'Unknown lead leader' },
            [{ field: 'leadLeader', message: 'not found' }]
          );
        data.leadLeader = leader.documentId;
      }
      if (typeof input.complexity === 'string') data.complexity = input.complexity;
    }
    if (action === 'link-duplicate') {
      const ref = String(input.duplicateOf);
      const original = await strapi.db
        .query('api::item.item')
        .findOne({
          where: { $or: [{ documentId: ref }, { trackingCode: ref }] },
          select: ['id', 'documentId'],
        });
      if (!original || original.id === item.id) {
        throw new WorkflowRefusal(
          400,
          'UNKNOWN_REFERENCE',
          { zh: '找不到被重复的原事项', en: 'Unknown original item' },
          [{ field: 'duplicateOf', message: 'not found' }]
        );
      }
      data.duplicateOf = original.documentId;
    }
    return data;
  }

  async function recipientsFor(
    trx: Connection,
    action: Action,
    item: LoadedItem,
    level: Level
  ): Promise<Recipient[]> {
    const itemId = item.id;
    const recipients = plugin().service('recipients');
    // A reopened item (resident or spot-check callback: not solved) goes back to the unit that owns it.
    // 督办 goes to the same owners.
    if (action === 'assign' || action === 'reopen' || action === 'supervise') {
      const assigned: { grid_id: number } | undefined = await trx('items_assigned_grid_lnk')
        .where('item_id', itemId)
        .first('grid_id');
      const owners: Map<number, Recipient[]> = assigned
        ? await recipients.ownersOfGrids(trx, [assigned.grid_id], level)
        : new Map();
      const department: Array<{ email: string | null; name: string }> = await trx(
        'items_lead_department_lnk as l'
      )
        .join('departments as d', 'd.id', 'l.department_id')
        .where('l.item_id', itemId)
        .select('d.contact_email as email', 'd.name');
      return [
        ...(assigned ? (owners.get(assigned.grid_id) ?? []) : []),
        ...department.flatMap((d) =>
          d.email ? [{ email: d.email, label: d.name, reason: 'lead-department' as const }] : []
        ),
        ...((await recipients.leadLeaders(trx, [itemId])).get(itemId) ?? []),
      ];
    }
    if (action === 'approve-extension' || action === 'reject-extension' || action === 'escalate') {
      return (await recipients.firstResponders(trx, [itemId])).get(itemId) ?? [];
    }
    if (action === 'resolve') {
      return [
        ...((await recipients.firstResponders(trx, [itemId])).get(itemId) ?? []),
        ...((await recipients.leadLeaders(trx, [itemId])).get(itemId) ?? []),
        ...residentRecipient(item),
      ];
    }
    return [];
  }

  return {
    isAction(value: string): value is Action {
      return (ACTIONS as readonly string[]).includes(value);
    },

    async act(
      documentId: string,
      action: Action,
      actor: Actor,
      body: unknown,
      now: Date = new Date()
    ) {
      const parsed = parseActionInput(action, body);
      if (!parsed.ok) {
        throw new WorkflowRefusal(
          400,
          'INVALID_INPUT',
          { zh: '输入有误', en: 'Invalid input' },
          parsed.problems
        );
      }
      const item = (await items().findOne({
        documentId,
        populate: { category: true },
      })) as unknown as LoadedItem | null;
      if (!item)
        throw new WorkflowRefusal(404, 'NOT_FOUND', { zh: '事项不存在', en: 'No such item' });

      const allowed = checkTransition({
        from: item.state,
        action,
        actorRole: actor.role,
        level: item.level,
        extensionPending: Boolean(item.extensionPending),
      });
      if (!allowed.ok)
        throw new WorkflowRefusal(httpStatusOf(allowed.code), allowed.code, allowed.reason);

      const limits = { ...plugin().service('calendar').defaultLimits(), ...(item.category ?? {}) };
      const change = itemChangesFor(
        action,
        allowed,
        {
          status: item.state,
          level: item.level,
          dueAt: item.dueAt ? new Date(item.dueAt) : null,
          receivedAt: item.receivedAt ? new Date(item.receivedAt) : null,
          escalationCount: item.escalationCount ?? 0,
          extensionRequest: item.extensionRequest ?? null,
        },
        parsed.input,
        { now, calendar: plugin().service('calendar').get(), limits }
      );
      if (!change.ok) throw new WorkflowRefusal(409, change.code, change.reason);
      const relations = await relationChanges(
        action,
        parsed.input as Record<string, unknown>,
        item
      );

      return strapi.db.transaction(async ({ trx }: { trx: Connection }) => {
        // The guard: only one of two simultaneous moves from the same state goes through.
        const claimed = await trx('items')
          .where({ id: item.id, state: item.state })
          .update({ state: change.fields.status, updated_at: now });
        if (claimed !== 1) {
          throw new WorkflowRefusal(409, 'CONCURRENT_CHANGE', {
            zh: '事项刚被他人处理,请刷新后重试',
            en: 'The item was just changed by someone else; reload and retry',
          });
        }
        const { status, ...fields } = change.fields;
        const updated = await items().update({
          documentId,
          data: { ...fields, state: status, ...relations } as never,
        });
        const toLevel = change.fields.level ?? item.level;
        await plugin()
          .service('change-log')
          .appendEvents(trx, [
            {
              itemId: item.id,
              type: allowed.event,
              fromStatus: item.state,
              toStatus: change.fields.status,
              fromLevel: item.level,
              toLevel,
              actorLabel: actor.label,
              actorStaffId: actor.staffId,
              note: change.eventNote,
              at: now,
            },
          ]);
        // reopen: the 'assigned' mail with action 'reopen' and the reason as note (the unit has the item again).
        const template = {
          assign: 'assigned',
          reopen: 'assigned',
          'approve-extension': 'extension-decided',
          'reject-extension': 'extension-decided',
          escalate: 'escalated',
          resolve: 'resolved',
          supervise: 'supervised',
        } as const;
        const templateOf = template[action as keyof typeof template];
        if (templateOf) {
          await plugin()
            .service('change-log')
            .queue(
              trx,
              notificationsFor({
                template: templateOf,
                itemDocumentId: documentId,
                occurrence: `${action}:${now.toISOString()}`,
                recipients: await recipientsFor(trx, action, item, toLevel),
                // What the mail shows: the handling unit gets where and what, never the resident's name, phone or email.
                data: {
                  title: item.title,
                  trackingCode: item.trackingCode,
                  level: toLevel,
                  action,
                  note: change.eventNote,
                  dueAt: change.fields.dueAt?.toISOString() ?? item.dueAt,
                  categoryName: item.category?.name ?? null,
                  address: item.address ?? null,
                  reply: change.fields.resolution ?? null,
                },
              }),
              now
            );
        }
        return updated;
      });
    },
  };
};

/** The resident is told (办结) only when they gave an email address and agreed to mail. */
function residentRecipient(item: LoadedItem): Recipient[] {
  const email = item.submitterEmail?.trim();
  return item.emailConsent === true && email
    ? [{ email, label: '反映人', reason: 'resident' }]
    : [];
}

/**
 * The workflow writes the fields it owns (domain/owned-fields.ts): every action runs as the
 * plugin's writer, which the owned-fields guard lets through.
 */
const ownedWorkflow = (deps: { strapi: Core.Strapi }) => {
  const service = workflow(deps);
  return {
    ...service,
    act: (...args: Parameters<typeof service.act>) =>
      asPluginWriter('workflow', () => service.act(...args)),
  };
};

export default ownedWorkflow;
