import gridTree from './grid-tree';
import itemIdentity from './item-identity';
import status from './status';

export default {
  'grid-tree': gridTree,
  'item-identity': itemIdentity,
  status,
};
