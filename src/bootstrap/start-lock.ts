import type { Core } from '@strapi/strapi';

/**
 * Serialises the start of several instances on one PostgreSQL database: schema sync, Strapi's
 * repairs, the plugin's triggers and indexes, roles, the first admin and the demo seed run behind
 * a session-level advisory lock, one instance after the other. Two instances started together on
 * an empty database both created the tables and one died with `duplicate key value violates
 * unique constraint "pg_type_typname_nsp_index"`. The lock is keyed by the schema, so instances on
 * other schemas of the same server (the test suite) do not wait for each other. It is held on a
 * connection of its own, taken in `register` (before the schema sync) and let go at the end of the
 * app's `bootstrap`; a process that dies lets go with its connection. On SQLite the same start
 * is serialised by a lock file beside the database (created exclusively, holding the pid; a file
 * whose process is gone is taken over): two processes on one file otherwise both create the tables
 * and one dies with "table `files` already exists". Written by hand because it is twenty lines
 * and needs nothing but `fs`.
 */
import fs from 'fs';
import { databaseRepository, type HeldConnection } from '../repositories/database';

const LOCK_NAMESPACE = 'minyi:start';
let held: HeldConnection | null = null;
let heldFile: string | null = null;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function takeFileLock(strapi: Core.Strapi): Promise<void> {
  const settings = strapi.config.get('database.connection.connection') as
    { filename?: string } | undefined;
  if (!settings?.filename || settings.filename === ':memory:') return;
  const file = `${settings.filename}.start-lock`;
  const started = Date.now();
  for (;;) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      heldFile = file;
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(fs.readFileSync(file, 'utf8'));
      if (!Number.isInteger(owner) || owner <= 0 || !processAlive(owner)) {
        fs.rmSync(file, { force: true }); // its process is gone: take it over
        continue;
      }
      if (Date.now() - started > 300_000)
        throw new Error(`[minyi] another process (pid ${owner}) holds ${file} for over 5 minutes`, {
          cause: error, // the exclusive create that found the file
        });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  const waited = Date.now() - started;
  if (waited > 1000)
    strapi.log.info(`[minyi] waited ${waited} ms for another instance to finish starting`);
}

function schemaOf(strapi: Core.Strapi): string {
  const settings = strapi.config.get('database.connection.connection') as
    { schema?: string } | undefined;
  return settings?.schema ?? 'public';
}

export async function takeStartLock(strapi: Core.Strapi): Promise<void> {
  if (held || heldFile) return;
  if (strapi.config.get('database.connection.client') !== 'postgres') return takeFileLock(strapi);
  const connection = await databaseRepository(strapi).holdConnection();
  const started = Date.now();
  await connection.query('SELECT pg_advisory_lock(hashtext($1))', [
    `${LOCK_NAMESPACE}:${schemaOf(strapi)}`,
  ]);
  held = connection;
  const waited = Date.now() - started;
  if (waited > 1000)
    strapi.log.info(`[minyi] waited ${waited} ms for another instance to finish starting`);
}

export async function releaseStartLock(strapi: Core.Strapi): Promise<void> {
  if (heldFile) {
    fs.rmSync(heldFile, { force: true });
    heldFile = null;
  }
  if (!held) return;
  const connection = held;
  held = null;
  try {
    await connection.query('SELECT pg_advisory_unlock(hashtext($1))', [
      `${LOCK_NAMESPACE}:${schemaOf(strapi)}`,
    ]);
  } finally {
    await connection.release();
  }
}
