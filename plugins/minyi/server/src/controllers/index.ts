import audit from './audit';
import dashboard from './dashboard';
import spotCheckReview from './spot-check-review';
import noticeReview from './notice-review';
import jobs from './jobs';
import mail from './mail';
import publicItems from './public-items';
import status from './status';
import workflow from './workflow';

export default {
  audit,
  dashboard,
  jobs,
  mail,
  'public-items': publicItems,
  status,
  workflow,
  'spot-check-review': spotCheckReview,
};
