import calendar from './calendar';
import changeLog from './change-log';
import documentIds from './document-ids';
import escalationSweep from './escalation-sweep';
import firstResponder from './first-responder';
import gridTree from './grid-tree';
import itemIdentity from './item-identity';
import jobs from './jobs';
import metrics from './metrics';
import notices from './notices';
import recipients from './recipients';
import reportFiles from './report-files';
import reports from './reports';
import spotCheck from './spot-check';
import stats from './stats';
import status from './status';
import workflow from './workflow';

export default {
  calendar,
  'change-log': changeLog,
  'document-ids': documentIds,
  'escalation-sweep': escalationSweep,
  'first-responder': firstResponder,
  'grid-tree': gridTree,
  'item-identity': itemIdentity,
  jobs,
  metrics,
  notices,
  recipients,
  'report-files': reportFiles,
  reports,
  'spot-check': spotCheck,
  stats,
  status,
  workflow,
};
