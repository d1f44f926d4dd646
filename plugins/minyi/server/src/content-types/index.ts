import jobLease from './job-lease';
import jobRun from './job-run';
import outboxMessage from './outbox-message';

export default {
  'outbox-message': outboxMessage,
  'job-lease': jobLease,
  'job-run': jobRun,
};
