import settings from './settings';
import status from './status';

/** The plugin itself: what it has loaded (status) and the county's settings (settings). */
export default {
  settings,
  status,
};
