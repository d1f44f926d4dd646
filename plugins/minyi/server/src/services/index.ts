import calendar from './calendar';
import changeLog from './change-log';
import documentIds from './document-ids';
import escalationSweep from './escalation-sweep';
import firstResponder from './first-responder';
import gridTree from './grid-tree';
import itemIdentity from './item-identity';
import itemRowWriter from './item-row-writer';
import jobs from './jobs';
import publicSubmission from './public-submission';
import publicTracking from './public-tracking';
import rateLimits from './rate-limits';
import recipients from './recipients';
import residentFeedback from './resident-feedback';
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
  'item-row-writer': itemRowWriter,
  jobs,
  'public-submission': publicSubmission,
  'public-tracking': publicTracking,
  'rate-limits': rateLimits,
  recipients,
  'resident-feedback': residentFeedback,
  status,
  workflow,
};
