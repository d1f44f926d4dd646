import audit from './audit';
import correction from './correction';
import intake from './intake';
import itemPanel from './item-panel';
import jobs from './jobs';
import mail from './mail';
import publicItems from './public-items';
import status from './status';
import workbench from './workbench';
import workflow from './workflow';

export default {
  audit,
  correction,
  intake,
  'item-panel': itemPanel,
  jobs,
  mail,
  'public-items': publicItems,
  status,
  workbench,
  workflow,
};
