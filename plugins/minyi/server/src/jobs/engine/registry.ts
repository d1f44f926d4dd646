import { errors } from '@strapi/utils';
import { validate as isValidCron } from 'node-cron';
import {
  type PeriodSpec,
  type RunnableJob,
  isValidJobName,
  periodOf,
  scheduleEnvKey,
} from '../../domain/job-period';
import type { JobDefinition } from './types';

export interface RegisteredJob extends RunnableJob {
  definition: JobDefinition<unknown>;
  spec: PeriodSpec | null;
  defaultSchedule: string;
  /** The schedule in force: the configured override (MINYI_JOB_<NAME>_CRON) or the definition's. */
  schedule: string;
}

/** The jobs known to this instance, checked as they register. */
export function createJobRegistry(schedules: () => Record<string, string>) {
  const jobs = new Map<string, RegisteredJob>();

  return {
    /** Throws on a bad name, a duplicate, a missing run function or a bad schedule. */
    add<Summary>(definition: JobDefinition<Summary>): RegisteredJob {
      const { name } = definition;
      if (typeof name !== 'string' || !isValidJobName(name)) {
        throw new Error(
          `job name "${String(name)}" must be kebab-case (a-z, 0-9, single hyphens), at most 64 characters`
        );
      }
      if (jobs.has(name)) throw new Error(`job "${name}" is already registered`);
      if (typeof definition.run !== 'function')
        throw new Error(`job "${name}" has no run function`);
      const override = schedules()[name];
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
        name,
        definition: definition as JobDefinition<unknown>,
        spec: typeof definition.period === 'function' ? null : definition.period,
        periodOf:
          typeof definition.period === 'function' ? definition.period : periodOf(definition.period),
        defaultSchedule: definition.schedule,
        schedule,
      };
      jobs.set(name, job);
      return job;
    },

    /** The job of that name; an unknown name is a ValidationError (HTTP 400) listing the known ones. */
    require(name: string): RegisteredJob {
      const job = jobs.get(name);
      if (!job) {
        const known = [...jobs.keys()].sort().join(', ') || '(none)';
        throw new errors.ValidationError(
          `未知任务 "${name}" / unknown job "${name}"; 已登记的任务 / known jobs: ${known}`
        );
      }
      return job;
    },

    has: (name: string): boolean => jobs.has(name),
    names: (): string[] => [...jobs.keys()].sort(),
    /** Registered jobs in name order. */
    all: (): RegisteredJob[] =>
      [...jobs.keys()].sort().map((name) => jobs.get(name) as RegisteredJob),
    get size(): number {
      return jobs.size;
    },
  };
}

export type JobRegistry = ReturnType<typeof createJobRegistry>;
