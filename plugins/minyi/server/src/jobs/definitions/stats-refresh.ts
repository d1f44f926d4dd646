import type { DashboardCellsRefreshSummary } from '../../services/stats/dashboard-cells';
import type { StatsRefreshSummary } from '../../services/stats/stats-aggregate';
import { defineJob } from '../engine/types';
import { minyiService } from '../../plugin';

/**
 * 更新统计汇总: folds the item changes of the last minute into the public stats' day cells and the
 * dashboard's month cells, so a cold GET /api/stats or dashboard (which refresh first as well)
 * finds at most a minute's changes to fold in. One run per minute across instances; `--force`
 * after `--period` is harmless.
 */
export default defineJob<StatsRefreshSummary & { dashboard: DashboardCellsRefreshSummary }>({
  name: 'stats-refresh',
  description:
    '更新公开统计的按日汇总和数据看板的按月汇总 / folds item changes into the stats day cells and the dashboard month cells',
  schedule: '* * * * *',
  period: { unit: 'minute' },
  async run({ strapi }) {
    const stats = await minyiService(strapi, 'stats-aggregate').refresh();
    const dashboard = await minyiService(strapi, 'dashboard-cells').refresh();
    return { ...stats, dashboard };
  },
});
