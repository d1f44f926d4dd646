import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { minyiService } from '../plugin';
import { answeringRefusals } from '../refusal';

/**
 * GET/PUT /minyi/categories/:documentId/open311-attributes (routes/admin/category-attributes.ts):
 * the category's Open311 attributes for the admin's editor; the service checks and stores.
 */
const categoryAttributes = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => minyiService(strapi, 'open311-attributes');
  const documentIdOf = (ctx: Context) => String((ctx.params as { documentId: string }).documentId);
  return {
    async show(ctx: Context) {
      await answeringRefusals(ctx, async () => {
        ctx.body = { data: await service().get(documentIdOf(ctx)) };
      });
    },

    async update(ctx: Context) {
      await answeringRefusals(ctx, async () => {
        ctx.body = {
          data: await service().update(documentIdOf(ctx), (ctx.request as { body?: unknown }).body),
        };
      });
    },
  };
};

export default categoryAttributes;
