import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  createTask,
  validate as isValidCron,
  type Logger as CronLogger,
  type ScheduledTask,
} from 'node-cron';
import type { JobsConfig } from '../config';
import {
  JOB_RUN_STATUSES,
  PERIOD_KEY_PATTERN,
  type JobRunStatus,
  type PeriodSpec,
  decideRun,
  isLeaseLive,
  isValidJobName,
  leaseRenewalIntervalMs,
  parseInstant,
  periodBounds,
  periodKey,
  periodOf,
  scheduleEnvKey,
} from '../domain/job-period';
import { newHolderId } from '../jobs/holder';
import { LeaseCoordinator } from '../jobs/lease-coordinator';
import { ProgressWriter } from '../jobs/progress';
import { rowsOf } from '../jobs/sql';
import { JOB_RUN_UID, jobTables } from '../jobs/tables';
import type {
  JobContext,
  JobDefinition,
  JobInfo,
  JobRunOptions,
  JobRunRecord,
  JobRunResult,
  LeaseState,
  Progress,
} from '../jobs/types';

/** A cron slot's lease: node-cron names it `<task name>:<slot ISO>`, so the task is called slot:<job>. */
const SLOT_TASK_PREFIX = 'slot:';
/** The lease a run of a job holds, whatever started it: one live run per job across all instances. */
const RUN_LEASE_PREFIX = 'run:';
/** How long stop() waits for runs under way (they are told to abort) before letting shutdown go on. */
const STOP_WAIT_MS = 10_000;

interface RegisteredJob {
  definition: JobDefinition<unknown>;
  spec: PeriodSpec | null;
  periodOf: (now: Date, timezone: string) => string;
  defaultSchedule: string;
  schedule: string;
}

interface ActiveRun {
  abort: AbortController;
  done: Promise<unknown>;
}

export interface JobsOverview {
  /** Whether this instance schedules jobs (MINYI_JOBS_ENABLED) and has started its cron. */
  enabled: boolean;
  started: boolean;
  holder: string;
  timezone: string;
  leaseTtlMs: number;
  jobs: JobInfo[];
}

