import { requirePermissions } from './policies';
import categoryAttributes from './category-attributes';
import dashboard from './dashboard';
import items from './items';
import jobs from './jobs';
import noticeReview from './notice-review';
import spotCheckReview from './spot-check-review';
import mail from './mail';
import notices from './notices';
import settings from './settings';
import spotChecks from './spot-checks';
import structureImport from './structure-import';

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
    ...spotChecks,
    ...notices,
    ...structureImport,
    ...settings,
    ...categoryAttributes,
    ...dashboard,
    ...items,
    ...spotCheckReview,
    ...noticeReview,
  ],
});
