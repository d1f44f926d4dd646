import { readFile } from 'node:fs/promises';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { STRUCTURE_KINDS } from '../domain/structure-import';
import { minyiService } from '../plugin';
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

function answerFileError(ctx: Context, error: StructureFileError): void {
  ctx.status = error.status;
  ctx.body = {
    data: null,
    error: {
      status: error.status,
      name: 'StructureFileError',
      message: error.message,
      details: { code: error.code, reason: { zh: error.messageZh, en: error.message } },
    },
  };
}

function answerQueryError(ctx: Context, error: z.ZodError): void {
  ctx.status = 400;
  ctx.body = {
    data: null,
    error: {
      status: 400,
      name: 'ValidationError',
      message: '请求参数不正确 / invalid query',
      details: {
        errors: error.issues.map((issue) => ({ path: issue.path, message: issue.message })),
      },
    },
  };
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

  async function run<T>(ctx: Context, work: () => Promise<T>): Promise<T | undefined> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof StructureFileError) {
        answerFileError(ctx, error);
        return undefined;
      }
      throw error;
    }
  }

  return {
    /** POST /minyi/structure/import?dryRun=true|false[&kind=…] with the file as multipart `files`. */
    async import(ctx: Context) {
      const query = importQuery.safeParse(ctx.query);
      if (!query.success) return answerQueryError(ctx, query.error);
      const files = (
        ctx.request as unknown as { files?: Record<string, UploadedFile | UploadedFile[]> }
      ).files;
      const upload = files?.files;
      const file = Array.isArray(upload) ? (upload.length === 1 ? upload[0] : undefined) : upload;
      if (!file)
        return answerFileError(
          ctx,
          new StructureFileError(
            400,
            'no-file',
            '请上传一个文件(表单字段 files)',
            'upload one file as the multipart field "files"'
          )
        );
      await run(ctx, async () => {
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
      if (!query.success) return answerQueryError(ctx, query.error);
      const file = await run(ctx, () => service().exportFile(query.data));
      if (file) attachment(ctx, file);
    },

    /** GET /minyi/structure/template?format=xlsx|csv[&kind=…] */
    async template(ctx: Context) {
      const query = fileQuery.safeParse(ctx.query);
      if (!query.success) return answerQueryError(ctx, query.error);
      const file = await run(ctx, () => service().templateFile(query.data));
      if (file) attachment(ctx, file);
    },
  };
};

export default structureImportController;
