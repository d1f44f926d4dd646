import status from './status';

/** The plugin itself: what it has loaded (status). */
export default {
  status,
};
