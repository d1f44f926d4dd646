import type { Core } from '@strapi/strapi';
import { minyiService } from '../../plugin';
import { z } from 'zod';
import type {
  IntakeDuplicatesResponse,
  IntakeOptionsResponse,
  IntakeResponse,
} from '../../../../shared/contracts';
import { DUPLICATE_WINDOW_DAYS, INTAKE_CHANNELS } from '../../domain/intake';
import {
  CHANNEL_LABELS_ZH,
  ITEM_TYPE_LABELS_ZH,
  LEVEL_LABELS_ZH,
  STATUS_LABELS_ZH,
} from '../../domain/labels';
import { ITEM_TYPES, SUBMISSION_INPUT } from '../../domain/submission';
import { ACTION_RULES } from '../../domain/state-machine';
import type { ItemChannel } from '../../domain/partner-channel';
import { DONE_STATUSES, type ItemStatus } from '../../domain/vocabulary';
import { type AdminCaller, gridRef, type ItemPanelService } from './item-panel';
import { Refusal } from '../../refusal';
import { itemsRepository } from '../../repositories/items';
import { structureRepository } from '../../repositories/structure';
import type { IncomingPhoto } from '../photos/photo-store';

const SUBMISSION_FIELDS = SUBMISSION_INPUT.shape;

const intakeBody = z
  .object({
    // The public submission's fields (domain/submission.ts) a staff member types in for a resident.
    data: z
      .object({
        title: SUBMISSION_FIELDS.title,
        content: SUBMISSION_FIELDS.content,
        type: SUBMISSION_FIELDS.type,
        category: SUBMISSION_FIELDS.category,
        grid: SUBMISSION_FIELDS.grid,
        address: SUBMISSION_FIELDS.address,
        lat: SUBMISSION_FIELDS.lat,
        long: SUBMISSION_FIELDS.long,
        submitterName: SUBMISSION_FIELDS.submitterName,
        submitterPhone: SUBMISSION_FIELDS.submitterPhone,
        anonymous: SUBMISSION_FIELDS.anonymous,
        channel: z.string().trim().min(1).max(40),
        duplicateOf: z.string().trim().min(1).max(64).optional(),
      })
      .strict(),
  })
  .strict();

const duplicatesQuery = z
  .object({
    phone: z.string().trim().min(5).max(20).optional(),
    address: z.string().trim().min(2).max(300).optional(),
    category: z.string().trim().min(1).max(64).optional(),
  })
  .strict()
  .refine((q) => q.phone !== undefined || (q.address !== undefined && q.category !== undefined), {
    message: 'give phone, or address and category / 请提供电话,或地址和分类',
  });

const optionsQuery = z.object({ grid: z.string().trim().max(50).optional() }).strict();

function badInput(error: z.ZodError): Refusal {
  return new Refusal(
    400,
    'INVALID_INPUT',
    { zh: '输入有误', en: 'Invalid input' },
    error.issues.map((issue) => ({
      field: issue.path.filter((part) => part !== 'data').join('.') || '(body)',
      message: issue.message,
    }))
  );
}

const notStaff = () =>
  new Refusal(403, 'NOT_STAFF', {
    zh: '当前账号未关联在岗工作人员,不能登记',
    en: 'This account is not linked to active staff',
  });

/**
 * 登记民意: staff register an item for a resident through the public submission service (routing,
 * deadline, "created" event, owners' mail), as its first responder, on a channel their role may record.
 */
