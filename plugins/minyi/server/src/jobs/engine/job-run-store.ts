import type { Core } from '@strapi/strapi';
import { JOB_RUN_STATUSES, type JobRunStatus } from '../../domain/job-period';
import { newDocumentId } from '../../repositories/document-ids';
import { rowsOf } from '../../repositories/sql-rows';
import { JOB_RUN_UID, jobTables } from '../../repositories/job-runs';
import type { JobRunRecord, Progress } from './types';

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isJobRunStatus(value: unknown): value is JobRunStatus {
  return typeof value === 'string' && (JOB_RUN_STATUSES as readonly string[]).includes(value);
}

function isoOrNull(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** A row as Strapi's query engine returns it (camelCase, dates as ISO text, JSON parsed). */
function toRecord(row: Record<string, unknown>): JobRunRecord {
  const progress = row.progress;
  return {
    id: Number(row.id),
    job: String(row.job),
    period: String(row.period),
    status: isJobRunStatus(row.status) ? row.status : 'failed',
    startedAt: isoOrNull(row.startedAt),
    finishedAt: isoOrNull(row.finishedAt),
    now: isoOrNull(row.now),
    progress:
      progress && typeof progress === 'object' && !Array.isArray(progress)
        ? (progress as Progress)
        : null,
    summary: row.summary ?? null,
    error: typeof row.error === 'string' ? row.error : null,
    holder: typeof row.holder === 'string' ? row.holder : null,
  };
}

/** JSON text for a json column; a value JSON cannot carry is a job bug, reported as such. */
export function jsonText(value: unknown, what: string): string {
  try {
    return JSON.stringify(value ?? null) ?? 'null';
  } catch (error) {
    throw new Error(`the job's ${what} cannot be stored as JSON: ${messageOf(error)}`, {
      cause: error,
    });
  }
}

/**
 * The job-run rows (minyi_job_runs): one per job and period. Reads go through Strapi's query
 * engine; the claim is one INSERT … ON CONFLICT so that two instances cannot both start a period,
 * and every later write is guarded by this instance's holder id.
 */
export function createJobRunStore(strapi: Core.Strapi, holder: string) {
  const runs = () => strapi.db.query(JOB_RUN_UID);

  async function find(job: string, period: string): Promise<JobRunRecord | null> {
    const row = (await runs().findOne({ where: { job, period } })) as Record<
      string,
      unknown
    > | null;
    return row ? toRecord(row) : null;
  }

  async function findById(id: number): Promise<JobRunRecord | null> {
    const row = (await runs().findOne({ where: { id } })) as Record<string, unknown> | null;
    return row ? toRecord(row) : null;
  }

  async function last(job: string): Promise<JobRunRecord | null> {
    const rows = (await runs().findMany({
      where: { job },
      orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
      limit: 1,
    })) as Array<Record<string, unknown>>;
    return rows.length > 0 ? toRecord(rows[0]) : null;
  }

  /** Marks the period running for this holder: inserts its row, or takes the existing one over. */
  async function claim(job: string, period: string, now: Date): Promise<number> {
    const at = new Date();
    const result: unknown = await strapi.db.connection.raw(
      `INSERT INTO ?? ("document_id", "job", "period", "status", "started_at", "finished_at", "now", "progress", "summary",
                       "error", "holder", "created_at", "updated_at", "published_at")
       VALUES (?, ?, ?, 'running', ?, NULL, ?, ?, NULL, NULL, ?, ?, ?, ?)
       ON CONFLICT ("job", "period") DO UPDATE
         SET "status" = excluded."status", "started_at" = excluded."started_at", "finished_at" = NULL,
             "now" = excluded."now", "progress" = excluded."progress", "summary" = NULL, "error" = NULL,
             "holder" = excluded."holder", "updated_at" = excluded."updated_at"
       RETURNING "id"`,
      [jobTables(strapi).runs, newDocumentId(), job, period, at, now, '{}', holder, at, at, at]
    );
    const id = rowsOf(result)[0]?.id;
    if (id === undefined) throw new Error(`could not record the run of ${job} for ${period}`);
    return Number(id);
  }

  async function finish(
    id: number,
    fields: {
      status: 'succeeded' | 'failed';
      summary: string;
      progress: Progress | null;
      error: string | null;
    }
  ): Promise<void> {
    const at = new Date();
    await strapi.db
      .connection(jobTables(strapi).runs)
      .where({ id, holder })
      .update({
        status: fields.status,
        finished_at: at,
        summary: fields.summary,
        progress: jsonText(fields.progress ?? {}, 'progress'),
        error: fields.error,
        updated_at: at,
      });
  }

  async function writeProgress(id: number, progress: Progress): Promise<void> {
    await strapi.db
      .connection(jobTables(strapi).runs)
      .where({ id, holder })
      .update({ progress: jsonText(progress, 'progress'), updated_at: new Date() });
  }

  return { find, findById, last, claim, finish, writeProgress };
}

export type JobRunStore = ReturnType<typeof createJobRunStore>;
