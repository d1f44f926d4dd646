import outboxMessage from './outbox-message';

export default {
  'outbox-message': outboxMessage,
};
