import type { Core } from '@strapi/strapi';

/**
 * SQLite in write-ahead-log mode lets readers go on while one process writes, which the app, the
 * job CLI and a second instance on the same file rely on; the mode is stored in the file itself.
 */
export async function useWriteAheadLog(strapi: Core.Strapi): Promise<void> {
  if (strapi.db.dialect.client !== 'sqlite') return;
  await strapi.db.connection.raw('PRAGMA journal_mode = WAL');
}
