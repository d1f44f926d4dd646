import { requirePermissions } from './policies';

/** The item panel of the content manager's edit view (issue 10). */
export default [
  {
    method: 'GET',
    path: '/items/:documentId/panel',
    handler: 'item-panel.show',
    config: requirePermissions('workbenchRead'),
  },
];
