import { requirePermissions } from './policies';

/** 数据看板 and the home page widgets (the caller's unit scope is applied in the service). */
export default [
  {
    method: 'GET',
    path: '/dashboard',
    handler: 'dashboard.data',
    config: requirePermissions('dashboardRead'),
  },
  {
    method: 'GET',
    path: '/dashboard/home',
    handler: 'dashboard.home',
    config: requirePermissions('dashboardRead'),
  },
];
