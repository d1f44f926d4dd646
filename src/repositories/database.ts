import type { Core } from '@strapi/strapi';

type Connection = Core.Strapi['db']['connection'];

/** A connection of the pool held apart from it (a session-level lock lives on one). */
export interface HeldConnection {
  query(sql: string, values?: unknown[]): Promise<unknown>;
  release(): Promise<void>;
}

/**
 * Statements on the database as a whole rather than on one content type: SQLite pragmas,
 * statistics, a migration's `up`, a connection held apart from the pool. The app's bootstrap and
 * seed reach knex only through here.
 */
export function databaseRepository(strapi: Core.Strapi) {
  const knex = (): Connection => strapi.db.connection;
  const sqlite = () => strapi.db.dialect.client === 'sqlite';

  return {
    /** Runs `PRAGMA <pragma>` on SQLite; nothing on PostgreSQL. */
    async sqlitePragma(pragma: string): Promise<void> {
      if (sqlite()) await knex().raw(`PRAGMA ${pragma}`);
    },

    /** SQLite's page cache (a negative size is in KiB); null on PostgreSQL. */
    async sqliteCacheSize(): Promise<number | null> {
      if (!sqlite()) return null;
      const rows = (await knex().raw('PRAGMA cache_size')) as Array<{ cache_size: number }>;
      return Number(rows[0]?.cache_size ?? -2000);
    },

    /** Gathers planner statistics for these tables (ANALYZE). */
    async analyze(tables: readonly string[]): Promise<void> {
      for (const table of tables) await knex().raw('ANALYZE ??', [table]);
    },

    /** Runs a migration's step (a plain JS migration's `up` …) on the app's connection. */
    async migrate<T>(step: (knex: Connection) => Promise<T>): Promise<T> {
      return step(knex());
    },

    /** Takes one connection out of the pool until `release`. */
    async holdConnection(): Promise<HeldConnection> {
      type RawConnection = { query(sql: string, values?: unknown[]): Promise<unknown> };
      const client = (
        knex() as unknown as {
          client: {
            acquireConnection(): Promise<RawConnection>;
            releaseConnection(connection: RawConnection): Promise<void>;
          };
        }
      ).client;
      const connection = await client.acquireConnection();
      return {
        query: (sql, values) => connection.query(sql, values),
        release: () => client.releaseConnection(connection),
      };
    },
  };
}
