/** Public aggregate stats for external sites: no token, no personal data. */
export default [
  {
    // GET /api/stats (prefix '' takes it out of /api/minyi): aggregates only, no token needed.
    method: 'GET',
    path: '/stats',
    handler: 'stats.find',
    config: { auth: false, policies: [], prefix: '' },
  },
];
