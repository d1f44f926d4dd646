import type { OutboxRunSummary } from '../../services/mail/outbox-sender';
import { defineJob } from '../engine/types';
import { minyiService } from '../../plugin';

/**
 * 发送通知邮件: delivers the outbox. Safe to run anywhere at any time: the sender's claims keep two
 * instances off the same message; the job adds one run per minute across instances.
 */
export default defineJob<OutboxRunSummary>({
  name: 'outbox',
  description: '发送通知邮件(失败自动重试)/ sends queued notification mail with retries',
  schedule: '* * * * *',
  period: { unit: 'minute' },
  async run({ strapi, now, signal, reportProgress }) {
    return minyiService(strapi, 'outbox-sender').run({
      now,
      signal,
      onProgress: (summary) => reportProgress({ ...summary }),
    });
  },
});
