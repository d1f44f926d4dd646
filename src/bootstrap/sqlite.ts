import type { Core } from '@strapi/strapi';
import { databaseRepository } from '../repositories/database';

/**
 * SQLite in write-ahead-log mode lets readers go on while one process writes, which the app, the
 * job CLI and a second instance on the same file rely on; the mode is stored in the file itself.
 */
export async function useWriteAheadLog(strapi: Core.Strapi): Promise<void> {
  await databaseRepository(strapi).sqlitePragma('journal_mode = WAL');
}

/**
 * SQLite keeps no planner statistics unless asked, and without them it may scan a large table where
 * an index would do. `PRAGMA optimize` with 0x10000 analyzes, at a bounded cost, the tables whose
 * statistics are missing or stale — what SQLite's documentation recommends when a long-lived
 * connection opens. PostgreSQL's autovacuum does this on its own.
 */
export async function refreshSqliteStatistics(strapi: Core.Strapi): Promise<void> {
  await databaseRepository(strapi).sqlitePragma('optimize = 0x10002');
}
