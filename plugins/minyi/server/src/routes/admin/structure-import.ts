import { requirePermissions } from './policies';

/** 导入导出 of the county's structure (controllers/structure-import.ts). */
export default [
  {
    method: 'POST',
    path: '/structure/import',
    handler: 'structure-import.import',
    config: requirePermissions('structureImport'),
  },
  {
    method: 'GET',
    path: '/structure/overview',
    handler: 'structure-import.overview',
    config: requirePermissions('structureImport'),
  },
  {
    method: 'GET',
    path: '/structure/export',
    handler: 'structure-import.export',
    config: requirePermissions('structureExport'),
  },
  {
    method: 'GET',
    path: '/structure/template',
    handler: 'structure-import.template',
    config: requirePermissions('structureImport'),
  },
];
