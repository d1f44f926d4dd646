const admin = { policies: ['admin::isAuthenticatedAdmin'] };

/** The job runner for administrators: list the jobs, run one with an explicit now / period. */
export default [
  { method: 'GET', path: '/jobs', handler: 'jobs.list', config: admin },
  { method: 'POST', path: '/jobs/:name/run', handler: 'jobs.run', config: admin },
];
