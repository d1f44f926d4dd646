import { asPluginWriter } from './owned-fields';
import type { Core } from '@strapi/strapi';
import { type ItemScope, itemInScope } from '../../domain/access-scope';
import { parseActionInput } from '../../domain/action-input';
import { itemChangesFor } from '../../domain/item-changes';
import {
  checkPreconditions,
  type ItemOwners,
  type MovePreconditions,
  noOpRefusal,
} from '../../domain/move-guards';
import {
  type Audience,
  type AudienceContacts,
  mailOfEvent,
  recipientsOf,
  residentRecipient,
} from '../../domain/mail-audience';
import { notificationsFor, type Recipient } from '../../domain/notifications';
import { ACTIONS, type Action, checkTransition, httpStatusOf } from '../../domain/state-machine';
import type { ActorRole, ItemStatus, Level } from '../../domain/vocabulary';
import { minyiService } from '../../plugin';
import { Refusal } from '../../refusal';
import { itemRowsRepository } from '../../repositories/item-rows';
import { itemsRepository } from '../../repositories/items';
import { staffRepository } from '../../repositories/staff';
import { structureRepository, type UnitReference } from '../../repositories/structure';
import { type Contact, type HandlingItem, recipientOf } from './handling-item';
import type { IncomingPhoto } from '../photos/photo-store';

type Connection = Core.Strapi['db']['connection'];
/** The knex transaction strapi.db.transaction hands over (Strapi's types name it only here). */
type Transaction = NonNullable<
  NonNullable<Parameters<Core.Strapi['db']['entityManager']['updateRelations']>[3]>['transaction']
>;

export interface Actor {
  role: ActorRole;
  label: string;
  /** The staff record acting, when a person acts (not the system or a resident). */
  staffId?: number;
}

/** Options of a move made through the handling route (other callers need none). */
export interface MoveOptions {
  /** The caller's unit: an item outside it is refused (403) from the same read. */
  scope?: ItemScope;
  /** "Only if it is still …": the client's expected state and/or handling version. */
  preconditions?: MovePreconditions;
  /** 整改前/整改后 photos, taken by the resolve action only (stored without EXIF, services/photos). */
  photos?: { before?: readonly IncomingPhoto[]; after?: readonly IncomingPhoto[] };
}

/** The item after a move: what the handling route answers. */
export interface MovedItem {
  id: number;
  documentId: string;
  trackingCode: string;
  state: ItemStatus;
  level: Level;
  dueAt: string | null;
  escalationCount: number;
  extensionPending: boolean;
  version: number;
}

/** Relations an action sets, as row ids (assign, link-duplicate). */
interface RelationChanges {
  owners: { -readonly [K in Exclude<keyof ItemOwners, 'complexity'>]?: ItemOwners[K] };
  /** The lead department and leader an assignment names, for its mail. */
  leadDepartment?: Contact;
  leadLeader?: Contact;
  duplicateOfId?: number;
}

const CONCURRENT_CHANGE = {
  zh: '事项刚被他人处理,请刷新后重试',
  en: 'The item was just changed by someone else; reload and retry',
};

/**
 * Every change of an item made by a person goes through here: the domain checks the move and
 * computes the fields; the item, its event and the mail it causes are written in one
 * transaction. The move is decided from ONE read of the item (inside the transaction) and
 * written by ONE UPDATE guarded on the item's handling version, so a move decided from a state,
 * level, owner or pending extension that another move has changed in between is refused (409)
 * on either database, and two simultaneous moves never both go through.
 */
