import fs from 'fs';
import path from 'path';
import { randomBytes } from 'crypto';
import { Client } from 'pg';

export const ROOT = path.resolve(__dirname, '..', '..');

export type TestDatabaseKind = 'sqlite' | 'postgres';

export function testDatabaseKind(): TestDatabaseKind {
  const kind = process.env.TEST_DB ?? 'sqlite';
  if (kind !== 'sqlite' && kind !== 'postgres')
    throw new Error(`TEST_DB must be sqlite or postgres, got ${kind}`);
  return kind;
}

/** The PostgreSQL server the PostgreSQL suite runs against (trust auth, database `test`). */
export const PG = {
  host: process.env.TEST_PG_HOST ?? '127.0.0.1',
  port: Number(process.env.TEST_PG_PORT ?? 5432),
  database: process.env.TEST_PG_DATABASE ?? 'test',
  user: process.env.TEST_PG_USER ?? 'postgres',
  password: process.env.TEST_PG_PASSWORD ?? '',
};

export interface TestDatabase {
  kind: TestDatabaseKind;
  /** Environment variables that point the app at this database. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database for one test file: a new SQLite file, or a new PostgreSQL schema.
 * When PostgreSQL cannot be reached this throws: the PostgreSQL suite fails, it never skips.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
  if (testDatabaseKind() === 'sqlite') {
    const dir = path.join(ROOT, '.tmp', 'test');
    fs.mkdirSync(dir, { recursive: true });
    const filename = path.join(dir, `${name}.db`);
    return {
      kind: 'sqlite',
      env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: filename },
      async drop() {
        for (const suffix of ['', '-wal', '-shm', '-journal'])
          fs.rmSync(filename + suffix, { force: true });
      },
    };
  }

  await withPg((client) => client.query(`CREATE SCHEMA "${name}"`));
  // An extension is the database's, in one schema: made once in public, as a DBA would, so that no
  // test schema owns pg_trgm and takes it (and the other schemas' trigram indexes) along when dropped.
  await withPg((client) =>
    client.query('CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public').catch(() => undefined)
  );
  return {
    kind: 'postgres',
    env: {
      DATABASE_CLIENT: 'postgres',
      DATABASE_HOST: PG.host,
      DATABASE_PORT: String(PG.port),
      DATABASE_NAME: PG.database,
      DATABASE_USERNAME: PG.user,
      DATABASE_PASSWORD: PG.password,
      DATABASE_SCHEMA: name,
      DATABASE_POOL_MIN: '0',
    },
    async drop() {
      await withPg((client) => client.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`));
    },
  };
}

async function withPg<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client(PG);
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL suite: cannot connect to ${PG.user}@${PG.host}:${PG.port}/${PG.database} (${(error as Error).message}). ` +
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
