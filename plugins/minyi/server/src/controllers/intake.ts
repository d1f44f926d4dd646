import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { minyiService } from '../plugin';
import { Refusal } from '../refusal';
import { adminCaller } from './item-panel';
import { answerRefusal } from '../refusal';
import { multipartBody, multipartPhotos, removeIncoming } from './multipart';

/** 登记民意: GET /minyi/intake/options, GET /minyi/intake/duplicates, POST /minyi/intake. */
const intake = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => minyiService(strapi, 'intake');
  async function answer(ctx: Context, work: () => Promise<unknown>, status = 200) {
    try {
      const body = await work();
      ctx.status = status;
      ctx.body = body;
    } catch (error) {
      if (error instanceof Refusal) return answerRefusal(ctx, error);
      throw error;
    }
  }
  return {
    options: (ctx: Context) => answer(ctx, () => service().options(adminCaller(ctx), ctx.query)),
    duplicates: (ctx: Context) =>
      answer(ctx, () => service().duplicates(adminCaller(ctx), ctx.query)),
    // JSON, or multipart with the JSON as `data` and the resident's photos as `photos`.
    register: (ctx: Context) =>
      removeIncoming(ctx, () =>
        answer(
          ctx,
          () =>
            service().register(
              adminCaller(ctx),
              multipartBody(ctx),
              new Date(),
              multipartPhotos(ctx)
            ),
          201
        )
      ),
  };
};

export default intake;
