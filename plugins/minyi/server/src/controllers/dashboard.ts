import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { parseDashboardQuery } from '../domain/dashboard-query';
import { minyiConfig, minyiService } from '../plugin';
import { answeringRefusals } from '../refusal';
import type { AdminAccount } from '../services/access/access-scope';

/** 数据看板 and the home page widgets: the caller's unit scope, the period asked for. */
const dashboardController = ({ strapi }: { strapi: Core.Strapi }) => {
  const dashboard = () => minyiService(strapi, 'dashboard');
  const accessScope = () => minyiService(strapi, 'access-scope');

  async function scopeOf(ctx: Context) {
    return (await accessScope().adminAccount(ctx.state.user as AdminAccount)).scope;
  }

  return {
    async data(ctx: Context) {
      const zone = minyiConfig(strapi).timezone;
      const parsed = parseDashboardQuery(ctx.query, new Date(), zone);
      if (!parsed.ok) {
        ctx.status = 400;
        ctx.body = {
          data: null,
          error: {
            status: 400,
            name: 'ValidationError',
            message: '查询参数有误 / invalid query',
            details: { code: 'INVALID_QUERY', errors: parsed.problems },
          },
        };
        return;
      }
      await answeringRefusals(ctx, async () => {
        ctx.body = { data: await dashboard().data(parsed.value, await scopeOf(ctx)) };
      });
    },

    async home(ctx: Context) {
      await answeringRefusals(ctx, async () => {
        ctx.body = { data: await dashboard().home(await scopeOf(ctx)) };
      });
    },
  };
};

export default dashboardController;
