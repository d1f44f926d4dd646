import audit from './audit';
import jobs from './jobs';

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
      config: { policies: ['admin::isAuthenticatedAdmin'] },
    },
    ...jobs,
    ...audit,
  ],
});
