import { requirePermissions } from './policies';

/** The job runner for administrators: list the jobs (jobsRead), run one with an explicit now / period (jobsRun). */
export default [
  { method: 'GET', path: '/jobs', handler: 'jobs.list', config: requirePermissions('jobsRead') },
  {
    method: 'POST',
    path: '/jobs/:name/run',
    handler: 'jobs.run',
    config: requirePermissions('jobsRun'),
  },
];
