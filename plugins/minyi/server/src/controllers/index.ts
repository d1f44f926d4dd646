import audit from './audit';
import jobs from './jobs';
import mail from './mail';
import status from './status';
import workflow from './workflow';

export default { audit, jobs, mail, status, workflow };