const workflow = ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => minyiService(strapi, 'handling-item');
  const calendar = () => minyiService(strapi, 'calendar');

  async function referenceOf(
    kind: 'grid' | 'department',
    ref: string,
    field: string
  ): Promise<UnitReference> {
    const found = await structureRepository(strapi).unitByReference(kind, ref);
    if (!found)
      throw new Refusal(
        400,
        'UNKNOWN_REFERENCE',
        { zh: `找不到${field}:${ref}`, en: `Unknown ${field}: ${ref}` },
        [{ field, message: 'not found', messageZh: '找不到' }]
      );
    return found;
  }

  /** The related records an action names, looked up (400 for an unknown one) as row ids. */
  async function relationChanges(
    action: Action,
    input: Record<string, unknown>,
    item: HandlingItem
  ): Promise<RelationChanges> {
    const changes: RelationChanges = { owners: {} };
    if (action === 'assign') {
      if (typeof input.grid === 'string')
        changes.owners.assignedGridId = (await referenceOf('grid', input.grid, 'grid')).id;
      if (typeof input.leadDepartment === 'string') {
        const department = await referenceOf('department', input.leadDepartment, 'leadDepartment');
        changes.owners.leadDepartmentId = department.id;
        changes.leadDepartment = { name: department.name, email: department.contactEmail ?? null };
      }
      if (Array.isArray(input.coDepartments)) {
        const refs = input.coDepartments as string[];
        // One after the other: the lookups share the move's transaction (one connection).
        const ids: number[] = [];
        for (const ref of refs)
          ids.push((await referenceOf('department', ref, 'coDepartments')).id);
        changes.owners.coDepartmentIds = ids;
      }
      if (typeof input.leadLeader === 'string') {
        const leader = await staffRepository(strapi).leader(input.leadLeader);
        if (!leader)
          throw new Refusal(
            400,
            'UNKNOWN_REFERENCE',
            { zh: '找不到该领办领导', en: 'Unknown lead leader' },
            [{ field: 'leadLeader', message: 'not found', messageZh: '找不到该领导' }]
          );
        changes.owners.leadLeaderId = leader.id;
        changes.leadLeader = { name: leader.name, email: leader.email };
      }
    }
    if (action === 'link-duplicate') {
      const ref = String(input.duplicateOf);
      const originalId = await itemsRepository(strapi).idByReference(ref);
      if (originalId === null || originalId === item.id) {
        throw new Refusal(
          400,
          'UNKNOWN_REFERENCE',
          { zh: '找不到被重复的原事项', en: 'Unknown original item' },
          [{ field: 'duplicateOf', message: 'not found', messageZh: '找不到该事项' }]
        );
      }
      changes.duplicateOfId = originalId;
    }
    return changes;
  }

  /** The people of each audience of the move's mail, from the item as read and the owners the move sets. */
  async function contactsOf(
    trx: Connection,
    audience: readonly Audience[],
    item: HandlingItem,
    relations: RelationChanges,
    level: Level
  ): Promise<AudienceContacts> {
    const contacts: Record<Audience, readonly Recipient[]> = {
      owners: [],
      'lead-department': recipientOf(
        relations.leadDepartment ?? item.leadDepartment,
        'lead-department'
      ),
      leader: recipientOf(relations.leadLeader ?? item.leadLeader, 'leader'),
      'first-responder': recipientOf(item.firstResponder, 'first-responder'),
      'county-coordinators': [],
      resident: residentRecipient(item),
    };
    const gridId = relations.owners.assignedGridId ?? item.assignedGridId;
    if (audience.includes('owners') && gridId !== null) {
      const owners = await minyiService(strapi, 'recipients').ownersOfGrids(trx, [gridId], level);
      contacts.owners = owners.get(gridId) ?? [];
    }
    if (audience.includes('county-coordinators'))
      contacts['county-coordinators'] = await minyiService(strapi, 'recipients').countyCoordinators(
        trx
      );
    return contacts;
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
      now: Date = new Date(),
      { scope, preconditions = {}, photos = {} }: MoveOptions = {}
    ): Promise<MovedItem> {
      const parsed = parseActionInput(action, body);
      const input = (parsed.ok ? parsed.input : {}) as Record<string, unknown>;
      const before = photos.before ?? [];
      const after = photos.after ?? [];
      if ((before.length > 0 || after.length > 0) && action !== 'resolve') {
        throw new Refusal(400, 'PHOTOS_ON_RESOLVE_ONLY', {
          zh: '整改前/整改后照片只能在办结时上传',
          en: 'Before/after photos are taken by the resolve action only',
        });
      }
      const photoStore = minyiService(strapi, 'photos');
      const itemId =
        before.length > 0 || after.length > 0
          ? await itemsRepository(strapi).idOf(documentId)
          : null;
      // Photos are checked (整改前 + 整改后 together, with those of earlier resolves) and stored
      // before the move; a refused move removes them again.
      return photoStore.withPhotos(itemId, { files: { before, after } }, (stored) =>
        strapi.db.transaction(async ({ trx }: { trx: Transaction }) => {
          const item = await store().load(trx, documentId, {
            coDepartments:
              scope?.kind === 'department' || (action === 'assign' && 'coDepartments' in input),
          });
          if (item && scope && !itemInScope(scope, item)) {
            throw new Refusal(403, 'OUTSIDE_UNIT', {
              zh: '该事项不属于您所在的单位',
              en: 'This item is outside your unit',
            });
          }
          if (!parsed.ok) {
            throw new Refusal(
              400,
              'INVALID_INPUT',
              { zh: '输入有误', en: 'Invalid input' },
              parsed.problems
            );
          }
          if (!item) throw new Refusal(404, 'NOT_FOUND', { zh: '事项不存在', en: 'No such item' });
          const unmet = checkPreconditions(preconditions, item);
          if (unmet) throw new Refusal(409, unmet.code, unmet.reason);

          const allowed = checkTransition({
            from: item.state,
            action,
            actorRole: actor.role,
            level: item.level,
            extensionPending: item.extensionPending,
          });
          if (!allowed.ok)
            throw new Refusal(httpStatusOf(allowed.code), allowed.code, allowed.reason);

          const change = itemChangesFor(
            action,
            allowed,
            {
              status: item.state,
              level: item.level,
              dueAt: item.dueAt,
              receivedAt: item.receivedAt,
              escalationCount: item.escalationCount,
              extensionRequest: item.extensionRequest,
            },
            parsed.input,
            { now, calendar: calendar().get(), limits: calendar().limitsOf(item.category) }
          );
          if (!change.ok) throw new Refusal(409, change.code, change.reason);
          const relations = await relationChanges(action, input, item);
          const complexity = typeof input.complexity === 'string' ? input.complexity : undefined;
          const noOp = noOpRefusal(action, item.state, change.fields.status, item, {
            ...relations.owners,
            ...(complexity === undefined ? {} : { complexity }),
          });
          if (noOp) throw new Refusal(409, noOp.code, noOp.reason);

          // The guard: the one UPDATE lands only on the version the move was decided from.
          const { status, ...fields } = change.fields;
          const moved = await itemRowsRepository(strapi).moveGuarded(
            trx,
            item.id,
            item.version,
            { ...fields, state: status, ...(complexity === undefined ? {} : { complexity }) },
            now
          );
          if (!moved) throw new Refusal(409, 'CONCURRENT_CHANGE', CONCURRENT_CHANGE);
          await writeRelations(trx, item.id, relations);
          await photoStore.attach(trx, item.id, { before: stored.before, after: stored.after });

          const toLevel = change.fields.level ?? item.level;
          const dueAt = change.fields.dueAt ?? item.dueAt;
          await minyiService(strapi, 'change-log').appendEvents(trx, [
            {
              itemId: item.id,
              type: allowed.event,
              fromStatus: item.state,
              toStatus: status,
              fromLevel: item.level,
              toLevel,
              actorLabel: actor.label,
              actorStaffId: actor.staffId,
              note: change.eventNote,
              at: now,
            },
          ]);
          // reopen: the 'assigned' mail with action 'reopen' and the reason as note (the unit has the item again).
          const mail = mailOfEvent({
            event: allowed.event,
            by: 'person',
            action,
            level: toLevel,
          });
          if (mail) {
            const contacts = await contactsOf(trx, mail.audience, item, relations, toLevel);
            await minyiService(strapi, 'change-log').queue(
              trx,
              notificationsFor({
                template: mail.template,
                itemDocumentId: documentId,
                occurrence: `${action}:${now.toISOString()}`,
                recipients: recipientsOf(mail.audience, contacts),
                // What the mail shows: the handling unit gets where and what, never the resident's name, phone or email.
                data: {
                  title: item.title,
                  trackingCode: item.trackingCode,
                  level: toLevel,
                  action,
                  note: change.eventNote,
                  dueAt: dueAt?.toISOString() ?? null,
                  categoryName: item.category?.name ?? null,
                  address: item.address ?? null,
                  reply: change.fields.resolution ?? null,
                },
              }),
              now
            );
          }
          return {
            id: item.id,
            documentId: item.documentId,
            trackingCode: item.trackingCode,
            state: status,
            level: toLevel,
            dueAt: dueAt?.toISOString() ?? null,
            escalationCount: change.fields.escalationCount ?? item.escalationCount,
            extensionPending: change.fields.extensionPending ?? item.extensionPending,
            version: item.version + 1,
          };
        })
      );
    },
  };

  /** The links an action sets, through Strapi's own relation writer (no re-read, no lifecycles). */
  async function writeRelations(trx: Transaction, itemId: number, relations: RelationChanges) {
    const { assignedGridId, leadDepartmentId, coDepartmentIds, leadLeaderId } = relations.owners;
    const data: Record<string, unknown> = {
      ...(assignedGridId === undefined ? {} : { assignedGrid: assignedGridId }),
      ...(leadDepartmentId === undefined ? {} : { leadDepartment: leadDepartmentId }),
      ...(coDepartmentIds === undefined ? {} : { coDepartments: coDepartmentIds }),
      ...(leadLeaderId === undefined ? {} : { leadLeader: leadLeaderId }),
      ...(relations.duplicateOfId === undefined ? {} : { duplicateOf: relations.duplicateOfId }),
    };
    if (Object.keys(data).length === 0) return;
    await itemsRepository(strapi).setRelations(trx, itemId, data);
  }
};

/**
 * The workflow writes the fields it owns (domain/owned-fields.ts): every action runs as the
 * plugin's writer, which the owned-fields guard lets through (its links go through the entity
 * manager, below the Document Service, but a future Document Service write stays covered).
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
