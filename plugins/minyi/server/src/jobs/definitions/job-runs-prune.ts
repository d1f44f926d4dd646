import { retentionCutoff } from '../../domain/job-period';
import { jobRunsRepository } from '../../repositories/job-runs';
import { defineJob } from '../engine/types';
import { minyiConfig } from '../../plugin';

export interface JobRunsPruneSummary {
  retentionDays: number;
  /** Rows started before this instant were deleted. */
  cutoff: string;
  deletedRuns: number;
  deletedLeases: number;
}

/**
 * Keeps the job tables small: deletes job-run rows started more than `jobs.retentionDays` (default
 * 90) days before the run's now — except rows still marked running — and leases that have expired.
 * One DELETE each.
 */
export default defineJob<JobRunsPruneSummary>({
  name: 'job-runs-prune',
  description: '清理过期的任务运行记录和租约 / deletes old job-run rows and expired leases',
  schedule: '30 3 * * *',
  period: { unit: 'day' },
  async run({ strapi, now, timezone }) {
    const retentionDays = minyiConfig(strapi).jobs.retentionDays;
    const cutoff = retentionCutoff(now, retentionDays, timezone);
    const runs = jobRunsRepository(strapi);
    const deletedRuns = await runs.pruneRuns(cutoff);
    // Leases are about the present, whatever "now" the run was given: measured by the clock.
    const deletedLeases = await runs.pruneLeases(new Date());
    return {
      retentionDays,
      cutoff: cutoff.toISOString(),
      deletedRuns,
      deletedLeases,
    };
  },
});
