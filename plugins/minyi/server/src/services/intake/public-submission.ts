import { randomBytes } from 'crypto';
import type { Core } from '@strapi/strapi';
import { type StoredCategoryLimits, dueAtFor } from '../../domain/deadlines';
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

interface GridRow {
  id: number;
  code: string;
  path: string | null;
}

interface CategoryRow extends StoredCategoryLimits {
  id: number;
  defaultLevel: Level | null;
  defaultDepartmentId: number | null;
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
  const db = (): Connection => strapi.db.connection;

  /** The grid and (when named) the category with its default department, in one statement. */
  async function lookUp(
    gridRef: string,
    categoryRef: string | undefined
  ): Promise<{ grid: GridRow | null; category: CategoryRow | null }> {
    const query = db()('grids as g')
      .where((where) => where.where('g.document_id', gridRef).orWhere('g.code', gridRef))
      .first('g.id as gridId', 'g.code as gridCode', 'g.path as gridPath');
    if (categoryRef !== undefined) {
      query
        .leftJoin('categories as c', (on) =>
          on.on(db().raw('(c.document_id = ? or c.code = ?)', [categoryRef, categoryRef]))
        )
        .leftJoin('categories_default_department_lnk as d', 'd.category_id', 'c.id')
        .select(
          'c.id as categoryId',
          'c.default_level as defaultLevel',
          'c.grid_days as gridDays',
          'c.township_days as townshipDays',
          'c.county_days as countyDays',
          'c.urgent_hours as urgentHours',
          'd.department_id as defaultDepartmentId'
        );
    }
    const row = await query;
    if (!row) {
      // No grid: say whether the category was wrong too, field by field.
      const category =
        categoryRef === undefined
          ? null
          : await db()('categories')
              .where('document_id', categoryRef)
              .orWhere('code', categoryRef)
              .first('id');
      return {
        grid: null,
        category: category ? ({ id: Number(category.id) } as CategoryRow) : null,
      };
    }
    const int = (value: unknown) =>
      value === null || value === undefined ? undefined : Number(value);
    return {
      grid: { id: Number(row.gridId), code: row.gridCode, path: row.gridPath ?? null },
      category:
        row.categoryId === null || row.categoryId === undefined
          ? null
          : {
              id: Number(row.categoryId),
              defaultLevel: row.defaultLevel ?? null,
              defaultDepartmentId:
                row.defaultDepartmentId === null || row.defaultDepartmentId === undefined
                  ? null
                  : Number(row.defaultDepartmentId),
              gridDays: int(row.gridDays),
              townshipDays: int(row.townshipDays),
              countyDays: int(row.countyDays),
              urgentHours:
                row.urgentHours === null || row.urgentHours === undefined
                  ? null
                  : Number(row.urgentHours),
            },
    };
  }

  async function gridIdOfCode(code: string, known: GridRow): Promise<number> {
    if (code === known.code) return known.id;
    const row = await db()('grids').where('code', code).first('id');
    return row ? Number(row.id) : known.id;
  }

  /** Read before the transaction: who is told is advice, and the write lock is held as briefly as possible. */
  async function ownersToTell(
    ownerGridId: number,
    level: Level,
    departmentId: number | null
  ): Promise<Recipient[]> {
    const owners: Map<number, Recipient[]> = await minyiService(strapi, 'recipients').ownersOfGrids(
      db(),
      [ownerGridId],
      level
    );
    const recipients = [...(owners.get(ownerGridId) ?? [])];
    if (departmentId !== null) {
      const department = await db()('departments')
        .where('id', departmentId)
        .first('contact_email as email', 'name');
      if (department?.email)
        recipients.push({
          email: department.email,
          label: department.name,
          reason: 'lead-department',
        });
    }
    return recipients;
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
      const { grid, category } = await lookUp(input.grid, input.category);
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
      const messages = notificationsFor({
        template: 'assigned',
        itemDocumentId: documentId,
        occurrence: `submitted:${now.toISOString()}`,
        recipients: await ownersToTell(ownerGridId, route.level, leadDepartmentId),
        data: {
          title: input.title,
          trackingCode,
          level: route.level,
          action: 'submit',
          note: null,
          dueAt: dueAt.toISOString(),
        },
      });
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

      // Photos are checked and stored first; if the item's write fails they are removed again.
      await minyiService(strapi, 'photos').withPhotos('submitted', photos, 0, (stored) =>
        strapi.db.transaction(async ({ trx }: { trx: Connection }) => {
          const item = await minyiService(strapi, 'item-row-writer').insert(
            trx,
            data,
            links,
            now,
            documentId
          );
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
          await minyiService(strapi, 'photos').attach(trx, item.id, 'submitted', stored);
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
