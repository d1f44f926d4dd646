import { requirePermissions } from './policies';

/** The admin panel's item routes of issue 10 (types: plugins/minyi/shared/contracts). */
export default [
  {
    method: 'GET',
    path: '/items/:documentId/panel',
    handler: 'item-panel.panel',
    config: requirePermissions('workbenchRead'),
  },
  {
    method: 'GET',
    path: '/workbench',
    handler: 'workbench.list',
    config: requirePermissions('workbenchRead'),
  },
  {
    method: 'POST',
    path: '/workbench/bulk',
    handler: 'workbench.bulk',
    config: requirePermissions('workbenchRead', 'itemsAct'),
  },
  {
    method: 'GET',
    path: '/intake/options',
    handler: 'intake.options',
    config: requirePermissions('itemsRegister'),
  },
  {
    method: 'GET',
    path: '/intake/duplicates',
    handler: 'intake.duplicates',
    config: requirePermissions('itemsRegister'),
  },
  {
    method: 'POST',
    path: '/intake',
    handler: 'intake.register',
    config: requirePermissions('itemsRegister'),
  },
  {
    method: 'POST',
    path: '/items/:documentId/correct',
    handler: 'correction.correct',
    config: requirePermissions('itemsCorrect'),
  },
];
