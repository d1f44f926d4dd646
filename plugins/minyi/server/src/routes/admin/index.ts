import dashboard from './dashboard';
import jobs from './jobs';
import noticeReview from './notice-review';
import spotCheckReview from './spot-check-review';
import mail from './mail';
import notices from './notices';
import spotChecks from './spot-checks';

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
    ...spotChecks,
    ...notices,
    ...dashboard,
    ...spotCheckReview,
    ...noticeReview,
  ],
});