const intake = ({ strapi }: { strapi: Core.Strapi }) => {
  const panel = (): ItemPanelService => minyiService(strapi, 'item-panel');

  /** The rule of the 标记重复 move, so the form offers the link only to a role the move allows. */
  const mayLinkDuplicate = (actor: { role: string } | null | undefined): boolean =>
    !!actor && (ACTION_RULES['link-duplicate'].roles as readonly string[]).includes(actor.role);

  async function staffOf(caller: AdminCaller) {
    const who = await panel().acting(caller.user);
    if (who.staff === null) throw notStaff();
    return { who, staff: who.staff, channels: INTAKE_CHANNELS[who.staff.role] ?? [] };
  }

  return {
    async options(caller: AdminCaller, query: unknown): Promise<IntakeOptionsResponse> {
      const parsed = optionsQuery.safeParse(query ?? {});
      if (!parsed.success) throw badInput(parsed.error);
      const { who, channels } = await staffOf(caller);
      const grids = await structureRepository(strapi).intakeGrids(parsed.data.grid);
      const categories = await structureRepository(strapi).categoriesWithParent();
      return {
        data: {
          channels: channels.map((value) => ({ value, label: CHANNEL_LABELS_ZH[value] ?? value })),
          presetChannel: channels[0] ?? '',
          mayLinkDuplicate: mayLinkDuplicate(who.actor),
          types: ITEM_TYPES.map((value) => ({ value, label: ITEM_TYPE_LABELS_ZH[value] })),
          categories: categories.map((category) => ({
            documentId: category.documentId,
            code: category.code,
            name: category.name,
            parent: category.parent?.code ?? null,
          })),
          grids: grids.map(gridRef),
        },
      };
    },

    /** Open items of the last 30 days with the same phone, or the same address and category. */
    async duplicates(
      caller: AdminCaller,
      query: unknown,
      now: Date = new Date()
    ): Promise<IntakeDuplicatesResponse> {
      const parsed = duplicatesQuery.safeParse(query ?? {});
      if (!parsed.success) throw badInput(parsed.error);
      await staffOf(caller);
      const { phone, address, category } = parsed.data;
      const since = new Date(now.getTime() - DUPLICATE_WINDOW_DAYS * 86_400_000);
      const items = itemsRepository(strapi);
      const byPhone = phone
        ? await items.possibleDuplicates(
            { phone: phone.replace(/[\s-]/g, '') },
            since,
            DONE_STATUSES
          )
        : [];
      const byAddress =
        address && category
          ? await items.possibleDuplicates({ address, category }, since, DONE_STATUSES)
          : [];
      const seen = new Set<string>();
      const data: IntakeDuplicatesResponse['data'] = [];
      for (const [rows, matchedBy] of [
        [byPhone, 'phone'],
        [byAddress, 'address-and-category'],
      ] as const) {
        for (const row of rows) {
          if (seen.has(row.document_id)) continue;
          seen.add(row.document_id);
          data.push({
            documentId: row.document_id,
            trackingCode: row.tracking_code,
            title: row.title,
            status: { value: row.state, label: STATUS_LABELS_ZH[row.state] ?? row.state },
            receivedAt: row.received_at ? new Date(row.received_at).toISOString() : null,
            matchedBy,
          });
        }
      }
      return { data };
    },

    async register(
      caller: AdminCaller,
      body: unknown,
      now: Date = new Date(),
      /** The photos the resident brought or the grid worker took (随手拍). */
      photos: readonly IncomingPhoto[] = []
    ): Promise<IntakeResponse> {
      const parsed = intakeBody.safeParse(body);
      if (!parsed.success) throw badInput(parsed.error);
      const { who, staff, channels } = await staffOf(caller);
      const { channel, duplicateOf, ...input } = parsed.data.data;
      if (!(channels as readonly string[]).includes(channel)) {
        throw new Refusal(
          400,
          'INVALID_INPUT',
          { zh: '您的角色不能登记该渠道', en: 'Your role may not record this channel' },
          [
            {
              field: 'channel',
              message: `one of ${channels.join(', ')} / 可选:${channels.map((c) => CHANNEL_LABELS_ZH[c]).join('、')}`,
            },
          ]
        );
      }
      // Linking the repeat is a move of its own (标记重复), taken after the item is stored: a role
      // that may not take it is refused here, before anything is written, not after.
      if (duplicateOf !== undefined && !mayLinkDuplicate(who.actor))
        throw new Refusal(
          403,
          'FORBIDDEN',
          {
            zh: '您的角色不能标记重复事项:请不选重复项登记,由网格长或乡镇干部标记',
            en: 'Your role may not link a repeat: register without it; a grid head or township officer links it',
          },
          [{ field: 'duplicateOf', message: 'not allowed for this role' }]
        );
      if (duplicateOf !== undefined) {
        if ((await itemsRepository(strapi).idByReference(duplicateOf)) === null)
          throw new Refusal(
            400,
            'UNKNOWN_REFERENCE',
            { zh: '找不到被重复的原事项', en: 'Unknown original item' },
            [{ field: 'duplicateOf', message: 'not found', messageZh: '找不到该事项' }]
          );
      }
      let receipt;
      try {
        receipt = await minyiService(strapi, 'public-submission').submit(
          input,
          {
            channel: channel as ItemChannel,
            actorLabel: staff.name,
            firstResponderStaffId: staff.id,
          },
          now,
          { photos }
        );
      } catch (error) {
        // Field problems by name, as the admin's form shows them; a photo's 413/415 keeps its status.
        if (error instanceof Refusal)
          throw new Refusal(
            error.status,
            error.code,
            error.reason,
            error.problems.map((problem) =>
              'path' in problem
                ? {
                    field: problem.path.filter((part) => part !== 'data').join('.'),
                    message: `${problem.message} / ${problem.messageZh}`,
                  }
                : problem
            )
          );
        throw error;
      }
      const item = await itemsRepository(strapi).registered(receipt.trackingCode);
      let state = item.state;
      if (duplicateOf !== undefined && who.actor) {
        const linked = (await minyiService(strapi, 'workflow').act(
          item.documentId,
          'link-duplicate',
          who.actor,
          { duplicateOf },
          now
        )) as {
          state: ItemStatus;
        };
        state = linked.state;
      }
      return {
        data: {
          documentId: item.documentId,
          trackingCode: receipt.trackingCode,
          receiptSecret: receipt.receiptSecret,
          status: { value: state, label: STATUS_LABELS_ZH[state] },
          level: { value: item.level, label: LEVEL_LABELS_ZH[item.level] },
          dueAt: item.dueAt ? new Date(item.dueAt).toISOString() : null,
          owningUnit: item.assignedGrid ? gridRef(item.assignedGrid) : null,
        },
      };
    },
  };
};

export type IntakeService = ReturnType<typeof intake>;
export default intake;
