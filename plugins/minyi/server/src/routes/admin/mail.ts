import { requirePermissions } from './policies';

const mailRead = requirePermissions('mailRead');

/** The mail page of the plugin (mailRead: super admins by default; see controllers/mail.ts). */
export default [
  { method: 'GET', path: '/mail', handler: 'mail.overview', config: mailRead },
  { method: 'GET', path: '/mail/previews', handler: 'mail.previews', config: mailRead },
  { method: 'GET', path: '/mail/files/:file', handler: 'mail.file', config: mailRead },
  { method: 'GET', path: '/mail/files/:file/raw', handler: 'mail.raw', config: mailRead },
];
