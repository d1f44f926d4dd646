import gridTree from './grid-tree';
import calendar from './calendar';

/** The county's structure: the grid tree's materialised paths and the working calendar. */
export default {
  'grid-tree': gridTree,
  calendar,
};
