import type { Core } from '@strapi/strapi';
import { JOB_RUN_STATUSES, type JobRunStatus } from '../../domain/job-period';
import { jobRunsRepository } from '../../repositories/job-runs';
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
 * The job-run rows (minyi_job_runs), one per job and period, as the engine's records
 * (repositories/job-runs.ts holds the statements): the claim cannot let two instances both start
 * a period, and every later write is guarded by this instance's holder id.
 */
export function createJobRunStore(strapi: Core.Strapi, holder: string) {
  const runs = jobRunsRepository(strapi);

  async function find(job: string, period: string): Promise<JobRunRecord | null> {
    const row = await runs.find(job, period);
    return row ? toRecord(row) : null;
  }

  async function findById(id: number): Promise<JobRunRecord | null> {
    const row = await runs.findById(id);
    return row ? toRecord(row) : null;
  }

  async function last(job: string): Promise<JobRunRecord | null> {
    const row = await runs.last(job);
    return row ? toRecord(row) : null;
  }

  /** Marks the period running for this holder: inserts its row, or takes the existing one over. */
  async function claim(job: string, period: string, now: Date): Promise<number> {
    const id = await runs.claim(job, period, { now, at: new Date(), holder, progress: '{}' });
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
    await runs.finish(
      id,
      holder,
      {
        status: fields.status,
        summary: fields.summary,
        progress: jsonText(fields.progress ?? {}, 'progress'),
        error: fields.error,
      },
      new Date()
    );
  }

  async function writeProgress(id: number, progress: Progress): Promise<void> {
    await runs.writeProgress(id, holder, jsonText(progress, 'progress'), new Date());
  }

  return { find, findById, last, claim, finish, writeProgress };
}

export type JobRunStore = ReturnType<typeof createJobRunStore>;
