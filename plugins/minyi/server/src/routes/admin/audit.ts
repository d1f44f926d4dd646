const admin = { policies: ['admin::isAuthenticatedAdmin'] };

/** Spot-check review (回访), notices (签收、整改), report downloads — for administrators. */
export default [
  { method: 'GET', path: '/spot-checks/:documentId', handler: 'audit.spotCheck', config: admin },
  {
    method: 'POST',
    path: '/spot-checks/:documentId/items/:itemDocumentId/review',
    handler: 'audit.review',
    config: admin,
  },
  {
    method: 'POST',
    path: '/spot-checks/:documentId/complete',
    handler: 'audit.complete',
    config: admin,
  },
  {
    method: 'POST',
    path: '/notices/:documentId/acknowledge',
    handler: 'audit.acknowledge',
    config: admin,
  },
  {
    method: 'POST',
    path: '/notices/:documentId/rectified',
    handler: 'audit.rectified',
    config: admin,
  },
  {
    method: 'GET',
    path: '/notices/:documentId/download/:format',
    handler: 'audit.download',
    config: admin,
  },
];
