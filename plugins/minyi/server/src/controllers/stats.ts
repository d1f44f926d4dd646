import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { parseStatsQuery } from '../domain/stats-query';
import { minyiConfig, minyiService } from '../plugin';
import { answeringRefusals, Refusal } from '../refusal';

/** GET /api/stats: public aggregates by period and township (no token). */
const stats = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    await answeringRefusals(ctx, async () => {
      const query = parseStatsQuery(ctx.query, new Date(), minyiConfig(strapi).timezone);
      if (!query.ok)
        throw new Refusal(
          400,
          'INVALID_INPUT',
          { zh: '查询参数有误', en: 'Invalid query parameters' },
          query.problems
        );
      const service = minyiService(strapi, 'stats');
      const result = await service.forQuery(query.value);
      if (!result) {
        throw new Refusal(
          400,
          'INVALID_INPUT',
          {
            zh: `没有编码为"${query.value.township}"的乡镇`,
            en: `No township with code "${query.value.township}"`,
          },
          [{ field: 'township', message: 'unknown township' }]
        );
      }
      ctx.set('Cache-Control', `public, max-age=${service.cacheSeconds()}`);
      ctx.body = { data: result };
    });
  },
});

export default stats;
