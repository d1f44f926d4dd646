import downloads from './downloads';
import open311 from './open311';
import stats from './stats';

export default () => ({
  type: 'content-api',
  routes: [
    {
      method: 'GET',
      path: '/health',
      handler: 'status.health',
      config: { auth: false, policies: [] },
    },
    {
      // Field staff (users-permissions): the role needs the plugin's workflow.actAsStaff permission.
      method: 'POST',
      path: '/items/:documentId/actions/:action',
      handler: 'workflow.actAsStaff',
      config: { policies: [] },
    },
    ...stats,
    ...downloads,
    ...open311,
  ],
});
