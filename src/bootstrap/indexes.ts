import path from 'path';
import type { Core } from '@strapi/strapi';
import { databaseRepository } from '../repositories/database';

type Knex = Core.Strapi['db']['connection'];

export type TrigramOutcome =
  { state: 'created' } | { state: 'not-postgres' } | { state: 'unavailable'; reason: string };

interface IndexMigration {
  up(knex: Knex): Promise<void>;
  ensureTrigramIndexes(knex: Knex): Promise<TrigramOutcome>;
}

const MIGRATION = 'database/migrations/2026.11.28T00.00.00.hot-path-indexes.js';

function migration(root: string): IndexMigration {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain JS migration shared with Strapi's runner
  return require(path.join(root, MIGRATION)) as IndexMigration;
}

let trigramFallbackLogged = false;

/**
 * The workbench's title search index on PostgreSQL (pg_trgm). Where the extension cannot be had —
 * not installed on the server, or CREATE EXTENSION refused to the app's role — the search keeps
 * working on the tab's own indexes, and this says so once per process, with what to do.
 */
export async function ensureTitleSearchIndex(
  root: string,
  knex: Knex,
  log: { warn(message: string): unknown }
): Promise<TrigramOutcome> {
  const outcome = await migration(root).ensureTrigramIndexes(knex);
  if (outcome.state === 'unavailable' && !trigramFallbackLogged) {
    trigramFallbackLogged = true;
    log.warn(
      `[minyi] PostgreSQL extension pg_trgm unavailable (${outcome.reason}): the workbench's title search ` +
        'runs without its trigram index (items_title_trgm_idx) and reads every item of the tab. ' +
        'Ask the database administrator to run CREATE EXTENSION pg_trgm in this database, then restart.'
    );
  }
  return outcome;
}

/** Re-applies the hot-path index migration after each schema sync (see the migration's header). */
export async function ensureHotPathIndexes(strapi: Core.Strapi): Promise<void> {
  const root = strapi.dirs.app.root;
  const database = databaseRepository(strapi);
  await database.migrate((knex) => migration(root).up(knex));
  await database.migrate((knex) => ensureTitleSearchIndex(root, knex, strapi.log));
}
