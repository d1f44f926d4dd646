const admin = { policies: ['admin::isAuthenticatedAdmin'] };

/** The monthly spot-check and its callback review (回访), for administrators. */
export default [
  {
    method: 'GET',
    path: '/spot-checks/:documentId',
    handler: 'spot-checks.findOne',
    config: admin,
  },
  {
    method: 'POST',
    path: '/spot-checks/:documentId/items/:itemDocumentId/review',
    handler: 'spot-checks.review',
    config: admin,
  },
  {
    method: 'POST',
    path: '/spot-checks/:documentId/complete',
    handler: 'spot-checks.complete',
    config: admin,
  },
];
