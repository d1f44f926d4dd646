import type { SettingsSections, YearArrangementInput } from '../../../shared/settings';
import { type Arrangements, mergeArrangements } from './arrangement';

/**
 * What is in force: each stored section replaces the environment's default section as a whole
 * (a form saves a section at once, and "back to the default" is deleting the stored section).
 */
export function effectiveSettings(
  defaults: SettingsSections,
  stored: Partial<SettingsSections>
): SettingsSections {
  return { ...defaults, ...stored };
}

/**
 * The calendar used for deadlines everywhere: the built-in years plus the entered ones. Built-in
 * years win — the settings refuse to enter one, and a stored value for a year that a later
 * release builds in gives way to the published data.
 */
export function calendarArrangements(
  builtIn: Arrangements,
  entered: Readonly<Record<string, YearArrangementInput>>
): Arrangements {
  return mergeArrangements(entered, builtIn);
}

/** The values of a section that differ, for the change log's summary (dotted paths). */
export function changedPaths(before: unknown, after: unknown, prefix = ''): string[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) =>
      changedPaths(before[key], after[key], prefix ? `${prefix}.${key}` : key)
    );
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [prefix || '(all)'];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The plugin configuration's fields a settings section comes from (config/plugins.ts, env). */
export interface SettingsConfigSource {
  timezone: string;
  jobs: { schedules: Record<string, string> };
  audit: {
    minSample: number;
    sampling: { percent: number; min: number; max: number };
    thresholds: { resolutionRate?: number; satisfactionRate?: number; spotCheckPassRate?: number };
    reportRecipients: string[];
  };
}

export function settingsFromConfig(config: SettingsConfigSource): SettingsSections {
  const { thresholds } = config.audit;
  return {
    metrics: {
      minSample: config.audit.minSample,
      thresholds: {
        resolutionRate: thresholds.resolutionRate ?? 0,
        satisfactionRate: thresholds.satisfactionRate ?? 0,
        spotCheckPassRate: thresholds.spotCheckPassRate ?? 0,
      },
    },
    spotCheck: { ...config.audit.sampling },
    jobs: { timezone: config.timezone, schedules: { ...config.jobs.schedules } },
    notifications: { reportRecipients: [...config.audit.reportRecipients] },
    calendar: { years: {} },
  };
}
