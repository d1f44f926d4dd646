import jobs from './jobs';
import publicItems from './public-items';
import status from './status';
import workflow from './workflow';

export default { jobs, 'public-items': publicItems, status, workflow };
