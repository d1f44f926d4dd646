/**
 * The notification outbox: written in the same transaction as the change that causes a message,
 * delivered later by the outbox sender. `dedupeKey` is unique, so a change that is retried or
 * replayed can never queue the same notification twice.
 */
export default {
  kind: 'collectionType',
  collectionName: 'minyi_outbox_messages',
  info: {
    singularName: 'outbox-message',
    pluralName: 'outbox-messages',
    displayName: '通知发件箱',
    description: '待发送与已发送的通知邮件',
  },
  options: { draftAndPublish: false },
  pluginOptions: {
    'content-manager': { visible: true },
    'content-type-builder': { visible: false },
  },
  attributes: {
    dedupeKey: { type: 'string', required: true, unique: true, maxLength: 255 },
    template: { type: 'string', required: true, maxLength: 64 },
    recipient: { type: 'email', required: true, private: true },
    recipientLabel: { type: 'string', maxLength: 100, private: true },
    data: { type: 'json' },
    itemDocumentId: { type: 'string', maxLength: 64 },
    state: {
      type: 'enumeration',
      enum: ['queued', 'sending', 'sent', 'failed'],
      required: true,
      default: 'queued',
    },
    attempts: { type: 'integer', default: 0, min: 0 },
    nextAttemptAt: { type: 'datetime' },
    claimedBy: { type: 'string', maxLength: 128 },
    claimedUntil: { type: 'datetime' },
    lastError: { type: 'text' },
    sentAt: { type: 'datetime' },
  },
};
