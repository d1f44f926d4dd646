import audit from './audit';
import jobs from './jobs';
import mail from './mail';
import publicItems from './public-items';
import status from './status';
import structureImport from './structure-import';
import workflow from './workflow';

export default {
  audit,
  jobs,
  mail,
  'public-items': publicItems,
  status,
  'structure-import': structureImport,
  workflow,
};
