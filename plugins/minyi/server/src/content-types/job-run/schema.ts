/**
 * One row per job and period (unique index on job + period, jobs/indexes.ts): a job runs once per
 * period, and the row records how it went and how far it has got.
 */
export default {
  kind: 'collectionType',
  collectionName: 'minyi_job_runs',
  info: {
    singularName: 'job-run',
    pluralName: 'job-runs',
    displayName: '任务运行 Job run',
    description: 'One run of a scheduled job for one period',
  },
  options: { draftAndPublish: false },
  pluginOptions: {
    'content-manager': { visible: false },
    'content-type-builder': { visible: false },
  },
  attributes: {
    job: { type: 'string', required: true },
    period: { type: 'string', required: true },
    status: {
      type: 'enumeration',
      enum: ['running', 'succeeded', 'failed'],
      required: true,
      default: 'running',
    },
    startedAt: { type: 'datetime' },
    finishedAt: { type: 'datetime' },
    /** The "now" the run used: the explicit one given to the CLI or admin route, else the clock. */
    now: { type: 'datetime' },
    progress: { type: 'json' },
    summary: { type: 'json' },
    error: { type: 'text' },
    holder: { type: 'string' },
  },
};
