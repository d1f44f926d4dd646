import workflow from './workflow';
import changeLog from './change-log';

/** Handling (办理): every change of an item by a person through the state machine, and the item-event log and outbox rows each change writes in its transaction. */
export default {
  workflow,
  'change-log': changeLog,
};
