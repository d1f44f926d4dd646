import { defineJob } from '../engine/types';
import { minyiService } from '../../plugin';

/** Periodic reports as notices, each for the period that has just ended (see services/reports). */
export const weeklyReport = defineJob({
  name: 'report-weekly',
  description: '周调度:各乡镇上周民意事项办理情况 / weekly dispatch per township',
  schedule: '30 8 * * 1',
  period: { unit: 'week', offset: -1 },
  run: ({ strapi, now, period }) => minyiService(strapi, 'reports').weekly(period, now),
});

export const monthlyReport = defineJob({
  name: 'report-monthly',
  description:
    '月研判与民意专报:部门、分类分析,反复问题,超期事项 / monthly analysis and special report',
  schedule: '0 10 1 * *',
  period: { unit: 'month', offset: -1 },
  run: ({ strapi, now, period }) => minyiService(strapi, 'reports').monthly(period, now),
});

export const quarterlyReport = defineJob({
  name: 'report-quarterly',
  description: '季汇报:全县、乡镇、部门季度汇总 / quarterly report',
  schedule: '0 9 1 1,4,7,10 *',
  period: { unit: 'quarter', offset: -1 },
  run: ({ strapi, now, period }) => minyiService(strapi, 'reports').quarterly(period, now),
});
