import spotCheck from './spot-check';
import spotCheckReview from './spot-check-review';
import noticeReview from './notice-review';
import notices from './notices';
import reports from './reports';
import reportFiles from './report-files';

/** Audit (月抽查、通报、整改、报告): the monthly spot-check and its review, notices with their mails, periodic reports and their files. */
export default {
  'spot-check': spotCheck,
  'spot-check-review': spotCheckReview,
  'notice-review': noticeReview,
  notices,
  reports,
  'report-files': reportFiles,
};
