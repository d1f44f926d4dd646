/**
 * Secondary indexes set aside for the length of a bulk load on PostgreSQL, and rebuilt after it in
 * the same transaction.
 *
 * Why: `items` carries fifteen indexes (Strapi's, the hot-path migration's partial and covering
 * ones) and each link table four or five. Measured on the test server with 80,000 items, inserting
 * 5,000 items took 1.1 s with them and 0.2 s without: index upkeep, row by row, was four fifths of
 * the load. Building an index once over the loaded table is a sort — far cheaper than a million
 * single-entry inserts into a B-tree that no longer fits the buffer cache.
 *
 * Safe because everything happens in one transaction: the definitions are read from the catalogue
 * (`pg_get_indexdef`, so operator classes and names come back exactly), the indexes
 * are dropped, the rows written, the same statements run again, and only then does the transaction
 * commit. A load that fails rolls back with its indexes intact. Unique indexes and those backing a
 * constraint (primary keys, the link tables' unique pairs) stay: they guard the load itself
 * (tracking-code collisions, duplicate links) and the foreign-key checks walk them. Partial and
 * expression indexes stay too: PostgreSQL deparses their conditions into another (equivalent) text,
 * which rebuilt would no longer read as the migration wrote it; they hold only the open items, a
 * tenth of the rows, so keeping them costs little. The price: the
 * tables are locked (ACCESS EXCLUSIVE, from DROP INDEX) until the load commits, which is what a
 * seeding command may do and what the app's own writers never do.
 */
import type { Knex } from 'knex';

export interface DeferredIndex {
  table: string;
  name: string;
  definition: string;
}

export interface RebuildReport {
  indexes: number;
  ms: number;
}

function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  if (result && typeof result === 'object' && 'rows' in result && Array.isArray(result.rows))
    return result.rows as T[];
  return [];
}

export class DeferredIndexes {
  private constructor(
    private readonly trx: Knex.Transaction,
    readonly indexes: readonly DeferredIndex[]
  ) {}

  /** Reads and drops the plain secondary indexes of `tables` (PostgreSQL only) inside `trx`. */
  static async suspend(trx: Knex.Transaction, tables: readonly string[]): Promise<DeferredIndexes> {
    const found = rowsOf<{ table: string; name: string; definition: string }>(
      await trx.raw(
        `SELECT t.relname AS "table", i.relname AS name, pg_get_indexdef(x.indexrelid) AS definition
           FROM pg_index x
           JOIN pg_class i ON i.oid = x.indexrelid
           JOIN pg_class t ON t.oid = x.indrelid
          WHERE t.relnamespace = current_schema()::regnamespace
            AND t.relname IN (${tables.map(() => '?').join(', ')})
            AND NOT x.indisprimary AND NOT x.indisunique
            AND x.indpred IS NULL AND x.indexprs IS NULL
            AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
          ORDER BY t.relname, i.relname`,
        [...tables]
      )
    );
    for (const index of found) await trx.raw('DROP INDEX ??', [index.name]);
    return new DeferredIndexes(trx, found);
  }

  /**
   * Builds every set-aside index again. maintenance_work_mem is raised for this transaction only,
   * so each build sorts in memory instead of spilling to disk.
   */
  async rebuild(): Promise<RebuildReport> {
    const started = Date.now();
    await this.trx.raw("SET LOCAL maintenance_work_mem = '256MB'");
    for (const index of this.indexes) await this.trx.raw(index.definition);
    return { indexes: this.indexes.length, ms: Date.now() - started };
  }
}
