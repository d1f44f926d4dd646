import type { Core } from '@strapi/strapi';
import { newDocumentId } from './document-ids';
import { rowsOf } from './sql-rows';

export const JOB_LEASE_UID = 'plugin::minyi.job-lease';
export const JOB_RUN_UID = 'plugin::minyi.job-run';

type Knex = Core.Strapi['db']['connection'];

/**
 * The job engine's two tables (the job-run store and the leases write them with set-based SQL,
 * jobs/engine/). The tables Strapi gives the two content types. Their schemas set collectionName explicitly
 * (minyi_job_leases, minyi_job_runs): without it Strapi would name a plugin table
 * `<plugin>_<singularName>`, here "minyi_job-lease", hyphen included.
 */
export function jobTables(strapi: Core.Strapi): { leases: string; runs: string } {
  return {
    leases: strapi.db.metadata.get(JOB_LEASE_UID).tableName,
    runs: strapi.db.metadata.get(JOB_RUN_UID).tableName,
  };
}

/** What the lease coordinator (jobs/engine/lease-coordinator.ts) writes with: knex and its table. */
export function jobLeaseTable(strapi: Core.Strapi): { knex: Knex; table: string } {
  return { knex: strapi.db.connection, table: jobTables(strapi).leases };
}

/** The fields a finished run stores (JSON already as text). */
export interface JobRunFinish {
  status: 'succeeded' | 'failed';
  summary: string;
  progress: string;
  error: string | null;
}

/**
 * The job-run rows (minyi_job_runs): one per job and period. Reads go through Strapi's query
 * engine (camelCase, dates as ISO text, JSON parsed); the claim is one INSERT … ON CONFLICT so that
 * two instances cannot both start a period, and every later write is guarded by the holder id.
 */
export function jobRunsRepository(strapi: Core.Strapi) {
  const runs = () => strapi.db.query(JOB_RUN_UID);
  const table = () => jobTables(strapi).runs;

  return {
    async find(job: string, period: string): Promise<Record<string, unknown> | null> {
      return (await runs().findOne({ where: { job, period } })) as Record<string, unknown> | null;
    },

    async findById(id: number): Promise<Record<string, unknown> | null> {
      return (await runs().findOne({ where: { id } })) as Record<string, unknown> | null;
    },

    async last(job: string): Promise<Record<string, unknown> | null> {
      const rows = (await runs().findMany({
        where: { job },
        orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
        limit: 1,
      })) as Array<Record<string, unknown>>;
      return rows[0] ?? null;
    },

    /**
     * Marks the period running for `holder`: inserts its row, or takes the existing one over;
     * the row's id, or undefined when the database returned none.
     */
    async claim(
      job: string,
      period: string,
      { now, at, holder, progress }: { now: Date; at: Date; holder: string; progress: string }
    ): Promise<unknown> {
      const result: unknown = await strapi.db.connection.raw(
        `INSERT INTO ?? ("document_id", "job", "period", "status", "started_at", "finished_at", "now", "progress", "summary",
                       "error", "holder", "created_at", "updated_at", "published_at")
       VALUES (?, ?, ?, 'running', ?, NULL, ?, ?, NULL, NULL, ?, ?, ?, ?)
       ON CONFLICT ("job", "period") DO UPDATE
         SET "status" = excluded."status", "started_at" = excluded."started_at", "finished_at" = NULL,
             "now" = excluded."now", "progress" = excluded."progress", "summary" = NULL, "error" = NULL,
             "holder" = excluded."holder", "updated_at" = excluded."updated_at"
       RETURNING "id"`,
        [table(), newDocumentId(), job, period, at, now, progress, holder, at, at, at]
      );
      return rowsOf(result)[0]?.id;
    },

    async finish(id: number, holder: string, fields: JobRunFinish, at: Date): Promise<void> {
      await strapi.db.connection(table()).where({ id, holder }).update({
        status: fields.status,
        finished_at: at,
        summary: fields.summary,
        progress: fields.progress,
        error: fields.error,
        updated_at: at,
      });
    },

    async writeProgress(id: number, holder: string, progress: string, at: Date): Promise<void> {
      await strapi.db
        .connection(table())
        .where({ id, holder })
        .update({ progress, updated_at: at });
    },

    /** Deletes run rows started before `cutoff`, except those still marked running. */
    async pruneRuns(cutoff: Date): Promise<number> {
      const deleted = await strapi.db
        .connection(table())
        .where('started_at', '<', cutoff)
        .whereNot('status', 'running')
        .del();
      return Number(deleted);
    },

    /** Deletes leases expired at `at`. */
    async pruneLeases(at: Date): Promise<number> {
      const deleted = await strapi.db
        .connection(jobTables(strapi).leases)
        .where('expires_at', '<=', at)
        .del();
      return Number(deleted);
    },
  };
}
