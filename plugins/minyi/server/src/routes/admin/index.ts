import { requirePermissions } from './policies';
import audit from './audit';
import jobs from './jobs';
import mail from './mail';

export default () => ({
  type: 'admin',
  routes: [
    {
      method: 'GET',
      path: '/status',
      handler: 'status.describe',
      // What the plugin loaded (the plugin's home page): any logged-in admin, no unit data.
      config: requirePermissions(),
    },
    {
      method: 'POST',
      path: '/items/:documentId/actions/:action',
      handler: 'workflow.actAsAdmin',
      config: requirePermissions('itemsAct'),
    },
    ...jobs,
    ...mail,
    ...audit,
  ],
});
