import audit from './audit';
import jobs from './jobs';
import mail from './mail';
import publicItems from './public-items';
import settings from './settings';
import status from './status';
import workflow from './workflow';

export default { audit, jobs, mail, 'public-items': publicItems, settings, status, workflow };
