import accessScope from './access-scope';
import calendar from './calendar';
import changeLog from './change-log';
import documentIds from './document-ids';
import escalationSweep from './escalation-sweep';
import firstResponder from './first-responder';
import gridTree from './grid-tree';
import correction from './correction';
import intake from './intake';
import itemIdentity from './item-identity';
import itemPanel from './item-panel';
import itemRowWriter from './item-row-writer';
import jobs from './jobs';
import mailFiles from './mail-files';
import outboxSender from './outbox-sender';
import recipients from './recipients';
import roles from './roles';
import metrics from './metrics';
import notices from './notices';
import ownedFields from './owned-fields';
import reportFiles from './report-files';
import reports from './reports';
import spotCheck from './spot-check';
import stats from './stats';
import publicSubmission from './public-submission';
import publicTracking from './public-tracking';
import rateLimits from './rate-limits';
import residentFeedback from './resident-feedback';
import statsAggregate from './stats-aggregate';
import status from './status';
import workbench from './workbench';
import workflow from './workflow';

export default {
  'access-scope': accessScope,
  calendar,
  'change-log': changeLog,
  'document-ids': documentIds,
  'escalation-sweep': escalationSweep,
  'first-responder': firstResponder,
  'grid-tree': gridTree,
  correction,
  intake,
  'item-identity': itemIdentity,
  'item-panel': itemPanel,
  'item-row-writer': itemRowWriter,
  jobs,
  'mail-files': mailFiles,
  'outbox-sender': outboxSender,
  recipients,
  roles,
  metrics,
  notices,
  'owned-fields': ownedFields,
  'report-files': reportFiles,
  reports,
  'spot-check': spotCheck,
  stats,
  'public-submission': publicSubmission,
  'public-tracking': publicTracking,
  'rate-limits': rateLimits,
  'resident-feedback': residentFeedback,
  'stats-aggregate': statsAggregate,
  status,
  workbench,
  workflow,
};
