import { defineJob } from '../engine/types';
import { minyiService } from '../../plugin';

/**
 * 月抽查: on the 1st of the month, a seeded stratified sample of last month's handled items, per
 * township and per department. A month that has its sample keeps it (spot-check.period is unique).
 */
export default defineJob({
  name: 'spot-check',
  description:
    '月抽查:按乡镇、部门分层随机抽取上月已办结事项 / monthly stratified spot-check sample',
  schedule: '0 9 1 * *',
  period: { unit: 'month', offset: -1 },
  async run({ strapi, now, period, reportProgress }) {
    const result = await minyiService(strapi, 'spot-check').draw(period, now);
    reportProgress({ ...result });
    return result;
  },
});
