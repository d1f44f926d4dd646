import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { parseCallback } from '../domain/spot-check-callback';
import { minyiService } from '../plugin';
import { answeringRefusals, Refusal } from '../refusal';
import type { AdminAccount } from '../services/access/access-scope';
import { requireAdminActor } from './admin-actor';

const accountOf = (ctx: Context) => ctx.state.user as AdminAccount;

/** The monthly spot-check (月抽查) and its callback review (回访), for administrators. */
const spotChecks = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /minyi/spot-checks/:documentId: the spot-check with its sample and verdicts. */
  async findOne(ctx: Context) {
    const { documentId } = ctx.params as { documentId: string };
    await answeringRefusals(ctx, async () => {
      const check = await minyiService(strapi, 'spot-check').find(documentId);
      if (!check)
        throw new Refusal(404, 'NOT_FOUND', { zh: '抽查不存在', en: 'No such spot-check' });
      // A township or department sees its own stratum only (services/access/audit-access.ts).
      ctx.body = {
        data: await minyiService(strapi, 'audit-access').spotCheckView(accountOf(ctx), check),
      };
    });
  },

  /** POST /minyi/spot-checks/:documentId/items/:itemDocumentId/review with { data: { solved, satisfaction, calledAt?, note? } } or { data: { reached: false, calledAt?, note? } } (domain/spot-check-callback.ts). */
  async review(ctx: Context) {
    const { documentId, itemDocumentId } = ctx.params as {
      documentId: string;
      itemDocumentId: string;
    };
    await answeringRefusals(ctx, async () => {
      const actor = await requireAdminActor(strapi, ctx);
      // The handling route's rule: an item outside the caller's unit is refused.
      const scope = await minyiService(strapi, 'audit-access').scopeOf(accountOf(ctx));
      if ((await minyiService(strapi, 'access-scope').itemInScope(scope, itemDocumentId)) === false)
        throw new Refusal(403, 'OUTSIDE_UNIT', {
          zh: '该事项不属于您所在的单位',
          en: 'This item is outside your unit',
        });
      const body = ctx.request.body as { data?: unknown } | undefined;
      const parsed = parseCallback(body?.data);
      if (!parsed.ok)
        throw new Refusal(
          400,
          'INVALID_INPUT',
          { zh: '回访记录有误', en: 'Invalid callback record' },
          parsed.problems
        );
      ctx.body = {
        data: await minyiService(strapi, 'spot-check').review(
          documentId,
          itemDocumentId,
          parsed.input,
          actor
        ),
      };
    });
  },

  /** POST /minyi/spot-checks/:documentId/complete: completes a fully reviewed spot-check again if completing failed. */
  async complete(ctx: Context) {
    const { documentId } = ctx.params as { documentId: string };
    await answeringRefusals(ctx, async () => {
      await requireAdminActor(strapi, ctx);
      // Completing ranks every unit of the county: county-wide accounts only.
      if ((await minyiService(strapi, 'audit-access').scopeOf(accountOf(ctx))).kind !== 'county')
        throw new Refusal(403, 'OUTSIDE_UNIT', {
          zh: '只有全县统筹账号可以完成抽查',
          en: 'Only county-wide accounts complete a spot-check',
        });
      const results = await minyiService(strapi, 'spot-check').finish(documentId);
      if (!results)
        throw new Refusal(409, 'NOT_READY', {
          zh: '抽查尚有事项未回访,或已完成',
          en: 'Not every sampled item is reviewed, or it is already completed',
        });
      ctx.body = { data: results };
    });
  },
});

export default spotChecks;
