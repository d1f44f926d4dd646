import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';

import type { AdminAccount } from '../services/access-scope';
import type { IntakeService } from '../services/intake';
import { PublicApiError } from '../services/public-api-error';
import { answerRefusal } from './refusal-response';

const OPTIONS_QUERY = z.object({ grid: z.string().trim().max(64).optional() }).strict();
const DUPLICATES_QUERY = z
  .object({
    phone: z.string().trim().max(32).optional(),
    address: z.string().trim().max(300).optional(),
    category: z.string().trim().max(64).optional(),
  })
  .strict();

function invalid(issues: z.core.$ZodIssue[]): PublicApiError {
  return new PublicApiError(
    400,
    'INVALID_INPUT',
    { zh: '输入有误', en: 'Invalid input' },
    issues.map((issue) => ({
      path: issue.path.map(String),
      message: issue.message,
      messageZh: `输入有误:${issue.path.join('.') || '查询参数'}`,
    }))
  );
}

const refusalOf = (error: PublicApiError) => ({
  status: error.status,
  code: error.code,
  reason: error.reason,
  message: `${error.reason.zh} / ${error.reason.en}`,
  problems: error.problems,
});

/** 登记民意 routes: options, duplicates, register. */
const intake = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = (): IntakeService => strapi.plugin('minyi').service('intake');
  const guard = async (ctx: Context, run: () => Promise<unknown>) => {
    try {
      ctx.body = { data: await run() };
    } catch (error) {
      if (error instanceof PublicApiError) return answerRefusal(ctx, refusalOf(error));
      throw error;
    }
  };
  return {
    options: (ctx: Context) =>
      guard(ctx, async () => {
        const parsed = OPTIONS_QUERY.safeParse(ctx.query);
        if (!parsed.success) throw invalid(parsed.error.issues);
        return service().options(ctx.state.user as AdminAccount, parsed.data.grid);
      }),
    duplicates: (ctx: Context) =>
      guard(ctx, async () => {
        const parsed = DUPLICATES_QUERY.safeParse(ctx.query);
        if (!parsed.success) throw invalid(parsed.error.issues);
        return service().duplicates(parsed.data);
      }),
    async register(ctx: Context) {
      await guard(ctx, async () => {
        const body = ctx.request.body as { data?: unknown } | undefined;
        if (typeof body?.data !== 'object' || body.data === null)
          throw new PublicApiError(
            400,
            'INVALID_INPUT',
            { zh: '请求体须为 {"data": {...}}', en: 'The body must be {"data": {...}}' },
            [
              {
                path: ['data'],
                message: 'the body must be {"data": {...}}',
                messageZh: '请求体须为 {"data": {...}}',
              },
            ]
          );
        return service().register(
          ctx.state.user as AdminAccount,
          body.data as Record<string, unknown>
        );
      });
      if (ctx.status === 200) ctx.status = 201;
    },
  };
};

export default intake;
