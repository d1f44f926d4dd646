import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';

import { WORKBENCH_TABS } from '../../../shared/contracts';
import type { AdminAccount } from '../services/access-scope';
import type { WorkbenchService } from '../services/workbench';
import { WorkflowRefusal } from '../services/workflow';
import { answerRefusal } from './refusal-response';

const LIST_QUERY = z
  .object({
    tab: z.enum(WORKBENCH_TABS).optional(),
    q: z.string().trim().max(200).optional(),
    page: z.coerce.number().int().min(1).max(100000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

const BULK_BODY = z
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

function invalid(issues: z.core.$ZodIssue[]): WorkflowRefusal {
  return new WorkflowRefusal(
    400,
    'INVALID_INPUT',
    { zh: '输入有误', en: 'Invalid input' },
    issues.map((issue) => ({ field: issue.path.join('.') || '(query)', message: issue.message }))
  );
}

/** 工作台 routes: GET /minyi/workbench, POST /minyi/workbench/bulk. */
const workbench = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = (): WorkbenchService => strapi.plugin('minyi').service('workbench');
  return {
    async list(ctx: Context) {
      try {
        const parsed = LIST_QUERY.safeParse(ctx.query);
        if (!parsed.success) throw invalid(parsed.error.issues);
        ctx.body = await service().list(ctx.state.user as AdminAccount, parsed.data);
      } catch (error) {
        if (error instanceof WorkflowRefusal) return answerRefusal(ctx, error);
        throw error;
      }
    },

    async bulk(ctx: Context) {
      try {
        const parsed = BULK_BODY.safeParse(ctx.request.body);
        if (!parsed.success) throw invalid(parsed.error.issues);
        const { action, documentIds, input } = parsed.data.data;
        ctx.body = await service().bulk(
          ctx.state.user as AdminAccount,
          action,
          documentIds,
          input ?? {}
        );
      } catch (error) {
        if (error instanceof WorkflowRefusal) return answerRefusal(ctx, error);
        throw error;
      }
    },
  };
};

export default workbench;
