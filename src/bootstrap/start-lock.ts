import type { Core } from '@strapi/strapi';

/**
 * Serialises the start of several instances on one PostgreSQL database: schema sync, Strapi's
 * repairs, the plugin's triggers and indexes, roles, the first admin and the demo seed run behind
 * a session-level advisory lock, one instance after the other. Two instances started together on
 * an empty database both created the tables and one died with `duplicate key value violates
 * unique constraint "pg_type_typname_nsp_index"`. The lock is keyed by the schema, so instances on
 * other schemas of the same server (the test suite) do not wait for each other. It is held on a
 * connection of its own, taken in `register` (before the schema sync) and let go at the end of the
 * app's `bootstrap`; a process that dies lets go with its connection. SQLite needs none: one
 * writer at a time, and two processes rarely share one file.
 */
type RawConnection = { query(sql: string, values?: unknown[]): Promise<unknown> };
type KnexClient = {
  acquireConnection(): Promise<RawConnection>;
  releaseConnection(connection: RawConnection): Promise<void>;
};

const LOCK_NAMESPACE = 'minyi:start';
let held: { client: KnexClient; connection: RawConnection } | null = null;

function schemaOf(strapi: Core.Strapi): string {
  const settings = strapi.config.get('database.connection.connection') as
    { schema?: string } | undefined;
  return settings?.schema ?? 'public';
}

export async function takeStartLock(strapi: Core.Strapi): Promise<void> {
  if (held || strapi.config.get('database.connection.client') !== 'postgres') return;
  const client = (strapi.db.connection as unknown as { client: KnexClient }).client;
  const connection = await client.acquireConnection();
  const started = Date.now();
  await connection.query('SELECT pg_advisory_lock(hashtext($1))', [
    `${LOCK_NAMESPACE}:${schemaOf(strapi)}`,
  ]);
  held = { client, connection };
  const waited = Date.now() - started;
  if (waited > 1000)
    strapi.log.info(`[minyi] waited ${waited} ms for another instance to finish starting`);
}

export async function releaseStartLock(strapi: Core.Strapi): Promise<void> {
  if (!held) return;
  const { client, connection } = held;
  held = null;
  try {
    await connection.query('SELECT pg_advisory_unlock(hashtext($1))', [
      `${LOCK_NAMESPACE}:${schemaOf(strapi)}`,
    ]);
  } finally {
    await client.releaseConnection(connection);
  }
}
