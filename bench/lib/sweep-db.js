'use strict';

/**
 * The sweep benchmark's database: a SQLite file under .tmp/bench/ or a PostgreSQL schema in the
 * `test` database (trust auth), created and dropped here with `pg`. Throw-away names by default;
 * with --keep or --skip-seed a stable name per item count (<prefix>_<items>; bench:stats passes its own prefix), so a kept database can
 * be measured again without seeding it anew.
 */
const fs = require('fs');
const path = require('path');
const { randomBytes } = require('crypto');
const { PG, ROOT, withPg } = require('./app');
const { openSchema } = require('../../scripts/lib/pg-schema');

/**
 * { kind, label, env, reused, drop() }. `reuse`: take the stable database as it is (it must exist
 * and hold the app's tables); otherwise start from nothing (a stable one left over is replaced).
 */
async function openDatabase(kind, { items, stable, reuse, prefix = 'bench_sweep' }) {
  const name = stable
    ? `${prefix}_${items}`
    : `${prefix}_${process.pid}_${randomBytes(3).toString('hex')}`;
  if (kind === 'sqlite') {
    const dir = path.join(ROOT, '.tmp', 'bench');
    fs.mkdirSync(dir, { recursive: true });
    const filename = path.join(dir, `${name.replace(/_/g, '-')}.db`);
    const remove = () => {
      for (const suffix of ['', '-wal', '-shm', '-journal'])
        fs.rmSync(filename + suffix, { force: true });
    };
    if (reuse) {
      if (!fs.existsSync(filename))
        throw new Error(
          `--skip-seed: ${path.relative(ROOT, filename)} does not exist (run once with --keep)`
        );
    } else remove();
    return {
      kind,
      name,
      reused: reuse,
      label: `sqlite ${path.relative(ROOT, filename)}`,
      env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: filename },
      async drop() {
        remove();
      },
    };
  }
  if (kind !== 'postgres') throw new Error(`--db must be sqlite or postgres, got ${kind}`);
  await withPg(async (client) => {
    if (reuse) {
      const { rows } = await client.query(
        `SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'items'`,
        [name]
      );
      if (!rows.length)
        throw new Error(`--skip-seed: schema ${name} has no items table (run once with --keep)`);
    } else {
      await client.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
      await client.query(`CREATE SCHEMA "${name}"`);
    }
  });
  const schema = await openSchema(PG, name, { create: false }); // made (or kept) just above
  return { kind, name, reused: reuse, ...schema };
}

module.exports = { openDatabase, withPg };