function messageOf(error: unknown): string {
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
function jsonText(value: unknown, what: string): string {
  try {
    return JSON.stringify(value ?? null) ?? 'null';
  } catch (error) {
    throw new Error(`the job's ${what} cannot be stored as JSON: ${messageOf(error)}`);
  }
}

/**
 * The job registry and runner. Jobs are registered from the plugin's register()/bootstrap()
 * (`strapi.plugin('minyi').service('jobs').register(job)`), scheduled by start() when
 * `jobs.enabled`, and run through run() by cron, the CLI (scripts/job.js) and the admin route
 * alike: one job-run row per job and period, one live run per job across all instances.
 */
const jobs = ({ strapi }: { strapi: Core.Strapi }) => {
  const registry = new Map<string, RegisteredJob>();
  const tasks = new Map<string, ScheduledTask>();
  const active = new Set<ActiveRun>();
  const holder = newHolderId();
  let started = false;
  let sharedCoordinator: LeaseCoordinator | null = null;

  const config = (): JobsConfig => strapi.plugin('minyi').config('jobs') as JobsConfig;
  const timezone = (): string => strapi.plugin('minyi').config('timezone') as string;
  const log = (): Core.Strapi['log'] => strapi.log;

  const cronLogger: CronLogger = {
    info: (message) => log().debug(`[minyi jobs] ${message}`),
    warn: (message) => log().warn(`[minyi jobs] ${message}`),
    error: (message, error) =>
      log().error(`[minyi jobs] ${messageOf(message)}${error ? `: ${messageOf(error)}` : ''}`),
    debug: (message) => log().debug(`[minyi jobs] ${messageOf(message)}`),
  };

  function createCoordinator(
    options: { holder?: string; clock?: () => Date } = {}
  ): LeaseCoordinator {
    const documentIds = strapi.plugin('minyi').service('document-ids') as { create(): string };
    return new LeaseCoordinator({
      knex: strapi.db.connection,
      table: jobTables(strapi).leases,
      holder: options.holder ?? holder,
      newDocumentId: () => documentIds.create(),
      clock: options.clock,
    });
  }

  /** Created on first use: the database is not there yet while plugins register. */
  function coordinator(): LeaseCoordinator {
    sharedCoordinator ??= createCoordinator();
    return sharedCoordinator;
  }

  function requireJob(name: string): RegisteredJob {
    const job = registry.get(name);
    if (!job) {
      const known = [...registry.keys()].sort().join(', ') || '(none)';
      throw new errors.ValidationError(
        `未知任务 "${name}" / unknown job "${name}"; 已登记的任务 / known jobs: ${known}`
      );
    }
    return job;
  }

  function scheduleTask(job: RegisteredJob): void {
    const name = job.definition.name;
    const task = createTask(
      job.schedule,
      async ({ date }) => {
        try {
          const result = await run(name, { now: date, trigger: 'schedule' });
          if (result.outcome === 'failed')
            log().error(`[minyi jobs] ${name} ${result.period} failed: ${result.error}`);
        } catch (error) {
          log().error(`[minyi jobs] ${name}: ${messageOf(error)}`);
        }
      },
      {
        name: `${SLOT_TASK_PREFIX}${name}`,
        timezone: timezone(),
        distributed: true,
        runCoordinator: coordinator(),
        distributedLease: config().leaseTtlMs,
        noOverlap: true,
        logger: cronLogger,
      }
    );
    tasks.set(name, task);
    void task.start();
  }

  async function findRun(job: string, period: string): Promise<JobRunRecord | null> {
    const row = (await strapi.db.query(JOB_RUN_UID).findOne({ where: { job, period } })) as Record<
      string,
      unknown
    > | null;
    return row ? toRecord(row) : null;
  }

  async function findRunById(id: number): Promise<JobRunRecord | null> {
    const row = (await strapi.db.query(JOB_RUN_UID).findOne({ where: { id } })) as Record<
      string,
      unknown
    > | null;
    return row ? toRecord(row) : null;
  }

  async function lastRun(job: string): Promise<JobRunRecord | null> {
    const rows = (await strapi.db.query(JOB_RUN_UID).findMany({
      where: { job },
      orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
      limit: 1,
    })) as Array<Record<string, unknown>>;
    return rows.length > 0 ? toRecord(rows[0]) : null;
  }

  async function liveLease(key: string): Promise<LeaseState | null> {
    const lease = await coordinator().read(key);
    return lease && isLeaseLive(lease.expiresAt, new Date())
      ? { name: key, holder: lease.holder, expiresAt: lease.expiresAt.toISOString() }
      : null;
  }

  /** Marks the period running for this holder: inserts its row, or takes the existing one over. */
  async function claimRow(job: string, period: string, now: Date): Promise<number> {
    const runsTable = jobTables(strapi).runs;
    const documentIds = strapi.plugin('minyi').service('document-ids') as { create(): string };
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
      [runsTable, documentIds.create(), job, period, at, now, '{}', holder, at, at, at]
    );
    const id = rowsOf(result)[0]?.id;
    if (id === undefined) throw new Error(`could not record the run of ${job} for ${period}`);
    return Number(id);
  }

  async function finishRow(
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

  /** Resolves and checks a run request; bad input is a ValidationError (HTTP 400). */
  function resolveRequest(
    job: RegisteredJob,
    options: JobRunOptions
  ): { now: Date; period: string; force: boolean } {
    const zone = timezone();
    let now: Date;
    if (options.now === undefined || options.now === null) {
      now = new Date();
    } else if (options.now instanceof Date) {
      if (Number.isNaN(options.now.getTime()))
        throw new errors.ValidationError('now 不是有效时间 / now is an invalid date');
      now = options.now;
    } else if (typeof options.now === 'string') {
      const parsed = parseInstant(options.now, zone);
      if (!parsed) {
        throw new errors.ValidationError(
          `now "${options.now}" 不是有效的 ISO 8601 时间 / is not an ISO 8601 date-time (e.g. 2026-12-01T09:00:00+08:00; without an offset it is read in ${zone})`
        );
      }
      now = parsed;
    } else {
      throw new errors.ValidationError(
        'now 须为 ISO 8601 时间字符串 / now must be an ISO 8601 date-time string'
      );
    }

    let period: string;
    if (options.period === undefined || options.period === null) {
      period = job.periodOf(now, zone);
    } else {
      if (typeof options.period !== 'string' || !PERIOD_KEY_PATTERN.test(options.period)) {
        throw new errors.ValidationError(
          `period "${String(options.period)}" 不是有效的周期 / is not a period key (letters, digits and : . _ + -, at most 64)`
        );
      }
      if (job.spec && !periodBounds(options.period, zone, job.spec)) {
        const example = periodKey(now, zone, job.spec);
        throw new errors.ValidationError(
          `period "${options.period}" 不是任务 ${job.definition.name} 的周期 / is not a ${job.spec.unit} period of job ${job.definition.name} (e.g. "${example}")`
        );
      }
      period = options.period;
    }

    if (options.force !== undefined && typeof options.force !== 'boolean') {
      throw new errors.ValidationError('force 须为 true 或 false / force must be true or false');
    }
    return { now, period, force: options.force === true };
  }

  async function execute(
    job: RegisteredJob,
    request: { now: Date; period: string; force: boolean },
    options: JobRunOptions
  ): Promise<JobRunResult> {
    const name = job.definition.name;
    const { now, period, force } = request;
    const base = { job: name, period, now: now.toISOString() };
    const ttl = config().leaseTtlMs;
    const leaseKey = `${RUN_LEASE_PREFIX}${name}`;
    const leases = coordinator();

    if (!(await leases.acquire(leaseKey, ttl))) {
      const lease = await liveLease(leaseKey);
      return {
        ...base,
        outcome: 'skipped',
        reason: 'busy',
        run: await findRun(name, period),
        lease,
        message: `任务 ${name} 正在运行 / job ${name} is running${lease ? ` on ${lease.holder} (lease until ${lease.expiresAt})` : ''}; try again when it has finished`,
      };
    }

    const abort = new AbortController();
    let heartbeat: NodeJS.Timeout | undefined;
    let finished!: () => void;
    const entry: ActiveRun = { abort, done: new Promise<void>((resolve) => (finished = resolve)) };
    active.add(entry);
    try {
      const existing = await findRun(name, period);
      const decision = decideRun(existing?.status ?? null, force);
      if (!decision.start) {
        return {
          ...base,
          outcome: 'skipped',
          reason: decision.reason,
          run: existing,
          lease: null,
          message: `任务 ${name} 周期 ${period} 已成功运行 / job ${name} already succeeded for period ${period}${existing?.finishedAt ? ` at ${existing.finishedAt}` : ''}; use force to run it again`,
        };
      }

      const runId = await claimRow(name, period, now);
      heartbeat = setInterval(() => {
        leases.renew(leaseKey, ttl).then(
          (kept) => {
            if (!kept && !abort.signal.aborted) {
              log().warn(`[minyi jobs] ${name} ${period}: lost its lease; telling the run to stop`);
              abort.abort(new Error(`job ${name} lost its lease`));
            }
          },
          (error: unknown) =>
            log().warn(`[minyi jobs] ${name}: could not renew its lease: ${messageOf(error)}`)
        );
      }, leaseRenewalIntervalMs(ttl));
      heartbeat.unref();

      const runsTable = jobTables(strapi).runs;
      const progress = new ProgressWriter(
        async (value) => {
          await strapi.db
            .connection(runsTable)
            .where({ id: runId, holder })
            .update({ progress: jsonText(value, 'progress'), updated_at: new Date() });
        },
        (error) => log().warn(`[minyi jobs] ${name} progress: ${messageOf(error)}`),
        options.onProgress
      );
      const context: JobContext = {
        strapi,
        now,
        period,
        timezone: timezone(),
        force,
        trigger: options.trigger ?? 'manual',
        signal: abort.signal,
        reportProgress: (value) => progress.report(value),
      };

      const startedAt = Date.now();
      try {
        const summary = await job.definition.run(context);
        const summaryText = jsonText(summary, 'summary');
        await progress.close();
        await finishRow(runId, {
          status: 'succeeded',
          summary: summaryText,
          progress: progress.current,
          error: null,
        });
        log().info(`[minyi jobs] ${name} ${period} succeeded in ${Date.now() - startedAt} ms`);
        return {
          ...base,
          outcome: 'succeeded',
          run: await findRunById(runId),
          summary: JSON.parse(summaryText) as unknown,
        };
      } catch (error) {
        const message = messageOf(error);
        await progress.close();
        await finishRow(runId, {
          status: 'failed',
          summary: 'null',
          progress: progress.current,
          error: message,
        });
        log().error(
          `[minyi jobs] ${name} ${period} failed after ${Date.now() - startedAt} ms: ${message}`
        );
        return { ...base, outcome: 'failed', run: await findRunById(runId), error: message };
      }
    } finally {
      if (heartbeat) clearInterval(heartbeat);
      active.delete(entry);
      finished();
      await leases
        .release(leaseKey)
        .catch((error: unknown) =>
          log().warn(`[minyi jobs] ${name}: could not release its lease: ${messageOf(error)}`)
        );
    }
  }

  async function run(name: string, options: JobRunOptions = {}): Promise<JobRunResult> {
    const job = requireJob(name);
    return execute(job, resolveRequest(job, options), options);
  }

  return {
    /** This instance's id in the lease and job-run tables. */
    holder,

    /**
     * Adds a job. Call it from a plugin's register() or bootstrap(); after start() the job is
     * scheduled at once. Throws on a bad name, a duplicate, a bad period spec or a bad schedule.
     */
    register<Summary>(definition: JobDefinition<Summary>): void {
      const { name } = definition;
      if (typeof name !== 'string' || !isValidJobName(name)) {
        throw new Error(
          `job name "${String(name)}" must be kebab-case (a-z, 0-9, single hyphens), at most 64 characters`
        );
      }
      if (registry.has(name)) throw new Error(`job "${name}" is already registered`);
      if (typeof definition.run !== 'function')
        throw new Error(`job "${name}" has no run function`);
      const spec = typeof definition.period === 'function' ? null : definition.period;
      const periodFn =
        typeof definition.period === 'function' ? definition.period : periodOf(definition.period);
      const override = config().schedules[name];
      const schedule = override ?? definition.schedule;
      if (typeof schedule !== 'string' || !isValidCron(schedule)) {
        const source = override
          ? `jobs.schedules.${name} / ${scheduleEnvKey(name)}`
          : 'its definition';
        throw new Error(
          `job "${name}": schedule "${String(schedule)}" (from ${source}) is not a valid cron expression`
        );
      }
      const job: RegisteredJob = {
        definition: definition as JobDefinition<unknown>,
        spec,
        periodOf: periodFn,
        defaultSchedule: definition.schedule,
        schedule,
      };
      registry.set(name, job);
      if (started) scheduleTask(job);
    },

    names(): string[] {
      return [...registry.keys()].sort();
    },

    /** Each registered job's name, description and default schedule (the settings page). */
    definitions(): Array<{ name: string; description: string | null; defaultSchedule: string }> {
      return [...registry.values()]
        .map((job) => ({
          name: job.definition.name,
          description: job.definition.description ?? null,
          defaultSchedule: job.defaultSchedule,
        }))
        .sort((a, b) => a.name.localeCompare(b.name));
    },

    has(name: string): boolean {
      return registry.has(name);
    },

    /**
     * Runs a job now for one period through its job-run row: a period that succeeded is skipped
     * unless `force`; a job whose lease a live run holds (here or on another instance) is skipped
     * as busy. Unknown job or bad now / period → errors.ValidationError. A job that throws gives
     * outcome 'failed' (the row keeps the error); run() itself does not throw for it.
     */
    run,

    /** Schedules every registered job when `jobs.enabled`; a no-op otherwise or when started. */
    start(): void {
      if (started) return;
      if (!config().enabled) {
        log().info('[minyi jobs] scheduling is off on this instance (MINYI_JOBS_ENABLED=false)');
        return;
      }
      started = true;
      for (const name of Object.keys(config().schedules)) {
        if (!registry.has(name)) {
          log().warn(
            `[minyi jobs] a schedule is set for "${name}" (${scheduleEnvKey(name)}) but no job of that name is registered (yet): check the name`
          );
        }
      }
      for (const job of registry.values()) scheduleTask(job);
      log().info(`[minyi jobs] scheduled ${registry.size} job(s) in ${timezone()} as ${holder}`);
    },

    /**
     * Takes the schedules and the time zone from the plugin configuration again (the settings
     * changed them, services/settings.ts) and, when this instance schedules, replaces its cron
     * tasks. Runs under way go on; a schedule cron cannot read keeps the job's default.
     */
    async reschedule(): Promise<void> {
      for (const job of registry.values()) {
        const override = config().schedules[job.definition.name];
        if (override !== undefined && !isValidCron(override)) {
          log().warn(
            `[minyi jobs] ${job.definition.name}: schedule "${override}" is not a valid cron expression; keeping ${job.defaultSchedule}`
          );
        }
        job.schedule =
          override !== undefined && isValidCron(override) ? override : job.defaultSchedule;
      }
      if (!started) return;
      const replaced = [...tasks.values()];
      tasks.clear();
      await Promise.all(replaced.map((task) => task.destroy()));
      if (!started) return; // stopped while the old tasks were going
      for (const job of registry.values()) scheduleTask(job);
      log().info(`[minyi jobs] rescheduled ${registry.size} job(s) in ${timezone()}`);
    },

    /** Unschedules every job, tells runs under way to stop, and waits for them (at most 10 s). */
    async stop(): Promise<void> {
      started = false;
      const stopping = [...tasks.values()];
      tasks.clear();
      await Promise.all(stopping.map((task) => task.destroy()));
      if (active.size === 0) return;
      for (const entry of active) entry.abort.abort(new Error('the app is shutting down'));
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...active].map((entry) => entry.done)),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, STOP_WAIT_MS);
          timer.unref();
        }),
      ]);
      if (timer) clearTimeout(timer);
    },

    /** Registered jobs with their schedules, last run and live lease: the admin list. */
    async describe(): Promise<JobsOverview> {
      const zone = timezone();
      const list: JobInfo[] = [];
      for (const name of [...registry.keys()].sort()) {
        const job = registry.get(name) as RegisteredJob;
        const task = tasks.get(name);
        const next = task ? task.getNextRun() : null;
        list.push({
          name,
          description: job.definition.description ?? null,
          schedule: job.schedule,
          defaultSchedule: job.defaultSchedule,
          scheduleEnv: scheduleEnvKey(name),
          timezone: zone,
          scheduled: task !== undefined,
          nextRunAt: next ? next.toISOString() : null,
          lastRun: await lastRun(name),
          lease: await liveLease(`${RUN_LEASE_PREFIX}${name}`),
        });
      }
      const { enabled, leaseTtlMs } = config();
      return { enabled, started, holder, timezone: zone, leaseTtlMs, jobs: list };
    },

    /** The job-run row of one job and period. */
    findRun,

    /**
     * A lease coordinator on the app's lease table: node-cron's RunCoordinator, plus acquire /
     * renew / release / read. Another `holder` acts as another instance (tests do this).
     */
    createCoordinator,
  };
};

export type JobsService = ReturnType<typeof jobs>;

/** The jobs service, typed (Strapi's service() is untyped). */
export function jobsService(strapi: Core.Strapi): JobsService {
  return strapi.plugin('minyi').service('jobs') as JobsService;
}

export default jobs;
