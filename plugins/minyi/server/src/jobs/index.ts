/**
 * The job engine (engine/: registry, scheduler, runner, job-run store, leases) and the plugin's
 * own job definitions (definitions/). Definitions reach services through the typed getter; the
 * engine depends on neither.
 */
export { defineJob } from './engine/types';
export type {
  JobContext,
  JobDefinition,
  JobInfo,
  JobRunOptions,
  JobRunRecord,
  JobRunResult,
  JobTrigger,
  Progress,
} from './engine/types';
export type { JobsService, JobsOverview } from './engine/jobs-service';
export { LeaseCoordinator } from './engine/lease-coordinator';
export { BUILT_IN_JOBS } from './definitions';
