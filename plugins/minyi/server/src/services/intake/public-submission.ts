import { randomBytes } from 'crypto';
import type { Core } from '@strapi/strapi';
import { dueAtFor } from '../../domain/deadlines';
import {
  type Audience,
  type AudienceContacts,
  mailOfEvent,
  recipientsOf,
} from '../../domain/mail-audience';
import { notificationsFor, type Recipient } from '../../domain/notifications';
import type { ItemChannel } from '../../domain/partner-channel';
import {
  RECEIPT_SECRET_BYTES,
  receiptSecretFromBytes,
  receiptSecretHash,
} from '../../domain/receipt-secret';
import { routeItem } from '../../domain/routing';
import type { SubmissionInput } from '../../domain/submission';
import type { Level } from '../../domain/vocabulary';
import { minyiService } from '../../plugin';
import { Refusal } from '../../refusal';
import { newDocumentId } from '../../repositories/document-ids';
import { itemRowsRepository } from '../../repositories/item-rows';
import { type SubmissionGrid, structureRepository } from '../../repositories/structure';
import type { IncomingPhoto } from '../photos/photo-store';
import { isPhotoReference } from '../../domain/photos';

type Connection = Core.Strapi['db']['connection'];

export interface SubmissionSource {
  channel: ItemChannel;
  /** The partner API token that sent it, when one did. */
  partnerTokenId?: number;
  /** Who the history names as having taken it in: 群众 (website) or the partner system's token name. */
  actorLabel: string;
  /** 首问负责制: the staff member who registered it in the admin (登记民意), if one did. */
  firstResponderStaffId?: number;
}

export interface SubmissionAttachments {
  photos?: readonly IncomingPhoto[];
  mediaUrl?: string;
}

export interface SubmissionReceipt {
  trackingCode: string;
  receiptSecret: string;
  status: 'submitted';
  level: Level;
  dueAt: string;
}

const GRID_PATH = /^(\/[A-Za-z0-9-]+)+\/$/;

function unknownReference(field: 'grid' | 'category', ref: string): Refusal {
  const zh = field === 'grid' ? '所在网格' : '事项分类';
  return new Refusal(400, 'UNKNOWN_REFERENCE', { zh: `找不到${zh}`, en: `Unknown ${field}` }, [
    {
      path: ['data', field],
      message: `no ${field} has the documentId or code "${ref}"`,
      messageZh: `找不到编号或代码为"${ref}"的${zh}`,
    },
  ]);
}

/**
 * 群众提交: a new item from the public form or a partner system. Routed and given its deadline by
 * the domain (routing, working-day calendar) at once, so the resident's receipt shows the level and
 * the due date; written with its "created" event and the owners' mail in one transaction.
 */
