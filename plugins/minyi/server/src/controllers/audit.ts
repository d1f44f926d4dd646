import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import {
  DOWNLOAD_FORMATS,
  isValidNoticeDownloadToken,
  type DownloadFormat,
} from '../domain/download-token';
import { parseStatsQuery } from '../domain/stats-query';
import { safeText } from '../domain/text-input';
import type { StaffRole } from '../domain/vocabulary';
import type { AdminAccount } from '../services/access-scope';
import type { AuditAccessService } from '../services/audit-access';
import { NoticeRefusal } from '../services/notices';
import { SpotCheckRefusal } from '../services/spot-check';
import { type Actor, WorkflowRefusal } from '../services/workflow';

import { answerRefusal } from './refusal-response';

/** What was done to rectify (整改情况说明), as the rectified route takes it. */
const RECTIFICATION_NOTE = safeText().trim().min(2).max(2000);

type Refusal = WorkflowRefusal | SpotCheckRefusal | NoticeRefusal;

function refuse(ctx: Context, refusal: Refusal) {
  answerRefusal(ctx, refusal);
}

function badRequest(
  ctx: Context,
  zh: string,
  en: string,
  errors: Array<{ field: string; message: string }> = []
) {
  ctx.status = 400;
  ctx.body = {
    data: null,
    error: {
      status: 400,
      name: 'ValidationError',
      message: `${zh} / ${en}`,
      details: { code: 'INVALID_INPUT', reason: { zh, en }, errors },
    },
  };
}

async function guarded(ctx: Context, work: () => Promise<void>) {
  try {
    await work();
  } catch (error) {
    if (
      error instanceof WorkflowRefusal ||
      error instanceof SpotCheckRefusal ||
      error instanceof NoticeRefusal
    )
      return refuse(ctx, error);
    throw error;
  }
}

