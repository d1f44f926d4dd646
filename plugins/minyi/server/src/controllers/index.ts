import jobs from './jobs';
import mail from './mail';
import status from './status';
import workflow from './workflow';

export default { jobs, mail, status, workflow };
