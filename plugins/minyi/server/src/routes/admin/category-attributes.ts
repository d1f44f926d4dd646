import { requirePermissions } from './policies';

/**
 * A category's Open311 attributes (附加信息项), edited in the category's edit view: reading needs
 * settingsRead, a change settingsUpdate — like the category's time limits on the settings page.
 */
export default [
  {
    method: 'GET',
    path: '/categories/:documentId/open311-attributes',
    handler: 'category-attributes.show',
    config: requirePermissions('settingsRead'),
  },
  {
    method: 'PUT',
    path: '/categories/:documentId/open311-attributes',
    handler: 'category-attributes.update',
    config: requirePermissions('settingsRead', 'settingsUpdate'),
  },
];
