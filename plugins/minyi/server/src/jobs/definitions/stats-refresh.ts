import type { StatsRefreshSummary } from '../../services/stats/stats-aggregate';
import { defineJob } from '../engine/types';
import { minyiService } from '../../plugin';

/**
 * 更新公开统计: folds the item changes of the last minute into the public stats' day cells, so a
 * cold GET /api/stats (which refreshes first as well) finds at most a minute's changes to
 * recompute. One run per minute across instances; `--force` after `--period` is harmless.
 */
export default defineJob<StatsRefreshSummary>({
  name: 'stats-refresh',
  description: '更新公开统计的按日汇总 / folds item changes into the public stats day cells',
  schedule: '* * * * *',
  period: { unit: 'minute' },
  async run({ strapi }) {
    return minyiService(strapi, 'stats-aggregate').refresh();
  },
});
