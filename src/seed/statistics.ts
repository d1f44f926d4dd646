import type { Core } from '@strapi/strapi';
import { databaseRepository } from '../repositories/database';

/**
 * After a bulk load the statistics describe a table a fraction of the size: gather them again at once
 * rather than waiting for the next start (SQLite) or for autovacuum (PostgreSQL, where it may be off).
 * Analyzes the content type's table and its relations' link tables.
 */
export async function analyzeAfterBulkLoad(strapi: Core.Strapi, uid: string): Promise<void> {
  const meta = strapi.db.metadata.get(uid);
  const linkTables = Object.values(meta.attributes).flatMap((attribute) => {
    const joinTable = (attribute as { joinTable?: { name?: string } }).joinTable;
    return joinTable?.name ? [joinTable.name] : [];
  });
  await databaseRepository(strapi).analyze([meta.tableName, ...new Set(linkTables)]);
}