const FILE_TYPES: Record<DownloadFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** Spot-check review (回访), notice acknowledgement and rectification, report downloads, public stats. */
const audit = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = (name: string) => strapi.plugin('minyi').service(name);
  const access = (): AuditAccessService => strapi.plugin('minyi').service('audit-access');
  const accountOf = (ctx: Context) => ctx.state.user as AdminAccount;

  const OUTSIDE_UNIT = { zh: '该事项不属于您所在的单位', en: 'This item is outside your unit' };

  /** Refuses unless the caller may `need` the notice (read it, or answer it as its addressee). */
  async function requireNotice(ctx: Context, documentId: string, need: 'read' | 'respond') {
    const may = await access().notice(accountOf(ctx), documentId);
    if (!may) throw new NoticeRefusal(404, 'NOT_FOUND', { zh: '通知不存在', en: 'No such notice' });
    if (!may[need]) {
      throw new NoticeRefusal(
        403,
        need === 'read' ? 'OUTSIDE_UNIT' : 'NOT_ADDRESSEE',
        need === 'read'
          ? { zh: '该通知不是发给您所在单位的', en: 'This notice is not addressed to your unit' }
          : {
              zh: '只有通知的接收单位可以签收或报告整改',
              en: 'Only the units the notice is addressed to may acknowledge or rectify it',
            }
      );
    }
  }

  /** The admin acts as their linked staff record; a super admin without one as the county coordinator. */
  async function adminActor(ctx: Context): Promise<Actor | null> {
    const user = ctx.state.user as {
      id: number;
      firstname?: string;
      lastname?: string;
      email?: string;
      roles?: Array<{ code: string }>;
    };
    const staff: { id: number; name: string; role: StaffRole } | null = await strapi.db
      .query('api::staff.staff')
      .findOne({ where: { adminUser: user.id, active: true }, select: ['id', 'name', 'role'] });
    if (staff) return { role: staff.role, label: staff.name, staffId: staff.id };
    const superAdmin = user.roles?.some((role) => role.code === 'strapi-super-admin');
    return superAdmin
      ? {
          role: 'county-coordinator',
          label: `${user.firstname ?? ''}${user.lastname ?? ''}(系统管理员)`,
        }
      : null;
  }

  async function requireActor(ctx: Context): Promise<Actor> {
    const actor = await adminActor(ctx);
    if (!actor)
      throw new WorkflowRefusal(403, 'NOT_STAFF', {
        zh: '当前账号未关联在岗工作人员',
        en: 'This account is not linked to active staff',
      });
    return actor;
  }

  async function sendDownload(ctx: Context, documentId: string, format: string) {
    if (!(DOWNLOAD_FORMATS as readonly string[]).includes(format)) {
      return badRequest(
        ctx,
        `不支持的格式"${format}"(xlsx 或 csv)`,
        `Unknown format "${format}" (xlsx or csv)`,
        [{ field: 'format', message: 'xlsx | csv' }]
      );
    }
    const doc = await service('notices').document(documentId);
    if (!doc)
      return refuse(
        ctx,
        new NoticeRefusal(404, 'NOT_FOUND', { zh: '通知不存在', en: 'No such notice' })
      );
    const files = service('report-files');
    const filename = `${doc.title}.${format}`;
    ctx.set('Content-Type', FILE_TYPES[format as DownloadFormat]);
    ctx.set(
      'Content-Disposition',
      `attachment; filename="notice.${format}"; filename*=UTF-8''${encodeURIComponent(filename)}`
    );
    ctx.body = format === 'xlsx' ? await files.xlsx(doc) : files.csv(doc);
  }

  return {
    async spotCheck(ctx: Context) {
      const { documentId } = ctx.params as { documentId: string };
      const check = await strapi.db
        .query('api::spot-check.spot-check')
        .findOne({ where: { documentId } });
      if (!check)
        return refuse(
          ctx,
          new SpotCheckRefusal(404, 'NOT_FOUND', { zh: '抽查不存在', en: 'No such spot-check' })
        );
      ctx.body = { data: await access().spotCheckView(accountOf(ctx), check) };
    },

    async review(ctx: Context) {
      const { documentId, itemDocumentId } = ctx.params as {
        documentId: string;
        itemDocumentId: string;
      };
      await guarded(ctx, async () => {
        const actor = await requireActor(ctx);
        const scope = await access().scopeOf(accountOf(ctx));
        if ((await service('access-scope').itemInScope(scope, itemDocumentId)) === false)
          throw new WorkflowRefusal(403, 'OUTSIDE_UNIT', OUTSIDE_UNIT);
        const body = ctx.request.body as { data?: unknown } | undefined;
        ctx.body = {
          data: await service('spot-check').review(documentId, itemDocumentId, body?.data, actor),
        };
      });
    },

    async complete(ctx: Context) {
      const { documentId } = ctx.params as { documentId: string };
      await guarded(ctx, async () => {
        await requireActor(ctx);
        // Completing ranks every unit of the county: county-wide accounts only.
        if ((await access().scopeOf(accountOf(ctx))).kind !== 'county')
          throw new WorkflowRefusal(403, 'OUTSIDE_UNIT', {
            zh: '只有全县统筹账号可以完成抽查',
            en: 'Only county-wide accounts complete a spot-check',
          });
        const results = await service('spot-check').finish(documentId);
        if (!results)
          throw new SpotCheckRefusal(409, 'NOT_READY', {
            zh: '抽查尚有事项未回访,或已完成',
            en: 'Not every sampled item is reviewed, or it is already completed',
          });
        ctx.body = { data: results };
      });
    },

    async acknowledge(ctx: Context) {
      const { documentId } = ctx.params as { documentId: string };
      await guarded(ctx, async () => {
        const actor = await requireActor(ctx);
        await requireNotice(ctx, documentId, 'respond');
        ctx.body = { data: await service('notices').acknowledge(documentId, actor.label) };
      });
    },

    async rectified(ctx: Context) {
      const { documentId } = ctx.params as { documentId: string };
      await guarded(ctx, async () => {
        const actor = await requireActor(ctx);
        await requireNotice(ctx, documentId, 'respond');
        const body = (ctx.request.body as { data?: { note?: unknown } } | undefined)?.data ?? {};
        const parsed = RECTIFICATION_NOTE.safeParse(body.note);
        if (!parsed.success) {
          const textProblem = parsed.error.issues.find((issue) => issue.code === 'custom');
          return badRequest(
            ctx,
            '请填写整改情况说明(2–2000 字)',
            'note: describe the rectification (2–2000 characters)',
            [{ field: 'note', message: textProblem?.message ?? 'required, 2–2000 characters' }]
          );
        }
        const note = parsed.data;
        ctx.body = { data: await service('notices').markRectified(documentId, actor.label, note) };
      });
    },

    /** Admin download (session). */
    async download(ctx: Context) {
      const { documentId, format } = ctx.params as { documentId: string; format: string };
      await guarded(ctx, async () => {
        await requireNotice(ctx, documentId, 'read');
        await sendDownload(ctx, documentId, format);
      });
    },

    /** The link in the notice's mail: public, but only with the notice's signed token. */
    async signedDownload(ctx: Context) {
      const { documentId, format } = ctx.params as { documentId: string; format: string };
      const token = typeof ctx.query.token === 'string' ? ctx.query.token : '';
      const key = strapi.plugin('minyi').config('feedbackKey') as string;
      if (!isValidNoticeDownloadToken(documentId, token, key)) {
        ctx.status = 403;
        ctx.body = {
          data: null,
          error: {
            status: 403,
            name: 'ForbiddenError',
            message: '下载链接无效 / invalid download link',
            details: {},
          },
        };
        return;
      }
      await sendDownload(ctx, documentId, format);
    },

    /** GET /api/stats: public aggregates by period and township. */
    async stats(ctx: Context) {
      const zone = strapi.plugin('minyi').config('timezone') as string;
      const query = parseStatsQuery(ctx.query, new Date(), zone);
      if (!query.ok)
        return badRequest(ctx, '查询参数有误', 'Invalid query parameters', query.problems);
      const result = await service('stats').forQuery(query.value);
      if (!result) {
        return badRequest(
          ctx,
          `没有编码为"${query.value.township}"的乡镇`,
          `No township with code "${query.value.township}"`,
          [{ field: 'township', message: 'unknown township' }]
        );
      }
      ctx.set('Cache-Control', `public, max-age=${service('stats').cacheSeconds()}`);
      ctx.body = { data: result };
    },
  };
};

export default audit;
