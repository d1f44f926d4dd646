import publicSubmission from './public-submission';
import publicTracking from './public-tracking';
import residentFeedback from './resident-feedback';
import rateLimits from './rate-limits';
import itemIdentity from './item-identity';
import firstResponder from './first-responder';

/** Items coming in (受理): public and partner submissions, tracking, resident feedback, their rate limits; every item's tracking code, grid path and first responder. */
export default {
  'public-submission': publicSubmission,
  'public-tracking': publicTracking,
  'resident-feedback': residentFeedback,
  'rate-limits': rateLimits,
  'item-identity': itemIdentity,
  'first-responder': firstResponder,
};
