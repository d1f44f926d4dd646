import { factories } from '@strapi/strapi';
import type { Context } from 'koa';
import { minyiService } from '../../../minyi';

/** The parts of Strapi's core collection controller the overrides below call. */
interface CoreItemController {
  validateQuery(ctx: Context): Promise<void>;
  sanitizeQuery(ctx: Context): Promise<Record<string, unknown>>;
  sanitizeOutput(data: unknown, ctx: Context): Promise<unknown>;
  transformResponse(data: unknown, meta?: unknown): unknown;
  findOne(ctx: Context): Promise<unknown>;
}

interface ItemListService {
  find(params: Record<string, unknown>): Promise<{ results: unknown[]; pagination: unknown }>;
}

export default factories.createCoreController('api::item.item', ({ strapi }) => {
  const access = () => minyiService(strapi, 'access-scope');
  const items = () => strapi.service('api::item.item') as unknown as ItemListService;

  return {
    /**
     * Field staff list only their unit's items: the unit is ANDed into the client's filters after
     * sanitising, so no filter a client sends can widen it.
     */
    async find(ctx: Context) {
      const core = this as unknown as CoreItemController;
      await core.validateQuery(ctx);
      const query = await core.sanitizeQuery(ctx);
      const filters = await access().scopedItemFilters(ctx.state, query.filters);
      const { results, pagination } = await items().find({ ...query, filters });
      return core.transformResponse(await core.sanitizeOutput(results, ctx), { pagination });
    },

    /** An item outside the caller's unit answers as if it did not exist. */
    async findOne(ctx: Context) {
      if (!(await access().mayReadItem(ctx.state, String(ctx.params.id)))) return ctx.notFound();
      return (Object.getPrototypeOf(this) as CoreItemController).findOne.call(this, ctx);
    },
  };
});
