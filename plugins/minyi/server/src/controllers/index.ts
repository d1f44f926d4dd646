import audit from './audit';
import jobs from './jobs';
import status from './status';
import workflow from './workflow';

export default { audit, jobs, status, workflow };
