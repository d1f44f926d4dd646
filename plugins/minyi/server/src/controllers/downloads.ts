import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import {
  DOWNLOAD_FORMATS,
  isValidNoticeDownloadToken,
  type DownloadFormat,
} from '../domain/download-token';
import { minyiConfig, minyiService } from '../plugin';
import { answeringRefusals, Refusal } from '../refusal';

const FILE_TYPES: Record<DownloadFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** A notice as an Excel workbook or CSV: for administrators, and behind the signed link in its mail. */
const downloads = ({ strapi }: { strapi: Core.Strapi }) => {
  async function send(ctx: Context) {
    const { documentId, format } = ctx.params as { documentId: string; format: string };
    if (!(DOWNLOAD_FORMATS as readonly string[]).includes(format)) {
      throw new Refusal(
        400,
        'INVALID_INPUT',
        {
          zh: `不支持的格式"${format}"(xlsx 或 csv)`,
          en: `Unknown format "${format}" (xlsx or csv)`,
        },
        [{ field: 'format', message: 'xlsx | csv' }]
      );
    }
    const doc = await minyiService(strapi, 'notices').document(documentId);
    if (!doc) throw new Refusal(404, 'NOT_FOUND', { zh: '通知不存在', en: 'No such notice' });
    const files = minyiService(strapi, 'report-files');
    const filename = `${doc.title}.${format}`;
    ctx.set('Content-Type', FILE_TYPES[format as DownloadFormat]);
    ctx.set(
      'Content-Disposition',
      `attachment; filename="notice.${format}"; filename*=UTF-8''${encodeURIComponent(filename)}`
    );
    ctx.body = format === 'xlsx' ? await files.xlsx(doc) : files.csv(doc);
  }

  return {
    /** GET /minyi/notices/:documentId/download/:format (admin session). */
    async notice(ctx: Context) {
      await answeringRefusals(ctx, () => send(ctx));
    },

    /** GET /api/minyi/notices/:documentId/download/:format?token=…: public, only with the notice's signed token. */
    async signedNotice(ctx: Context) {
      await answeringRefusals(ctx, async () => {
        const { documentId } = ctx.params as { documentId: string };
        const token = typeof ctx.query.token === 'string' ? ctx.query.token : '';
        if (!isValidNoticeDownloadToken(documentId, token, minyiConfig(strapi).feedbackKey))
          throw new Refusal(403, 'INVALID_TOKEN', {
            zh: '下载链接无效',
            en: 'invalid download link',
          });
        await send(ctx);
      });
    },
  };
};

export default downloads;
