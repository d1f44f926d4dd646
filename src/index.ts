import type { Core } from '@strapi/strapi';
import { ensureFirstAdmin } from './bootstrap/admin-user';
import { applyChineseFieldLabels } from './bootstrap/field-labels';
import { ensureHotPathIndexes } from './bootstrap/indexes';
import { ensurePublicItemPermissions } from './bootstrap/public-api-permissions';
import { ensurePublicPermissions } from './bootstrap/public-permissions';
import { useWriteAheadLog } from './bootstrap/sqlite';
import { demoDataEnabled, seedDemoCounty } from './seed';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    strapi.hook('strapi::content-types.afterSync').register(() => ensureHotPathIndexes(strapi));
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await useWriteAheadLog(strapi);
    await ensureFirstAdmin(strapi);
    await ensurePublicPermissions(strapi);
    await ensurePublicItemPermissions(strapi);
    await applyChineseFieldLabels(strapi);
    if (demoDataEnabled(process.env)) {
      const result = await seedDemoCounty(strapi);
      if (result.created) strapi.log.info(`[minyi] demo county loaded: ${JSON.stringify(result.counts)}`);
    }
  },
};
