'use strict';

/**
 * Throw-away PostgreSQL schemas, one module for the test suite (tests/helpers/database.ts) and the
 * benchmarks (bench/lib/): the server from `<PREFIX>_PG_*` variables (TEST_PG_HOST, BENCH_PG_HOST …;
 * defaults: trust auth on 127.0.0.1:5432, database `test`, user postgres), the app's DATABASE_*
 * environment for one schema, and the schema created and dropped with `pg`.
 */

/** The server named by `<prefix>_PG_HOST`, `_PORT`, `_DATABASE`, `_USER`, `_PASSWORD`. */
function pgServer(prefix) {
  const env = (name, fallback) => process.env[`${prefix}_PG_${name}`] || fallback;
  return {
    host: env('HOST', '127.0.0.1'),
    port: Number(env('PORT', 5432)),
    database: env('DATABASE', 'test'),
    user: env('USER', 'postgres'),
    password: env('PASSWORD', ''),
  };
}

function describeServer(server) {
  return `${server.user}@${server.host}:${server.port}/${server.database}`;
}

/** Runs `work` with a connected client; a server that cannot be reached throws, saying how to start it. */
async function withPg(server, work) {
  const { Client } = require('pg');
  const client = new Client(server);
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `cannot connect to PostgreSQL ${describeServer(server)} (${error.message}). ` +
        'Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
      { cause: error }
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The app's DATABASE_* environment for `schema` on `server` (plus `extra`). */
function schemaEnv(server, schema, extra = {}) {
  return {
    DATABASE_CLIENT: 'postgres',
    DATABASE_HOST: server.host,
    DATABASE_PORT: String(server.port),
    DATABASE_NAME: server.database,
    DATABASE_USERNAME: server.user,
    DATABASE_PASSWORD: server.password,
    DATABASE_SCHEMA: schema,
    ...extra,
  };
}

/**
 * `{ label, env, drop() }` for `schema` on `server`. `create`: make it now (it must not exist);
 * otherwise it is taken as it is. `drop` removes it with everything in it.
 */
async function openSchema(server, schema, { create = true, extraEnv = {} } = {}) {
  if (create) await withPg(server, (client) => client.query(`CREATE SCHEMA "${schema}"`));
  return {
    label: `postgres ${describeServer(server)} schema ${schema}`,
    env: schemaEnv(server, schema, extraEnv),
    async drop() {
      await withPg(server, (client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
    },
  };
}

module.exports = { pgServer, describeServer, withPg, schemaEnv, openSchema };
