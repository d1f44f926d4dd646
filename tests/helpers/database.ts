import fs from 'fs';
import path from 'path';
import { randomBytes } from 'crypto';
import { openSchema, pgServer, withPg } from '../../scripts/lib/pg-schema';

export const ROOT = path.resolve(__dirname, '..', '..');

export type TestDatabaseKind = 'sqlite' | 'postgres';

export function testDatabaseKind(): TestDatabaseKind {
  const kind = process.env.TEST_DB ?? 'sqlite';
  if (kind !== 'sqlite' && kind !== 'postgres')
    throw new Error(`TEST_DB must be sqlite or postgres, got ${kind}`);
  return kind;
}

/** The PostgreSQL server the PostgreSQL suite runs against (TEST_PG_*; trust auth, database `test`). */
export const PG = pgServer('TEST');

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

  const schema = await openSchema(PG, name, { extraEnv: { DATABASE_POOL_MIN: '0' } });
  // An extension is the database's, in one schema: made once in public, as a DBA would, so that no
  // test schema owns pg_trgm and takes it (and the other schemas' trigram indexes) along when dropped.
  await withPg(PG, (client) =>
    client.query('CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public').catch(() => undefined)
  );
  return { kind: 'postgres', env: schema.env, drop: schema.drop };
}
