import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { minyiService } from '../plugin';
import { answeringRefusals } from '../refusal';
import type { AdminAccount } from '../services/access/access-scope';

/** Strapi's admin ability on the request: what the content manager lets this account read. */
interface UserAbility {
  can(action: string, subject: string, field?: string): boolean;
}

/** 月度抽查 page: the list of months, one month's review sheet, the sample drawn again, the XLSX. */
const spotCheckReviewController = ({ strapi }: { strapi: Core.Strapi }) => {
  const review = () => minyiService(strapi, 'spot-check-review');
  const accessScope = () => minyiService(strapi, 'access-scope');
  const scopeOf = async (ctx: Context) =>
    (await accessScope().adminAccount(ctx.state.user as AdminAccount)).scope;

  return {
    async list(ctx: Context) {
      ctx.body = { data: await review().list() };
    },

    async sheet(ctx: Context) {
      const { documentId } = ctx.params as { documentId: string };
      // The resident's phone only for accounts whose role may read it in the content manager.
      const ability = ctx.state.userAbility as UserAbility | undefined;
      const mayReadPhone =
        ability?.can('plugin::content-manager.explorer.read', 'api::item.item', 'submitterPhone') ??
        false;
      await answeringRefusals(ctx, async () => {
        ctx.body = { data: await review().sheet(documentId, await scopeOf(ctx), mayReadPhone) };
      });
    },

    async recompute(ctx: Context) {
      const { documentId } = ctx.params as { documentId: string };
      await answeringRefusals(ctx, async () => {
        ctx.body = { data: await review().recompute(documentId, await scopeOf(ctx)) };
      });
    },

    async xlsx(ctx: Context) {
      const { documentId } = ctx.params as { documentId: string };
      await answeringRefusals(ctx, async () => {
        const { period, file } = await review().xlsx(documentId, await scopeOf(ctx));
        ctx.set(
          'Content-Type',
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
        );
        ctx.set(
          'Content-Disposition',
          `attachment; filename="spot-check-${period}.xlsx"; filename*=UTF-8''${encodeURIComponent(`${period}月度抽查.xlsx`)}`
        );
        ctx.body = file;
      });
    },
  };
};

export default spotCheckReviewController;
