import path from 'path';
import type { Core } from '@strapi/strapi';
import { databaseRepository } from '../repositories/database';

interface IndexMigration {
  up(knex: Core.Strapi['db']['connection']): Promise<void>;
}

/** Re-applies the hot-path index migration after each schema sync (see the migration's header). */
export async function ensureHotPathIndexes(strapi: Core.Strapi): Promise<void> {
  const file = path.join(
    strapi.dirs.app.root,
    'database/migrations/2026.11.28T00.00.00.hot-path-indexes.js'
  );
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain JS migration shared with Strapi's runner
  const migration = require(file) as IndexMigration;
  await databaseRepository(strapi).runMigration(migration);
}
