import jobs from './jobs';
import status from './status';
import workflow from './workflow';

export default { jobs, status, workflow };
