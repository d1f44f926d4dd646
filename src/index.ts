import type { Core } from '@strapi/strapi';
import { ensureFirstAdmin } from './bootstrap/admin-user';
import { checkSecrets } from './bootstrap/secrets';
import { applyPublicRegistrationSetting } from './bootstrap/registration';
import { releaseStartLock, takeStartLock } from './bootstrap/start-lock';
import { applyChineseFieldLabels } from './bootstrap/field-labels';
import { ensureHotPathIndexes } from './bootstrap/indexes';
import { ensurePublicItemPermissions } from './bootstrap/public-api-permissions';
import { ensurePublicPermissions } from './bootstrap/public-permissions';
import { refreshSqliteStatistics, useWriteAheadLog } from './bootstrap/sqlite';
import { minyiService } from './minyi';
import { demoDataEnabled, seedDemoCounty } from './seed';
import { DEMO_PASSWORD, ensureDemoLogins } from './seed/demo-logins';

export default {
  async register({ strapi }: { strapi: Core.Strapi }) {
    // Production refuses to start on missing or published development secrets (throws, naming each).
    const development = checkSecrets(process.env);
    if (development.length > 0)
      strapi.log.warn(
        `[minyi] using development secrets for ${development.map((s) => s.name).join(', ')} — fine for development, refused in production (see .env.example)`
      );
    strapi.hook('strapi::content-types.afterSync').register(() => ensureHotPathIndexes(strapi));
    // PostgreSQL: one instance at a time from here (schema sync) to the end of bootstrap (seed).
    await takeStartLock(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    try {
      await useWriteAheadLog(strapi);
      await refreshSqliteStatistics(strapi);
      await ensureFirstAdmin(strapi);
      await ensurePublicPermissions(strapi);
      await applyPublicRegistrationSetting(strapi);
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
    } finally {
      await releaseStartLock(strapi);
    }
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await releaseStartLock(strapi);
  },
};
