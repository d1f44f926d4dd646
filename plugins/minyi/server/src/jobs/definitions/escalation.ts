import type { SweepSummary } from '../../services/escalation/escalation-sweep';
import { defineJob } from '../engine/types';
import { minyiService } from '../../plugin';

/**
 * 超期巡检: warnings before deadlines, escalation one level up after them, county overdue flags.
 * The sweep is idempotent by itself; the job adds one run per five-minute slot across instances.
 */
export default defineJob<SweepSummary>({
  name: 'escalation',
  description:
    '超期巡检:临期催办、超期上报、县级超期标记 / warnings, escalations and overdue flags',
  schedule: '*/5 * * * *',
  period: { unit: 'minute', step: 5 },
  async run({ strapi, now, reportProgress }) {
    const summary: SweepSummary = await minyiService(strapi, 'escalation-sweep').run(now);
    reportProgress({ ...summary });
    return summary;
  },
});
