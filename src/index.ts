import type { Core } from '@strapi/strapi';
import { ensureFirstAdmin } from './bootstrap/admin-user';
import { applyChineseFieldLabels } from './bootstrap/field-labels';
import { ensureHotPathIndexes } from './bootstrap/indexes';
import { ensurePublicItemPermissions } from './bootstrap/public-api-permissions';
import { ensurePublicPermissions } from './bootstrap/public-permissions';
import { refreshSqliteStatistics, useWriteAheadLog } from './bootstrap/sqlite';
import { minyiService } from './minyi';
import { demoDataEnabled, seedDemoCounty } from './seed';
import { DEMO_PASSWORD, ensureDemoLogins } from './seed/demo-logins';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    strapi.hook('strapi::content-types.afterSync').register(() => ensureHotPathIndexes(strapi));
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await useWriteAheadLog(strapi);
    await refreshSqliteStatistics(strapi);
    await ensureFirstAdmin(strapi);
    await ensurePublicPermissions(strapi);
    await minyiService(strapi, 'roles').ensure();
    await ensurePublicItemPermissions(strapi);
    await applyChineseFieldLabels(strapi);
    if (demoDataEnabled(process.env)) {
      const result = await seedDemoCounty(strapi);
      if (result.created)
        strapi.log.info(`[minyi] demo county loaded: ${JSON.stringify(result.counts)}`);
      const logins = await ensureDemoLogins(strapi);
      if (logins.length > 0)
        strapi.log.info(
          `[minyi] demo logins created (password ${DEMO_PASSWORD}): ${logins.join(', ')}`
        );
    }
  },
};
