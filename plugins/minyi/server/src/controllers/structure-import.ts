import { readFile } from 'node:fs/promises';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { STRUCTURE_KINDS } from '../domain/structure-import';
import { minyiService } from '../plugin';
import { answerRefusal, answeringRefusals, Refusal } from '../refusal';
import { StructureFileError } from '../services/structure/import';

const importQuery = z.object({
  dryRun: z.enum(['true', 'false']).default('true'),
  kind: z.enum(STRUCTURE_KINDS).optional(),
});

const fileQuery = z.object({
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
  kind: z.enum(STRUCTURE_KINDS).optional(),
});

interface UploadedFile {
  filepath: string;
  size: number;
  originalFilename?: string | null;
  name?: string | null;
}

/** A bad query, field by field (as the public routes list them: path and message in both languages). */
function queryRefusal(error: z.ZodError): Refusal {
  return new Refusal(
    400,
    'INVALID_QUERY',
    { zh: '请求参数不正确', en: 'invalid query' },
    error.issues.map((issue) => ({
      path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
      message: issue.message,
      messageZh: issue.message,
    }))
  );
}

function attachment(ctx: Context, file: { buffer: Buffer; fileName: string; contentType: string }) {
  ctx.set(
    'Content-Disposition',
    `attachment; filename="structure.${file.fileName.split('.').pop()}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`
  );
  ctx.type = file.contentType;
  ctx.body = file.buffer;
}

/**
 * 导入导出: a structure file checked (dry run) or imported, the current structure exported, and
 * the templates. One multipart field `files` (Strapi's body parser removes its temporary file).
 */
const structureImportController = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => minyiService(strapi, 'structure-import');

  return {
    /** POST /minyi/structure/import?dryRun=true|false[&kind=…] with the file as multipart `files`. */
    async import(ctx: Context) {
      const query = importQuery.safeParse(ctx.query);
      if (!query.success) return answerRefusal(ctx, queryRefusal(query.error));
      const files = (
        ctx.request as unknown as { files?: Record<string, UploadedFile | UploadedFile[]> }
      ).files;
      const upload = files?.files;
      const file = Array.isArray(upload) ? (upload.length === 1 ? upload[0] : undefined) : upload;
      if (!file)
        return answerRefusal(
          ctx,
          new StructureFileError(
            400,
            'no-file',
            '请上传一个文件(表单字段 files)',
            'upload one file as the multipart field "files"'
          )
        );
      await answeringRefusals(ctx, async () => {
        const limits = service().limits();
        if (file.size > limits.maxBytes)
          throw new StructureFileError(
            413,
            'file-too-large',
            `文件超过 ${Math.floor(limits.maxBytes / 1024 / 1024)} MB,请拆分后分批导入`,
            'the file is too large'
          );
        const buffer = await readFile(file.filepath);
        const report = await service().importFile(
          buffer,
          file.originalFilename ?? file.name ?? '',
          {
            kind: query.data.kind,
            dryRun: query.data.dryRun === 'true',
          }
        );
        if (report.applied) await service().analyzeAll();
        if (!report.dryRun && !report.valid) {
          ctx.status = 422;
          ctx.body = {
            data: report,
            error: {
              status: 422,
              name: 'ValidationError',
              message: `导入文件有 ${report.problemCount} 处问题,未写入任何数据 / the file has ${report.problemCount} problems: nothing was written`,
              details: { code: 'invalid-rows' },
            },
          };
          return;
        }
        ctx.body = { data: report };
      });
    },

    /** GET /minyi/structure/overview: records per kind. */
    async overview(ctx: Context) {
      ctx.body = { data: await service().overview() };
    },

    /** GET /minyi/structure/export?format=xlsx|csv[&kind=…] */
    async export(ctx: Context) {
      const query = fileQuery.safeParse(ctx.query);
      if (!query.success) return answerRefusal(ctx, queryRefusal(query.error));
      await answeringRefusals(ctx, async () =>
        attachment(ctx, await service().exportFile(query.data))
      );
    },

    /** GET /minyi/structure/template?format=xlsx|csv[&kind=…] */
    async template(ctx: Context) {
      const query = fileQuery.safeParse(ctx.query);
      if (!query.success) return answerRefusal(ctx, queryRefusal(query.error));
      await answeringRefusals(ctx, async () =>
        attachment(ctx, await service().templateFile(query.data))
      );
    },
  };
};

export default structureImportController;
