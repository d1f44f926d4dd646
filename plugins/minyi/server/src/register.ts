import type { Core } from '@strapi/strapi';
import { BUILT_IN_JOBS } from './jobs';
import { ensureJobIndexes } from './database/job-indexes';
import { ensureDashboardCellTables } from './database/dashboard-cells-tables';
import { ensureStatsAggregateTables } from './database/stats-aggregate-tables';
import { minyiService } from './plugin';
import ownedFields from './services/handling/owned-fields';
import { registerOpen311AttributeGuard } from './services/open311/attribute-guard';
import { registerOpenApiRoutes } from './controllers/openapi';

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  // The job tables' unique indexes (the ON CONFLICT targets), created after every schema sync.
  strapi.hook('strapi::content-types.afterSync').register(() => ensureJobIndexes(strapi));
  // The public stats' day cells, change marks and the triggers on items that write the marks.
  strapi.hook('strapi::content-types.afterSync').register(() => ensureStatsAggregateTables(strapi));
  // The dashboard's month cells, their per-item members, the changed-item marks and their triggers.
  strapi.hook('strapi::content-types.afterSync').register(() => ensureDashboardCellTables(strapi));
  // The plugin's own jobs; other jobs register the same way, from register() or bootstrap().
  const jobs = minyiService(strapi, 'jobs');
  for (const job of BUILT_IN_JOBS) jobs.register(job);
  // The workflow owns its fields: every other write of them is refused (services/handling/owned-fields.ts).
  ownedFields({ strapi }).register();
  // Open311 attribute definitions on categories are checked when saved.
  registerOpen311AttributeGuard(strapi);
  // GET /openapi.json and /documentation (Swagger UI): the public, partner and Open311 APIs.
  registerOpenApiRoutes(strapi);
};

export default register;
