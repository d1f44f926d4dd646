import categoryAttributes from './category-attributes';
import correction from './correction';
import dashboard from './dashboard';
import intake from './intake';
import itemPanel from './item-panel';
import workbench from './workbench';
import downloads from './downloads';
import noticeReview from './notice-review';
import spotCheckReview from './spot-check-review';
import jobs from './jobs';
import mail from './mail';
import notices from './notices';
import open311 from './open311';
import publicItems from './public-items';
import settings from './settings';
import spotChecks from './spot-checks';
import stats from './stats';
import status from './status';
import structureImport from './structure-import';
import workflow from './workflow';

export default {
  'category-attributes': categoryAttributes,
  correction,
  intake,
  'item-panel': itemPanel,
  workbench,
  dashboard,
  'notice-review': noticeReview,
  'spot-check-review': spotCheckReview,
  downloads,
  jobs,
  mail,
  notices,
  open311,
  'public-items': publicItems,
  settings,
  'spot-checks': spotChecks,
  stats,
  status,
  'structure-import': structureImport,
  workflow,
};
