import jobLease from './job-lease';
import jobRun from './job-run';
import outboxMessage from './outbox-message';
import setting from './setting';
import settingsChange from './settings-change';

export default {
  'outbox-message': outboxMessage,
  'job-lease': jobLease,
  'job-run': jobRun,
  setting,
  'settings-change': settingsChange,
};
