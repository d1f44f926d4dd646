import recipients from './recipients';
import outboxSender from './outbox-sender';
import mailFiles from './mail-files';

/** Mail: who is told (recipients), sending the outbox through Strapi's email plugin, the .eml files of the file transport. */
export default {
  recipients,
  'outbox-sender': outboxSender,
  'mail-files': mailFiles,
};
