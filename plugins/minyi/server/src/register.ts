import type { Core } from '@strapi/strapi';
import { BUILT_IN_JOBS, ensureJobIndexes } from './jobs';
import { jobsService } from './services/jobs';
import ownedFields from './services/owned-fields';
import { ensureStatsAggregateTables } from './services/stats-aggregate-tables';

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  // The workflow owns its fields: every other write of them is refused (services/owned-fields.ts).
  ownedFields({ strapi }).register();
  // The job tables' unique indexes (the ON CONFLICT targets), created after every schema sync.
  strapi.hook('strapi::content-types.afterSync').register(() => ensureJobIndexes(strapi));
  // The public stats' day cells, change marks and the triggers on items that write the marks.
  strapi.hook('strapi::content-types.afterSync').register(() => ensureStatsAggregateTables(strapi));
  // The plugin's own jobs; other jobs register the same way, from register() or bootstrap().
  const jobs = jobsService(strapi);
  for (const job of BUILT_IN_JOBS) jobs.register(job);
};

export default register;
