import { requirePermissions } from './policies';

/**
 * Notices: acknowledgement (签收), rectification (整改) and the download, for administrators
 * holding the plugin permission; answered by the notice's addressees, read by its units and
 * county-wide accounts (services/access/audit-access.ts).
 */
export default [
  {
    method: 'POST',
    path: '/notices/:documentId/acknowledge',
    handler: 'notices.acknowledge',
    config: requirePermissions('noticesRespond'),
  },
  {
    method: 'POST',
    path: '/notices/:documentId/rectified',
    handler: 'notices.rectified',
    config: requirePermissions('noticesRespond'),
  },
  {
    method: 'GET',
    path: '/notices/:documentId/download/:format',
    handler: 'downloads.notice',
    config: requirePermissions('noticesRead'),
  },
];
