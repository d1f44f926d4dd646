import { requirePermissions } from './policies';

/** 通报与整改: reading notices, the unit's rectification report, the coordinator's review. */
export default [
  {
    method: 'GET',
    path: '/notices',
    handler: 'notice-review.list',
    config: requirePermissions('noticesRead'),
  },
  {
    method: 'GET',
    path: '/notices/:documentId/view',
    handler: 'notice-review.view',
    config: requirePermissions('noticesRead'),
  },
  {
    method: 'POST',
    path: '/notices/:documentId/report',
    handler: 'notice-review.report',
    config: requirePermissions('noticesRespond'),
  },
  {
    method: 'POST',
    path: '/notices/:documentId/accept',
    handler: 'notice-review.accept',
    config: requirePermissions('noticesReview'),
  },
  {
    method: 'POST',
    path: '/notices/:documentId/return',
    handler: 'notice-review.sendBack',
    config: requirePermissions('noticesReview'),
  },
];
