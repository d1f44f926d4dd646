import type { Core } from '@strapi/strapi';
import type { JobRunStatus, PeriodSpec } from '../../domain/job-period';

export type Knex = Core.Strapi['db']['connection'];

/** JSON-shaped data a job reports as progress. */
export type Progress = Record<string, unknown>;

/** Who asked for a run. Recorded in the log; the job may use it (e.g. to be chattier on the CLI). */
export type JobTrigger = 'schedule' | 'cli' | 'admin' | 'manual';

export interface JobContext {
  strapi: Core.Strapi;
  /** The run's "now": the explicit one given to the CLI / admin route, the cron slot, or the clock. */
  now: Date;
  /** The period this run is for (the job-run row's key together with the job's name). */
  period: string;
  /** The county's IANA zone (plugin config `timezone`). */
  timezone: string;
  /** True when the run was forced over a succeeded run of the same period. */
  force: boolean;
  trigger: JobTrigger;
  /** Aborted when the app shuts down or the run lost its lease: a long job should stop early. */
  signal: AbortSignal;
  /**
   * Replaces the run's progress (stored on the job-run row at most once a second, and handed to
   * the CLI or any `onProgress` listener at once). Never throws; never blocks.
   */
  reportProgress(progress: Progress): void;
}

/**
 * A scheduled job. Register it with `minyiService(strapi, 'jobs').register(definition)`
 * from the plugin's register() or bootstrap(); see `defineJob`.
 */
export interface JobDefinition<Summary = unknown> {
  /** kebab-case, unique: 'escalation', 'outbox', 'job-runs-prune'. */
  name: string;
  description?: string;
  /**
   * Default cron expression (5 fields, or 6 with seconds first), in the county's zone. Overridden
   * by plugin config `jobs.schedules.<name>`, which config/plugins.ts fills from MINYI_JOB_<NAME>_CRON.
   */
  schedule: string;
  /** What "once" means: a period spec (keys like '2026-12-01T09:05', '2026-W49', '2026-11') or a function. */
  period: PeriodSpec | ((now: Date, timezone: string) => string);
  /** Does the work; its result (JSON-serialisable) is stored as the run's summary. */
  run(ctx: JobContext): Promise<Summary> | Summary;
}

/** Identity helper that keeps a job's summary type: `export default defineJob({ … })`. */
export function defineJob<Summary>(definition: JobDefinition<Summary>): JobDefinition<Summary> {
  return definition;
}

export interface JobRunOptions {
  /** Explicit now: a Date, or ISO 8601 text (no offset = county local time). Default: the clock. */
  now?: Date | string;
  /** Explicit period key. Default: the job's period of `now`. */
  period?: string;
  /** Run again although this period already succeeded. Never overrides a live run. */
  force?: boolean;
  trigger?: JobTrigger;
  /** Called synchronously with every reportProgress (the CLI prints it). */
  onProgress?: (progress: Progress) => void;
}

/** A job-run row as the API shows it (dates as ISO strings). */
export interface JobRunRecord {
  id: number;
  job: string;
  period: string;
  status: JobRunStatus;
  startedAt: string | null;
  finishedAt: string | null;
  now: string | null;
  progress: Progress | null;
  summary: unknown;
  error: string | null;
  holder: string | null;
}

export interface LeaseState {
  name: string;
  holder: string;
  expiresAt: string;
}

export type JobRunResult =
  | {
      outcome: 'succeeded';
      job: string;
      period: string;
      now: string;
      run: JobRunRecord | null;
      summary: unknown;
    }
  | {
      outcome: 'failed';
      job: string;
      period: string;
      now: string;
      run: JobRunRecord | null;
      error: string;
    }
  | {
      outcome: 'skipped';
      job: string;
      period: string;
      now: string;
      /** already-succeeded: this period is done (use force); busy: a live run of this job holds its lease. */
      reason: 'already-succeeded' | 'busy';
      run: JobRunRecord | null;
      lease: LeaseState | null;
      message: string;
    };

export interface JobInfo {
  name: string;
  description: string | null;
  /** The schedule in force, and where it came from. */
  schedule: string;
  defaultSchedule: string;
  scheduleEnv: string;
  timezone: string;
  /** True while this instance has the job on its cron (jobs enabled and started). */
  scheduled: boolean;
  nextRunAt: string | null;
  lastRun: JobRunRecord | null;
  /** The job's run lease while a run holds it (on any instance). */
  lease: LeaseState | null;
}
