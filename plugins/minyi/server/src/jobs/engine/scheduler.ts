import type { Core } from '@strapi/strapi';
import { createTask, type Logger as CronLogger, type ScheduledTask } from 'node-cron';
import { messageOf } from './job-run-store';
import type { LeaseCoordinator } from './lease-coordinator';
import type { RegisteredJob } from './registry';
import type { JobRunOptions, JobRunResult } from './types';

/** A cron slot's lease: node-cron names it `<task name>:<slot ISO>`, so the task is called slot:<job>. */
const SLOT_TASK_PREFIX = 'slot:';

/**
 * How late a slot may still run. node-cron's default (1 s) drops a slot whose timer fired a second
 * late — a busy loop on a shared machine, a long synchronous SQLite statement — and for a monthly
 * job that is a month lost. A late slot runs once, never past the next slot (node-cron's rule); the
 * period key of the job-run row makes any second run of one period a no-op.
 */
const LATE_SLOT_TOLERANCE_MS = 60 * 60_000;

interface SchedulerDeps {
  log: () => Core.Strapi['log'];
  timezone: () => string;
  leaseTtlMs: () => number;
  coordinator: () => LeaseCoordinator;
  run: (name: string, options: JobRunOptions) => Promise<JobRunResult>;
}

/**
 * Puts jobs on node-cron, one task per job. Each slot is elected through the lease table
 * (node-cron's distributed mode with our RunCoordinator), so one instance runs it.
 */
export function createJobScheduler(deps: SchedulerDeps) {
  const tasks = new Map<string, ScheduledTask>();
  const { log } = deps;

  const cronLogger: CronLogger = {
    info: (message) => log().debug(`[minyi jobs] ${message}`),
    warn: (message) => log().warn(`[minyi jobs] ${message}`),
    error: (message, error) =>
      log().error(`[minyi jobs] ${messageOf(message)}${error ? `: ${messageOf(error)}` : ''}`),
    debug: (message) => log().debug(`[minyi jobs] ${messageOf(message)}`),
  };

  return {
    schedule(job: RegisteredJob): void {
      const name = job.definition.name;
      const task = createTask(
        job.schedule,
        async ({ date }) => {
          try {
            const result = await deps.run(name, { now: date, trigger: 'schedule' });
            if (result.outcome === 'failed')
              log().error(`[minyi jobs] ${name} ${result.period} failed: ${result.error}`);
          } catch (error) {
            log().error(`[minyi jobs] ${name}: ${messageOf(error)}`);
          }
        },
        {
          name: `${SLOT_TASK_PREFIX}${name}`,
          timezone: deps.timezone(),
          distributed: true,
          runCoordinator: deps.coordinator(),
          distributedLease: deps.leaseTtlMs(),
          noOverlap: true,
          missedExecutionTolerance: LATE_SLOT_TOLERANCE_MS,
          logger: cronLogger,
        }
      );
      tasks.set(name, task);
      void task.start();
    },

    isScheduled: (name: string): boolean => tasks.has(name),

    nextRunAt(name: string): Date | null {
      return tasks.get(name)?.getNextRun() ?? null;
    },

    /** Takes every job off the cron. */
    async unscheduleAll(): Promise<void> {
      const stopping = [...tasks.values()];
      tasks.clear();
      await Promise.all(stopping.map((task) => task.destroy()));
    },
  };
}
