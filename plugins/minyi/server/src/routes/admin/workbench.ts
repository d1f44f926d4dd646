import { requirePermissions } from './policies';

/** 工作台 (issue 10). */
export default [
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
];
