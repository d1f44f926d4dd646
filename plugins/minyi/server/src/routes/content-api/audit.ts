/** Public faces of the audit work: aggregate stats for external sites, signed report downloads from mails. */
export default [
  {
    // GET /api/stats (prefix '' takes it out of /api/minyi): aggregates only, no token needed.
    method: 'GET',
    path: '/stats',
    handler: 'audit.stats',
    config: { auth: false, policies: [], prefix: '' },
  },
  {
    method: 'GET',
    path: '/notices/:documentId/download/:format',
    handler: 'audit.signedDownload',
    config: { auth: false, policies: [] },
  },
];
