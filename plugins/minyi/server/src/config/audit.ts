import { samplingRuleProblems, type SamplingRule } from '../domain/spot-check-sample';

/** Spot-check, metrics, notices and reports (plugin config `audit`, filled from MINYI_* in config/plugins.ts). */
export interface AuditConfig {
  /** Units with fewer received items in the period are listed but not ranked or judged (MINYI_METRICS_MIN_SAMPLE). */
  minSample: number;
  /** Spot-check sample per township and per department: max(min, ceil(percent %)), capped at max. */
  sampling: SamplingRule;
  /** Lowest acceptable rates in percent (90 = 90%); a ranked unit below any gets a rectification notice. */
  thresholds: {
    resolutionRate?: number;
    satisfactionRate?: number;
    spotCheckPassRate?: number;
    onTimeRate?: number;
  };
  /** Working days a unit has to rectify (rectify-by date of a rectification notice). */
  rectifyWorkingDays: number;
  /** Who receives every bulletin and report besides the units concerned (MINYI_REPORT_RECIPIENTS). */
  reportRecipients: string[];
  /** How long GET /api/stats answers are kept and may be cached by clients (MINYI_STATS_CACHE_SECONDS; 0 = never). */
  statsCacheSeconds: number;
}

export const AUDIT_DEFAULTS: AuditConfig = {
  minSample: 10,
  sampling: { percent: 10, min: 2, max: 20 },
  thresholds: { resolutionRate: 90, satisfactionRate: 90, spotCheckPassRate: 80 },
  rectifyWorkingDays: 10,
  reportRecipients: [],
  statsCacheSeconds: 60,
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateAuditConfig(audit: AuditConfig | undefined): void {
  if (!audit || typeof audit !== 'object') throw new Error('minyi.audit must be an object');
  if (!Number.isInteger(audit.minSample) || audit.minSample < 1) {
    throw new Error(
      `minyi.audit.minSample (MINYI_METRICS_MIN_SAMPLE) must be a whole number ≥ 1, got ${String(audit.minSample)}`
    );
  }
  const problems = samplingRuleProblems(audit.sampling ?? ({} as SamplingRule));
  if (problems.length > 0)
    throw new Error(
      `minyi.audit.sampling (MINYI_SPOT_CHECK_PERCENT/MIN/MAX): ${problems.join('; ')}`
    );
  for (const [name, value] of Object.entries(audit.thresholds ?? {})) {
    if (value !== undefined && !(typeof value === 'number' && value >= 0 && value <= 100)) {
      throw new Error(
        `minyi.audit.thresholds.${name} must be a percentage 0–100, got ${String(value)}`
      );
    }
  }
  if (!Number.isInteger(audit.rectifyWorkingDays) || audit.rectifyWorkingDays < 1) {
    throw new Error(
      `minyi.audit.rectifyWorkingDays (MINYI_RECTIFY_WORKING_DAYS) must be a whole number ≥ 1, got ${String(audit.rectifyWorkingDays)}`
    );
  }
  if (
    !Number.isInteger(audit.statsCacheSeconds) ||
    audit.statsCacheSeconds < 0 ||
    audit.statsCacheSeconds > 86400
  ) {
    throw new Error(
      `minyi.audit.statsCacheSeconds (MINYI_STATS_CACHE_SECONDS) must be a whole number 0–86400, got ${String(audit.statsCacheSeconds)}`
    );
  }
  if (
    !Array.isArray(audit.reportRecipients) ||
    audit.reportRecipients.some((email) => !EMAIL.test(email))
  ) {
    throw new Error(
      `minyi.audit.reportRecipients (MINYI_REPORT_RECIPIENTS) must be comma-separated email addresses, got ${JSON.stringify(audit.reportRecipients)}`
    );
  }
}
