import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { resolveRunRequest, scheduleEnvKey } from '../../domain/job-period';
import { newDocumentId } from '../../repositories/document-ids';
import { minyiConfig } from '../../plugin';
import { newHolderId } from './holder';
import { createJobRunStore } from './job-run-store';
import { LeaseCoordinator } from './lease-coordinator';
import { createJobRegistry } from './registry';
import { createJobRunner, RUN_LEASE_PREFIX } from './runner';
import { createJobScheduler } from './scheduler';
import { jobLeaseTable } from '../../repositories/job-runs';
import type { JobDefinition, JobInfo, JobRunOptions, JobRunResult } from './types';

export interface JobsOverview {
  /** Whether this instance schedules jobs (MINYI_JOBS_ENABLED) and has started its cron. */
  enabled: boolean;
  started: boolean;
  holder: string;
  timezone: string;
  leaseTtlMs: number;
  jobs: JobInfo[];
}

/**
 * The job engine as the plugin's `jobs` service: the registry (registry.ts), the cron
 * (scheduler.ts), the runner (runner.ts) and the job-run rows (job-run-store.ts). Jobs are
 * registered from a plugin's register()/bootstrap() (`minyiService(strapi, 'jobs').register(job)`),
 * scheduled by start() when `jobs.enabled`, and run through run() by cron, the CLI (scripts/job.js)
 * and the admin route alike: one job-run row per job and period, one live run per job across all
 * instances.
 */
const jobs = ({ strapi }: { strapi: Core.Strapi }) => {
  const holder = newHolderId();
  let started = false;
  let sharedCoordinator: LeaseCoordinator | null = null;

  const config = () => minyiConfig(strapi).jobs;
  const timezone = () => minyiConfig(strapi).timezone;
  const leaseTtlMs = () => config().leaseTtlMs;
  const log = (): Core.Strapi['log'] => strapi.log;

  function createCoordinator(
    options: { holder?: string; clock?: () => Date } = {}
  ): LeaseCoordinator {
    return new LeaseCoordinator({
      ...jobLeaseTable(strapi),
      holder: options.holder ?? holder,
      newDocumentId,
      clock: options.clock,
    });
  }

  /** Created on first use: the database is not there yet while plugins register. */
  function coordinator(): LeaseCoordinator {
    sharedCoordinator ??= createCoordinator();
    return sharedCoordinator;
  }

  const registry = createJobRegistry(() => config().schedules);
  const store = createJobRunStore(strapi, holder);
  const runner = createJobRunner({ strapi, log, timezone, leaseTtlMs, coordinator, store });
  const scheduler = createJobScheduler({ log, timezone, leaseTtlMs, coordinator, run });

  /**
   * Runs a job now for one period through its job-run row: a period that succeeded is skipped
   * unless `force`; a job whose lease a live run holds (here or on another instance) is skipped
   * as busy. Unknown job or a bad request (resolveRunRequest) → errors.ValidationError. A job
   * that throws gives outcome 'failed' (the row keeps the error); run() itself does not throw for it.
   */
  async function run(name: string, options: JobRunOptions = {}): Promise<JobRunResult> {
    const { trigger, onProgress, ...request } = options;
    return runRequest(name, request, { trigger, onProgress });
  }

  /** run() for a request as it arrived (the admin route's JSON body): checked once, here. */
  async function runRequest(
    name: string,
    request: unknown,
    how: Pick<JobRunOptions, 'trigger' | 'onProgress'> = {}
  ): Promise<JobRunResult> {
    const job = registry.require(name);
    const resolved = resolveRunRequest(request, job, timezone(), new Date());
    if (!resolved.ok)
      throw new errors.ValidationError(`${resolved.reason.zh} / ${resolved.reason.en}`);
    return runner.execute(job, resolved.value, how);
  }

  return {
    /** This instance's id in the lease and job-run tables. */
    holder,

    /**
     * Adds a job. Call it from a plugin's register() or bootstrap(); after start() the job is
     * scheduled at once. Throws on a bad name, a duplicate, a bad period spec or a bad schedule.
     */
    register<Summary>(definition: JobDefinition<Summary>): void {
      const job = registry.add(definition);
      if (started) scheduler.schedule(job);
    },

    names: (): string[] => registry.names(),

    /** Each registered job's name, description and default schedule (the settings page). */
    definitions(): Array<{ name: string; description: string | null; defaultSchedule: string }> {
      return registry.all().map((job) => ({
        name: job.name,
        description: job.definition.description ?? null,
        defaultSchedule: job.defaultSchedule,
      }));
    },

    /**
     * Takes the schedules and the time zone from the plugin configuration again (the settings
     * changed them, services/system/settings.ts) and, when this instance schedules, replaces its
     * cron tasks. Runs under way go on; a schedule cron cannot read keeps the job's default.
     */
    async reschedule(): Promise<void> {
      registry.applySchedules((name, schedule) =>
        log().warn(
          `[minyi jobs] ${name}: schedule "${schedule}" is not a valid cron expression; keeping the default`
        )
      );
      if (!started) return;
      await scheduler.unscheduleAll();
      if (!started) return; // stopped while the old tasks were going
      for (const job of registry.all()) scheduler.schedule(job);
      log().info(`[minyi jobs] rescheduled ${registry.size} job(s) in ${timezone()}`);
    },
    has: (name: string): boolean => registry.has(name),
    run,
    runRequest,

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
      for (const job of registry.all()) scheduler.schedule(job);
      log().info(`[minyi jobs] scheduled ${registry.size} job(s) in ${timezone()} as ${holder}`);
    },

    /** Unschedules every job, tells runs under way to stop, and waits for them (at most 10 s). */
    async stop(): Promise<void> {
      started = false;
      await scheduler.unscheduleAll();
      await runner.stopAll();
    },

    /** Registered jobs with their schedules, last run and live lease: the admin list. */
    async describe(): Promise<JobsOverview> {
      const zone = timezone();
      const list: JobInfo[] = [];
      for (const job of registry.all()) {
        const { name } = job;
        const next = scheduler.nextRunAt(name);
        list.push({
          name,
          description: job.definition.description ?? null,
          schedule: job.schedule,
          defaultSchedule: job.defaultSchedule,
          scheduleEnv: scheduleEnvKey(name),
          timezone: zone,
          scheduled: scheduler.isScheduled(name),
          nextRunAt: next ? next.toISOString() : null,
          lastRun: await store.last(name),
          lease: await runner.liveLease(`${RUN_LEASE_PREFIX}${name}`),
        });
      }
      const { enabled } = config();
      return { enabled, started, holder, timezone: zone, leaseTtlMs: leaseTtlMs(), jobs: list };
    },

    /** The job-run row of one job and period. */
    findRun: store.find,

    /**
     * A lease coordinator on the app's lease table: node-cron's RunCoordinator, plus acquire /
     * renew / release / read. Another `holder` acts as another instance (tests do this).
     */
    createCoordinator,
  };
};

export type JobsService = ReturnType<typeof jobs>;

export default jobs;
