import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { parseRunRequest } from '../domain/job-period';
import { jobsService } from '../services/jobs';

const jobs = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /minyi/jobs: registered jobs, their schedules, last runs and live leases. */
  async list(ctx: Context) {
    ctx.body = { data: await jobsService(strapi).describe() };
  },

  /**
   * POST /minyi/jobs/:name/run with { now?, period?, force? }: runs the job here and now and
   * answers with its outcome (succeeded, failed — the job's error — or skipped: already succeeded
   * for the period, or busy elsewhere). Bad input is a 400.
   */
  async run(ctx: Context) {
    const name = String(ctx.params.name ?? '');
    const parsed = parseRunRequest((ctx.request as { body?: unknown }).body);
    if (!parsed.ok) throw new errors.ValidationError(`${parsed.reason.zh} / ${parsed.reason.en}`);
    ctx.body = { data: await jobsService(strapi).run(name, { ...parsed.value, trigger: 'admin' }) };
  },
});

export default jobs;
