import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { WORKBENCH_TABS, type WorkbenchBulkResponse } from '../../../shared/contracts';
import { minyiService } from '../plugin';
import { Refusal } from '../refusal';
import { adminCaller } from './item-panel';
import { answerRefusal } from '../refusal';

const listQuery = z
  .object({
    tab: z.enum(WORKBENCH_TABS).default('to-accept'),
    q: z.string().trim().max(100).optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

const bulkBody = z
  .object({
    data: z
      .object({
        action: z.enum(['accept', 'assign']),
        documentIds: z.array(z.string().trim().min(1).max(64)).min(1).max(100),
        input: z.record(z.string(), z.unknown()).optional(),
      })
      .strict(),
  })
  .strict();

function badInput(error: z.ZodError): Refusal {
  return new Refusal(
    400,
    'INVALID_INPUT',
    { zh: '输入有误', en: 'Invalid input' },
    error.issues.map((issue) => ({
      field: issue.path.join('.') || '(query)',
      message: issue.message,
    }))
  );
}

/** GET /minyi/workbench and POST /minyi/workbench/bulk. */
const workbench = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => minyiService(strapi, 'workbench');
  const panel = () => minyiService(strapi, 'item-panel');
  const access = () => minyiService(strapi, 'access-scope');

  return {
    async list(ctx: Context) {
      const parsed = listQuery.safeParse(ctx.query);
      if (!parsed.success) return answerRefusal(ctx, badInput(parsed.error));
      ctx.body = await service().list(adminCaller(ctx), parsed.data);
    },

    /** Each item through the workflow as the caller; one result per item, in the order sent. */
    async bulk(ctx: Context) {
      const parsed = bulkBody.safeParse(ctx.request.body);
      if (!parsed.success) return answerRefusal(ctx, badInput(parsed.error));
      const { action, documentIds, input } = parsed.data.data;
      const caller = adminCaller(ctx);
      const who = await panel().acting(caller.user);
      const workflow = minyiService(strapi, 'workflow');
      const results: WorkbenchBulkResponse['data'] = [];
      for (const documentId of [...new Set(documentIds)]) {
        try {
          if (who.actor === null)
            throw new Refusal(403, 'NOT_STAFF', {
              zh: '当前账号未关联在岗工作人员',
              en: 'This account is not linked to active staff',
            });
          if ((await access().itemInScope(who.scope, documentId)) === false)
            throw new Refusal(403, 'OUTSIDE_UNIT', {
              zh: '该事项不属于您所在的单位',
              en: 'This item is outside your unit',
            });
          const item = await workflow.act(documentId, action, who.actor, input ?? {});
          results.push({ documentId, ok: true, status: item.state });
        } catch (error) {
          if (!(error instanceof Refusal)) throw error;
          results.push({
            documentId,
            ok: false,
            status: error.status,
            code: error.code,
            reason: error.reason,
          });
        }
      }
      const body: WorkbenchBulkResponse = { data: results };
      ctx.body = body;
    },
  };
};

export default workbench;
