import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { minyiService } from '../plugin';

const jobs = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /minyi/jobs: registered jobs, their schedules, last runs and live leases. */
  async list(ctx: Context) {
    ctx.body = { data: await minyiService(strapi, 'jobs').describe() };
  },

  /**
   * POST /minyi/jobs/:name/run with { now?, period?, force? }: runs the job here and now and
   * answers with its outcome (succeeded, failed — the job's error — or skipped: already succeeded
   * for the period, or busy elsewhere). Bad input is a 400.
   */
  async run(ctx: Context) {
    const name = String(ctx.params.name ?? '');
    const body = (ctx.request as { body?: unknown }).body;
    ctx.body = {
      data: await minyiService(strapi, 'jobs').runRequest(name, body, { trigger: 'admin' }),
    };
  },
});

export default jobs;
