import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { minyiService } from '../plugin';

const status = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Admin: the full picture of what the plugin loaded. */
  describe(ctx: Context) {
    ctx.body = { data: minyiService(strapi, 'status').describe() };
  },
  /** Public: only that the service is up, for load balancers and uptime checks. */
  health(ctx: Context) {
    ctx.body = { data: { plugin: 'minyi', ok: true } };
  },
});

export default status;