const publicSubmission = ({ strapi }: { strapi: Core.Strapi }) => {
  const structure = () => structureRepository(strapi);

  async function gridIdOfCode(code: string, known: SubmissionGrid): Promise<number> {
    if (code === known.code) return known.id;
    return (await structure().gridIdOfCode(code)) ?? known.id;
  }

  /** Read before the transaction: who is told is advice, and the write lock is held as briefly as possible. */
  async function contactsOf(
    audience: readonly Audience[],
    ownerGridId: number,
    level: Level,
    departmentId: number | null
  ): Promise<AudienceContacts> {
    const contacts: AudienceContacts = {};
    if (audience.includes('owners')) {
      const owners: Map<number, Recipient[]> = await minyiService(
        strapi,
        'recipients'
      ).ownersOfGrids(null, [ownerGridId], level);
      contacts.owners = owners.get(ownerGridId) ?? [];
    }
    if (audience.includes('lead-department') && departmentId !== null) {
      const department = await structure().departmentContact(departmentId);
      if (department?.email)
        contacts['lead-department'] = [
          { email: department.email, label: department.name, reason: 'lead-department' },
        ];
    }
    return contacts;
  }

  return {
    async submit(
      input: SubmissionInput,
      source: SubmissionSource,
      now: Date = new Date(),
      /**
       * The resident's photos (随手拍), checked and stored without EXIF by the photo service, and
       * a photo's address elsewhere (Open311 media_url): stored as given, only if it is http(s).
       */
      { photos = [], mediaUrl }: SubmissionAttachments = {}
    ): Promise<SubmissionReceipt> {
      if (mediaUrl !== undefined && !isPhotoReference(mediaUrl))
        throw new Refusal(
          400,
          'INVALID_INPUT',
          { zh: '照片链接须为 http(s) 地址', en: 'media_url must be an http(s) URL' },
          [
            {
              path: ['media_url'],
              message: 'must be an http(s) URL of at most 2048 characters',
              messageZh: '须为 http(s) 地址,最长 2048 个字符',
            },
          ]
        );
      const { grid, category } = await structure().forSubmission(input.grid, input.category);
      if (!grid) {
        const problems = [
          unknownReference('grid', input.grid).problems,
          input.category && !category ? unknownReference('category', input.category).problems : [],
        ].flat();
        throw new Refusal(
          400,
          'UNKNOWN_REFERENCE',
          { zh: '找不到所在网格或事项分类', en: 'Unknown grid or category' },
          problems
        );
      }
      if (input.category && !category) throw unknownReference('category', input.category);

      const limits = minyiService(strapi, 'calendar').limitsOf(category);
      const defaultLevel: Level = category?.defaultLevel ?? 'grid';
      // A grid whose path is not (yet) materialised is routed at its own node.
      const route =
        grid.path && GRID_PATH.test(grid.path)
          ? routeItem({
              category: {
                defaultLevel,
                defaultDepartment:
                  category?.defaultDepartmentId === null || category === null
                    ? null
                    : String(category.defaultDepartmentId),
              },
              gridPath: grid.path,
            })
          : { level: defaultLevel, assignedGridCode: grid.code, leadDepartment: undefined };
      const ownerGridId = await gridIdOfCode(route.assignedGridCode, grid);
      const leadDepartmentId =
        route.leadDepartment === undefined ? null : Number(route.leadDepartment);
      const dueAt = dueAtFor(minyiService(strapi, 'calendar').get(), limits, route.level, now);

      const receiptSecret = receiptSecretFromBytes(randomBytes(RECEIPT_SECRET_BYTES));
      const trackingCode = minyiService(strapi, 'item-identity').newTrackingCode();

      // Everything that is not a write happens before the transaction.
      const documentId = newDocumentId();
      const mail = mailOfEvent({ event: 'created', by: 'person', level: route.level });
      const messages = mail
        ? notificationsFor({
            template: mail.template,
            itemDocumentId: documentId,
            occurrence: `submitted:${now.toISOString()}`,
            recipients: recipientsOf(
              mail.audience,
              await contactsOf(mail.audience, ownerGridId, route.level, leadDepartmentId)
            ),
            data: {
              title: input.title,
              trackingCode,
              level: route.level,
              action: 'submit',
              note: null,
              dueAt: dueAt.toISOString(),
            },
          })
        : [];
      const data = {
        trackingCode,
        title: input.title,
        content: input.content,
        type: input.type ?? 'request',
        channel: source.channel,
        submitterName: input.submitterName || null,
        submitterPhone: input.submitterPhone || null,
        submitterEmail: input.submitterEmail ?? null,
        emailConsent: input.emailConsent ?? false,
        anonymous: input.anonymous ?? false,
        receiptSecretHash: receiptSecretHash(receiptSecret),
        partnerTokenId: source.partnerTokenId ?? null,
        address: input.address || null,
        mediaUrl: mediaUrl ?? null,
        latitude: input.lat ?? null,
        longitude: input.long ?? null,
        gridPath: grid.path,
        level: route.level,
        state: 'submitted',
        receivedAt: now,
        dueAt,
      };
      const links = {
        category: category?.id,
        grid: grid.id,
        assignedGrid: ownerGridId,
        leadDepartment: leadDepartmentId,
        firstResponder: source.firstResponderStaffId ?? null,
      };

      // Photos are checked (the media_url reference counts as one of the resident's) and stored
      // first; if the item's write fails they are removed again.
      const addition = { files: { submitted: photos }, references: mediaUrl ? 1 : 0 };
      await minyiService(strapi, 'photos').withPhotos(null, addition, (stored) =>
        strapi.db.transaction(async ({ trx }: { trx: Connection }) => {
          const item = await itemRowsRepository(strapi).insert(trx, data, links, now, documentId);
          await minyiService(strapi, 'change-log').appendEvents(trx, [
            {
              itemId: item.id,
              type: 'created',
              toStatus: 'submitted',
              toLevel: route.level,
              actorLabel: source.actorLabel,
              actorStaffId: source.firstResponderStaffId,
              at: now,
            },
          ]);
          await minyiService(strapi, 'photos').attach(trx, item.id, {
            submitted: stored.submitted,
          });
          await minyiService(strapi, 'change-log').queue(trx, messages, now);
        })
      );
      return {
        trackingCode,
        receiptSecret,
        status: 'submitted',
        level: route.level,
        dueAt: dueAt.toISOString(),
      };
    },
  };
};

export default publicSubmission;
