import type { Core } from '@strapi/strapi';

import type {
  IntakeDuplicatesResponse,
  IntakeOptionsResponse,
  IntakeResponse,
} from '../../../shared/contracts';
import {
  CHANNEL_LABELS_ZH,
  channelsFor,
  DUPLICATE_WINDOW_DAYS,
  ITEM_TYPE_LABELS_ZH,
  presetChannelOf,
} from '../domain/intake';
import { LEVEL_LABELS_ZH, STATUS_LABELS_ZH } from '../domain/labels';
import type { ItemChannel } from '../domain/partner-channel';
import type { Level } from '../domain/vocabulary';
import { parseSubmission } from '../domain/submission';
import type { AccessScopeService, AdminAccount } from './access-scope';
import { PublicApiError } from './public-api-error';

const GRID_LEVEL_ZH: Record<string, string> = {
  county: '县',
  township: '乡镇',
  village: '村(社区)',
  grid: '网格',
};

/**
 * 登记民意: staff register an item on a resident's behalf through the public submission service
 * (routing, deadline, owners' mail, the "created" event), with themselves as first responder.
 */
const intake = ({ strapi }: { strapi: Core.Strapi }) => {
  const access = (): AccessScopeService => strapi.plugin('minyi').service('access-scope');

  return {
    async options(user: AdminAccount, gridSearch?: string): Promise<IntakeOptionsResponse['data']> {
      const { staff } = await access().adminAccount(user);
      const role = staff?.role ?? null;
      const categories = (await strapi.db.query('api::category.category').findMany({
        select: ['documentId', 'code', 'name'],
        populate: { parent: { select: ['documentId'] } },
        orderBy: { code: 'asc' },
        limit: 1000,
      })) as Array<{
        documentId: string;
        code: string;
        name: string;
        parent: { documentId: string } | null;
      }>;
      const search = gridSearch?.trim();
      const grids = (await strapi.db.query('api::grid.grid').findMany({
        where: {
          level: { $ne: 'county' },
          ...(search
            ? { $or: [{ name: { $containsi: search } }, { code: { $startsWith: search } }] }
            : {}),
          // Staff of a unit find their own grids first; anyone may still register elsewhere.
          ...(!search && staff?.gridPath ? { path: { $startsWith: staff.gridPath } } : {}),
        },
        select: ['documentId', 'code', 'name', 'level'],
        orderBy: { path: 'asc' },
        limit: 20,
      })) as Array<{ documentId: string; code: string; name: string; level: string }>;
      return {
        channels: channelsFor(role).map((value) => ({ value, label: CHANNEL_LABELS_ZH[value] })),
        presetChannel: presetChannelOf(role),
        types: Object.entries(ITEM_TYPE_LABELS_ZH).map(([value, label]) => ({ value, label })),
        categories: categories.map((category) => ({
          documentId: category.documentId,
          code: category.code,
          name: category.name,
          parent: category.parent?.documentId ?? null,
        })),
        grids: grids.map((grid) => ({
          kind: 'grid',
          documentId: grid.documentId,
          code: grid.code,
          name: grid.name,
          kindLabel: GRID_LEVEL_ZH[grid.level],
        })),
      };
    },

    async duplicates(
      input: { phone?: string; address?: string; category?: string },
      now = new Date()
    ): Promise<IntakeDuplicatesResponse['data']> {
      const since = new Date(now.getTime() - DUPLICATE_WINDOW_DAYS * 24 * 3600 * 1000);
      const matches: Array<Record<string, unknown>> = [];
      if (input.phone) matches.push({ submitterPhone: input.phone });
      if (input.address && input.category)
        matches.push({
          address: input.address,
          category: { $or: [{ documentId: input.category }, { code: input.category }] },
        });
      if (matches.length === 0) return [];
      const rows = (await strapi.db.query('api::item.item').findMany({
        where: { receivedAt: { $gte: since }, state: { $ne: 'closed' }, $or: matches },
        select: ['documentId', 'trackingCode', 'title', 'state', 'receivedAt', 'submitterPhone'],
        orderBy: { receivedAt: 'desc' },
        limit: 10,
      })) as Array<{
        documentId: string;
        trackingCode: string;
        title: string;
        state: keyof typeof STATUS_LABELS_ZH;
        receivedAt: string | null;
        submitterPhone: string | null;
      }>;
      return rows.map((row) => ({
        documentId: row.documentId,
        trackingCode: row.trackingCode,
        title: row.title,
        status: { value: row.state, label: STATUS_LABELS_ZH[row.state] },
        receivedAt: row.receivedAt ? new Date(row.receivedAt).toISOString() : null,
        matchedBy:
          input.phone && row.submitterPhone === input.phone ? 'phone' : 'address-and-category',
      }));
    },

    async register(
      user: AdminAccount,
      body: Record<string, unknown>
    ): Promise<IntakeResponse['data']> {
      const { staff } = await access().adminAccount(user);
      const { channel, duplicateOf, ...submission } = body;
      const allowed = channelsFor(staff?.role ?? null);
      const problems = [];
      if (typeof channel !== 'string' || !(allowed as readonly string[]).includes(channel))
        problems.push({
          path: ['data', 'channel'],
          message: `channel must be one of ${allowed.join(', ')}`,
          messageZh: '请选择本岗位可登记的收集渠道',
        });
      const parsed = parseSubmission({ data: submission });
      if (!parsed.ok) problems.push(...parsed.problems);
      let duplicate: { id: number } | null = null;
      if (typeof duplicateOf === 'string' && duplicateOf.trim()) {
        duplicate = (await strapi.db.query('api::item.item').findOne({
          where: {
            $or: [{ documentId: duplicateOf.trim() }, { trackingCode: duplicateOf.trim() }],
          },
          select: ['id'],
        })) as { id: number } | null;
        if (!duplicate)
          problems.push({
            path: ['data', 'duplicateOf'],
            message: 'no such item',
            messageZh: '找不到被重复的原事项',
          });
      }
      if (problems.length > 0 || !parsed.ok)
        throw new PublicApiError(
          400,
          'INVALID_INPUT',
          { zh: '输入有误', en: 'Invalid input' },
          problems
        );

      const receipt = await strapi
        .plugin('minyi')
        .service('public-submission')
        .submit(parsed.input, {
          channel: channel as ItemChannel,
          actorLabel: staff?.name ?? '工作人员',
          firstResponderId: staff?.id,
          duplicateOfId: duplicate?.id,
        });
      const item = (await strapi.db.query('api::item.item').findOne({
        where: { trackingCode: receipt.trackingCode },
        select: ['documentId'],
        populate: {
          assignedGrid: { select: ['documentId', 'name', 'code'] },
          leadDepartment: { select: ['documentId', 'name', 'code'] },
        },
      })) as {
        documentId: string;
        assignedGrid: { documentId: string; name: string; code: string | null } | null;
        leadDepartment: { documentId: string; name: string; code: string | null } | null;
      };
      return {
        documentId: item.documentId,
        trackingCode: receipt.trackingCode,
        receiptSecret: receipt.receiptSecret,
        status: { value: 'submitted', label: STATUS_LABELS_ZH.submitted },
        level: { value: receipt.level as Level, label: LEVEL_LABELS_ZH[receipt.level as Level] },
        dueAt: receipt.dueAt,
        owningUnit: item.leadDepartment
          ? { kind: 'department', ...item.leadDepartment }
          : item.assignedGrid
            ? { kind: 'grid', ...item.assignedGrid }
            : null,
      };
    },
  };
};

export type IntakeService = ReturnType<typeof intake>;
export default intake;
