import correction from './correction';
import intake from './intake';
import itemPanel from './item-panel';
import workbench from './workbench-queue';

/** The staff's daily work in the admin (工作台): the queue, the item panel, 登记民意 and data corrections. */
export default {
  correction,
  intake,
  'item-panel': itemPanel,
  workbench,
};
