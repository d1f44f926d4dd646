import { requirePermissions } from './policies';

/** The 月度抽查 page's reads (callbacks and completion are the audit routes). */
export default [
  {
    method: 'GET',
    path: '/spot-checks',
    handler: 'spot-check-review.list',
    config: requirePermissions('spotChecksRead'),
  },
  {
    method: 'GET',
    path: '/spot-checks/:documentId/sheet',
    handler: 'spot-check-review.sheet',
    config: requirePermissions('spotChecksRead'),
  },
  {
    method: 'GET',
    path: '/spot-checks/:documentId/recompute',
    handler: 'spot-check-review.recompute',
    config: requirePermissions('spotChecksRead'),
  },
  {
    method: 'GET',
    path: '/spot-checks/:documentId/xlsx',
    handler: 'spot-check-review.xlsx',
    config: requirePermissions('spotChecksRead'),
  },
];
