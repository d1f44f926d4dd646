import { requirePermissions } from './policies';

/** 登记民意 (issue 10). */
export default [
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
];
