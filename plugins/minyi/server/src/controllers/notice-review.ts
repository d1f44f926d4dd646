import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { pluginActionId } from '../domain/plugin-permissions';
import { noticeListQuery, reportInput, returnInput } from '../domain/notice-review';
import { minyiService } from '../plugin';
import { answeringRefusals } from '../refusal';
import type { AdminAccount } from '../services/access/access-scope';
import type { NoticeCaller } from '../services/audit/notice-review';

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
  const review = () => minyiService(strapi, 'notice-review');
  const accessScope = () => minyiService(strapi, 'access-scope');

  async function callerOf(ctx: Context): Promise<NoticeCaller> {
    const user = ctx.state.user as AdminAccount & { firstname?: string; lastname?: string };
    const { staff, scope } = await accessScope().adminAccount(user);
    const ability = ctx.state.userAbility as UserAbility | undefined;
    return {
      scope,
      label: staff?.name ?? `${user.firstname ?? ''}${user.lastname ?? ''}`.trim() ?? '管理员',
      mayRespond: ability?.can(pluginActionId('noticesRespond')) ?? false,
      mayReview: ability?.can(pluginActionId('noticesReview')) ?? false,
      account: user,
    };
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
      await answeringRefusals(ctx, async () => {
        ctx.body = { data: await review().view(idOf(ctx), await callerOf(ctx)) };
      });
    },

    async report(ctx: Context) {
      const input = reportInput.safeParse(body(ctx));
      if (!input.success) return invalid(ctx, input.error.issues);
      await answeringRefusals(ctx, async () => {
        ctx.body = {
          data: await review().report(idOf(ctx), input.data.report, await callerOf(ctx)),
        };
      });
    },

    async accept(ctx: Context) {
      await answeringRefusals(ctx, async () => {
        ctx.body = {
          data: await review().review(idOf(ctx), 'accept', undefined, await callerOf(ctx)),
        };
      });
    },

    async sendBack(ctx: Context) {
      const input = returnInput.safeParse(body(ctx));
      if (!input.success) return invalid(ctx, input.error.issues);
      await answeringRefusals(ctx, async () => {
        ctx.body = {
          data: await review().review(idOf(ctx), 'return', input.data.reason, await callerOf(ctx)),
        };
      });
    },
  };
};

export default noticeReviewController;
