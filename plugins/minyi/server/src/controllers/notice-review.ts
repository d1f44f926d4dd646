import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { pluginActionId } from '../domain/plugin-permissions';
import { noticeListQuery, reportInput, returnInput } from '../domain/notice-review';
import type { AccessScopeService, AdminAccount } from '../services/access-scope';
import { NoticeRefusal } from '../services/notices';
import type { NoticeCaller, NoticeReviewService } from '../services/notice-review';
import { answerRefusal } from './refusal-response';

interface UserAbility {
  can(action: string, subject?: string): boolean;
}

interface ZodIssueLike {
  path: PropertyKey[];
  message: string;
  code: string;
  keys?: string[];
}

function invalid(ctx: Context, issues: readonly ZodIssueLike[]) {
  ctx.status = 400;
  ctx.body = {
    data: null,
    error: {
      status: 400,
      name: 'ValidationError',
      message: '输入有误 / invalid input',
      details: {
        code: 'INVALID_INPUT',
        errors: issues.map((issue) => ({
          field:
            issue.path.map(String).join('.') ||
            (issue.code === 'unrecognized_keys' ? (issue.keys ?? []).join(', ') : '(body)'),
          message: issue.message,
        })),
      },
    },
  };
}

/** 通报与整改 page: list, one notice, the unit's report, the coordinator's accept / send back. */
const noticeReviewController = ({ strapi }: { strapi: Core.Strapi }) => {
  const review = (): NoticeReviewService => strapi.plugin('minyi').service('notice-review');
  const accessScope = (): AccessScopeService => strapi.plugin('minyi').service('access-scope');

  async function callerOf(ctx: Context): Promise<NoticeCaller> {
    const user = ctx.state.user as AdminAccount & { firstname?: string; lastname?: string };
    const { staff, scope } = await accessScope().adminAccount(user);
    const ability = ctx.state.userAbility as UserAbility | undefined;
    return {
      scope,
      label: staff?.name ?? `${user.firstname ?? ''}${user.lastname ?? ''}`.trim() ?? '管理员',
      mayRespond: ability?.can(pluginActionId('noticesRespond')) ?? false,
      mayReview: ability?.can(pluginActionId('noticesReview')) ?? false,
    };
  }

  async function guarded(ctx: Context, work: () => Promise<void>) {
    try {
      await work();
    } catch (error) {
      if (error instanceof NoticeRefusal) return answerRefusal(ctx, error);
      throw error;
    }
  }

  const body = (ctx: Context) => (ctx.request.body as { data?: unknown } | undefined)?.data ?? {};
  const idOf = (ctx: Context) => (ctx.params as { documentId: string }).documentId;

  return {
    async list(ctx: Context) {
      const query = noticeListQuery.safeParse(ctx.query ?? {});
      if (!query.success) return invalid(ctx, query.error.issues);
      ctx.body = { data: await review().list(query.data, await callerOf(ctx)) };
    },

    async view(ctx: Context) {
      await guarded(ctx, async () => {
        ctx.body = { data: await review().view(idOf(ctx), await callerOf(ctx)) };
      });
    },

    async report(ctx: Context) {
      const input = reportInput.safeParse(body(ctx));
      if (!input.success) return invalid(ctx, input.error.issues);
      await guarded(ctx, async () => {
        ctx.body = {
          data: await review().report(idOf(ctx), input.data.report, await callerOf(ctx)),
        };
      });
    },

    async accept(ctx: Context) {
      await guarded(ctx, async () => {
        ctx.body = {
          data: await review().review(idOf(ctx), 'accept', undefined, await callerOf(ctx)),
        };
      });
    },

    async sendBack(ctx: Context) {
      const input = returnInput.safeParse(body(ctx));
      if (!input.success) return invalid(ctx, input.error.issues);
      await guarded(ctx, async () => {
        ctx.body = {
          data: await review().review(idOf(ctx), 'return', input.data.reason, await callerOf(ctx)),
        };
      });
    },
  };
};

export default noticeReviewController;
