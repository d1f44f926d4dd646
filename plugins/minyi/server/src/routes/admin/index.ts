import audit from './audit';
import items from './items';
import jobs from './jobs';
import mail from './mail';

export default () => ({
  type: 'admin',
  routes: [
    {
      method: 'GET',
      path: '/status',
      handler: 'status.describe',
      config: { policies: ['admin::isAuthenticatedAdmin'] },
    },
    {
      method: 'POST',
      path: '/items/:documentId/actions/:action',
      handler: 'workflow.actAsAdmin',
      config: {
        policies: [
          'admin::isAuthenticatedAdmin',
          { name: 'admin::hasPermissions', config: { actions: ['plugin::minyi.items.act'] } },
        ],
      },
    },
    ...jobs,
    ...mail,
    ...audit,
    ...items,
  ],
});
