const admin = { policies: ['admin::isAuthenticatedAdmin'] };

/** The mail page of the plugin (super admins; see controllers/mail.ts). */
export default [
  { method: 'GET', path: '/mail', handler: 'mail.overview', config: admin },
  { method: 'GET', path: '/mail/previews', handler: 'mail.previews', config: admin },
  { method: 'GET', path: '/mail/files/:file', handler: 'mail.file', config: admin },
  { method: 'GET', path: '/mail/files/:file/raw', handler: 'mail.raw', config: admin },
];
