import { requirePermissions } from './policies';

/**
 * Spot-check review (回访), notices (签收、整改), report downloads — for administrators holding the
 * plugin permission; the controller narrows each to the caller's unit (services/audit-access.ts).
 */
export default [
  {
    method: 'GET',
    path: '/spot-checks/:documentId',
    handler: 'audit.spotCheck',
    config: requirePermissions('spotChecksRead'),
  },
  {
    method: 'POST',
    path: '/spot-checks/:documentId/items/:itemDocumentId/review',
    handler: 'audit.review',
    config: requirePermissions('spotChecksReview'),
  },
  {
    method: 'POST',
    path: '/spot-checks/:documentId/complete',
    handler: 'audit.complete',
    config: requirePermissions('spotChecksReview'),
  },
  {
    method: 'POST',
    path: '/notices/:documentId/acknowledge',
    handler: 'audit.acknowledge',
    config: requirePermissions('noticesRespond'),
  },
  {
    method: 'POST',
    path: '/notices/:documentId/rectified',
    handler: 'audit.rectified',
    config: requirePermissions('noticesRespond'),
  },
  {
    method: 'GET',
    path: '/notices/:documentId/download/:format',
    handler: 'audit.download',
    config: requirePermissions('noticesRead'),
  },
];
