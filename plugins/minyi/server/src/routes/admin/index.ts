import audit from './audit';
import intake from './intake';
import itemPanel from './item-panel';
import jobs from './jobs';
import mail from './mail';
import workbench from './workbench';

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
    ...intake,
    ...itemPanel,
    ...workbench,
    ...jobs,
    ...mail,
    ...audit,
  ],
});
