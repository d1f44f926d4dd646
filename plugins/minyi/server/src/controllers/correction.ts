import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { minyiService } from '../plugin';
import { Refusal } from '../refusal';
import { adminCaller } from './item-panel';
import { answerRefusal } from '../refusal';

/** POST /minyi/items/:documentId/correct — 数据更正 (items.correct: super admins by default). */
const correction = ({ strapi }: { strapi: Core.Strapi }) => ({
  async correct(ctx: Context) {
    const { documentId } = ctx.params as { documentId: string };
    const caller = adminCaller(ctx);
    try {
      const who = await minyiService(strapi, 'item-panel').acting(caller.user);
      const actor = who.actor ?? {
        role: 'county-coordinator' as const,
        label: `${caller.user.firstname ?? ''}${caller.user.lastname ?? ''}(数据更正)`,
      };
      ctx.body = await minyiService(strapi, 'correction').correct(
        documentId,
        actor,
        ctx.request.body
      );
    } catch (error) {
      if (error instanceof Refusal) return answerRefusal(ctx, error);
      throw error;
    }
  },
});

export default correction;
