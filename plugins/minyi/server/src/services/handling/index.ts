import workflow from './workflow';
import changeLog from './change-log';
import handlingItem from './handling-item';
import ownedFields from './owned-fields';

/** Handling (办理): every change of an item by a person through the state machine, and the item-event log and outbox rows each change writes in its transaction. */
export default {
  workflow,
  'change-log': changeLog,
  'handling-item': handlingItem,
  'owned-fields': ownedFields,
};
