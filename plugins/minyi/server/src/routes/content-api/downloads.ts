/** The signed download links in notice mails: they work without a session, only with the token. */
export default [
  {
    method: 'GET',
    path: '/notices/:documentId/download/:format',
    handler: 'downloads.signedNotice',
    config: { auth: false, policies: [] },
  },
];
