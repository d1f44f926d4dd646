import { requirePermissions } from './policies';

/**
 * The monthly spot-check and its callback review (回访), for administrators holding the plugin
 * permission; the controller narrows each to the caller's unit (services/access/audit-access.ts).
 */
export default [
  {
    method: 'GET',
    path: '/spot-checks/:documentId',
    handler: 'spot-checks.findOne',
    config: requirePermissions('spotChecksRead'),
  },
  {
    method: 'POST',
    path: '/spot-checks/:documentId/items/:itemDocumentId/review',
    handler: 'spot-checks.review',
    config: requirePermissions('spotChecksReview'),
  },
  {
    method: 'POST',
    path: '/spot-checks/:documentId/complete',
    handler: 'spot-checks.complete',
    config: requirePermissions('spotChecksReview'),
  },
];
