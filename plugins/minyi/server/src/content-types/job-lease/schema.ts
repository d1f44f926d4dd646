/**
 * One row per lease: a cron slot ("slot:escalation:2026-12-01T01:05:00.000Z") or a job's run
 * ("run:escalation"). Written only by set-based SQL in jobs/lease-coordinator.ts; the unique index
 * on name (jobs/indexes.ts) is what makes acquiring a lease one atomic statement.
 */
export default {
  kind: 'collectionType',
  collectionName: 'minyi_job_leases',
  info: {
    singularName: 'job-lease',
    pluralName: 'job-leases',
    displayName: '任务租约 Job lease',
    description: 'Which instance holds a scheduled job, until when',
  },
  options: { draftAndPublish: false },
  pluginOptions: {
    'content-manager': { visible: false },
    'content-type-builder': { visible: false },
  },
  attributes: {
    name: { type: 'string', required: true, unique: true },
    holder: { type: 'string', required: true },
    expiresAt: { type: 'datetime', required: true },
  },
};
