import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { minyiService } from '../plugin';
import { answeringRefusals, Refusal } from '../refusal';
import { requireAdminActor } from './admin-actor';

/** The monthly spot-check (月抽查) and its callback review (回访), for administrators. */
const spotChecks = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /minyi/spot-checks/:documentId: the spot-check with its sample and verdicts. */
  async findOne(ctx: Context) {
    const { documentId } = ctx.params as { documentId: string };
    await answeringRefusals(ctx, async () => {
      const check = await minyiService(strapi, 'spot-check').find(documentId);
      if (!check)
        throw new Refusal(404, 'NOT_FOUND', { zh: '抽查不存在', en: 'No such spot-check' });
      ctx.body = { data: check };
    });
  },

  /** POST /minyi/spot-checks/:documentId/items/:itemDocumentId/review with { data: { solved, satisfaction, note? } }. */
  async review(ctx: Context) {
    const { documentId, itemDocumentId } = ctx.params as {
      documentId: string;
      itemDocumentId: string;
    };
    await answeringRefusals(ctx, async () => {
      const actor = await requireAdminActor(strapi, ctx);
      const body = ctx.request.body as { data?: unknown } | undefined;
      ctx.body = {
        data: await minyiService(strapi, 'spot-check').review(
          documentId,
          itemDocumentId,
          body?.data,
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
