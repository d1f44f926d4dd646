import type { Core } from '@strapi/strapi';
import { jobTables } from '../repositories/job-runs';

interface IndexSpec {
  table: 'leases' | 'runs';
  name: string;
  columns: string[];
  unique?: boolean;
}

/**
 * Indexes the job tables need and their schemas cannot express (Strapi 5 does not turn
 * `unique: true` into a database constraint). The unique ones are what ON CONFLICT targets.
 */
export const JOB_INDEXES: readonly IndexSpec[] = [
  { table: 'leases', name: 'minyi_job_leases_name_uq', columns: ['name'], unique: true },
  { table: 'runs', name: 'minyi_job_runs_job_period_uq', columns: ['job', 'period'], unique: true },
  { table: 'runs', name: 'minyi_job_runs_job_started_idx', columns: ['job', 'started_at'] },
  { table: 'runs', name: 'minyi_job_runs_started_at_idx', columns: ['started_at'] },
];

/**
 * Creates them when missing; runs after every schema sync (the plugin's register() hooks it to
 * `strapi::content-types.afterSync`, as src/index.ts does for the app's own tables), so a fresh
 * database gets them before anything can run a job, and running it again is harmless.
 */
export async function ensureJobIndexes(strapi: Core.Strapi): Promise<void> {
  const knex = strapi.db.connection;
  const tables = jobTables(strapi);
  for (const index of JOB_INDEXES) {
    const table = tables[index.table];
    if (!(await strapi.db.getSchemaConnection().hasTable(table))) continue;
    await knex.raw(
      `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ?? ON ?? (${index.columns.map(() => '??').join(', ')})`,
      [index.name, table, ...index.columns]
    );
  }
}
