import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { parseDashboardQuery } from '../domain/dashboard-query';
import type { AccessScopeService, AdminAccount } from '../services/access-scope';
import { DashboardRefusal, type DashboardService } from '../services/dashboard';
import { answerRefusal } from './refusal-response';

/** 数据看板 and the home page widgets: the caller's unit scope, the period asked for. */
const dashboardController = ({ strapi }: { strapi: Core.Strapi }) => {
  const dashboard = (): DashboardService => strapi.plugin('minyi').service('dashboard');
  const accessScope = (): AccessScopeService => strapi.plugin('minyi').service('access-scope');

  async function scopeOf(ctx: Context) {
    return (await accessScope().adminAccount(ctx.state.user as AdminAccount)).scope;
  }

  async function guarded(ctx: Context, work: () => Promise<void>) {
    try {
      await work();
    } catch (error) {
      if (error instanceof DashboardRefusal) return answerRefusal(ctx, error);
      throw error;
    }
  }

  return {
    async data(ctx: Context) {
      const zone = strapi.plugin('minyi').config('timezone') as string;
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
      await guarded(ctx, async () => {
        ctx.body = { data: await dashboard().data(parsed.value, await scopeOf(ctx)) };
      });
    },

    async home(ctx: Context) {
      await guarded(ctx, async () => {
        ctx.body = { data: await dashboard().home(await scopeOf(ctx)) };
      });
    },
  };
};

export default dashboardController;
