const admin = { policies: ['admin::isAuthenticatedAdmin'] };

/** Notices: acknowledgement (签收), rectification (整改) and the download, for administrators. */
export default [
  {
    method: 'POST',
    path: '/notices/:documentId/acknowledge',
    handler: 'notices.acknowledge',
    config: admin,
  },
  {
    method: 'POST',
    path: '/notices/:documentId/rectified',
    handler: 'notices.rectified',
    config: admin,
  },
  {
    method: 'GET',
    path: '/notices/:documentId/download/:format',
    handler: 'downloads.notice',
    config: admin,
  },
];
