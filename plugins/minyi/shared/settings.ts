/**
 * The settings' shapes as the admin page and the server's routes exchange them (types only, no
 * code): one definition for both sides, as Strapi's review-workflows keeps its shared types.
 */

/** 放假 and 调休上班 dates of one year, as 'YYYY-MM-DD' or 'YYYY-MM-DD/YYYY-MM-DD' ranges. */
export interface YearArrangementInput {
  source?: string;
  off: string[];
  work: string[];
}

export interface MetricsSettings {
  /** Units with fewer received items are listed, not ranked. */
  minSample: number;
  /** Lowest acceptable rates, percent. */
  thresholds: {
    resolutionRate: number;
    satisfactionRate: number;
    spotCheckPassRate: number;
  };
}

export interface SpotCheckSettings {
  /** Per stratum (each township, each department): max(min, ceil(percent %)), capped at max. */
  percent: number;
  min: number;
  max: number;
  /** Which units are strata (absent: both townships and departments). */
  strata?: Array<'township' | 'department'>;
}

export interface JobSettings {
  /** IANA time zone of deadlines, job schedules and report periods. */
  timezone: string;
  /** Cron expression per job name; a job not listed keeps its default. */
  schedules: Record<string, string>;
}

export interface NotificationSettings {
  /** Who receives every bulletin and report besides the units concerned. */
  reportRecipients: string[];
}

export interface CalendarSettings {
  /** Arrangements entered by the county, keyed by year ("2027"). Built-in years cannot be entered. */
  years: Record<string, YearArrangementInput>;
}

export interface SettingsSections {
  metrics: MetricsSettings;
  spotCheck: SpotCheckSettings;
  jobs: JobSettings;
  notifications: NotificationSettings;
  calendar: CalendarSettings;
}

export type SettingsSectionName = keyof SettingsSections;

/** GET /minyi/settings/calendar-status: whether next year's arrangement is missing, and whether to warn. */
export interface CalendarStatus {
  /** This year in the county's time zone. */
  year: number;
  nextYear: number;
  nextYearHasArrangement: boolean;
  /** From 1 November of `year` while next year has no arrangement. */
  warn: boolean;
  /** Years with an arrangement (built-in or entered), ascending. */
  arrangedYears: number[];
  builtInYears: number[];
  enteredYears: number[];
}

/** One field's problem in a 400 answer (`error.details.errors[]`). */
export interface SettingsFieldProblem {
  path: Array<string | number>;
  message: string;
  messageZh: string;
}

/** A row of the settings-change log. */
export interface SettingsChange {
  id: number;
  /** A settings section, or "category" for a category's time limits. */
  section: string;
  /** The category's documentId for "category", else null. */
  target: string | null;
  targetLabel: string | null;
  oldValue: unknown;
  newValue: unknown;
  changedBy: { id: number | null; email: string | null; name: string | null };
  changedAt: string;
}

/** A category's time limits, as the settings table edits them. */
export interface CategoryLimits {
  gridDays: number;
  townshipDays: number;
  countyDays: number;
  /** Urgent categories: this many working hours at every level; null otherwise. */
  urgentHours: number | null;
  /** Warning (催办) this many working hours before the due time, at every level without its own. */
  warningOffsetHours: number;
  /** A level's own warning offset; null: the level warns at warningOffsetHours. */
  gridWarningOffsetHours: number | null;
  townshipWarningOffsetHours: number | null;
  countyWarningOffsetHours: number | null;
}

/**
 * What PUT /minyi/settings/categories/:documentId takes: the per-level warning offsets may be left
 * out (a client written before they existed), which keeps the stored ones.
 */
export type CategoryLimitsInput = Omit<
  CategoryLimits,
  'gridWarningOffsetHours' | 'townshipWarningOffsetHours' | 'countyWarningOffsetHours'
> &
  Partial<
    Pick<
      CategoryLimits,
      'gridWarningOffsetHours' | 'townshipWarningOffsetHours' | 'countyWarningOffsetHours'
    >
  >;

export interface CategoryLimitsRow extends CategoryLimits {
  documentId: string;
  name: string;
  code: string;
}

/** GET /minyi/settings. */
export interface SettingsOverview {
  /** What is in force: defaults (environment) overlaid by what was stored. */
  effective: SettingsSections;
  /** The environment's values, used for a section never stored. */
  defaults: SettingsSections;
  /** Sections stored in the database. */
  stored: SettingsSectionName[];
  /** Increases with every stored change; instances compare it to apply changes. */
  revision: number;
  builtInCalendar: Record<string, YearArrangementInput>;
  calendarStatus: CalendarStatus;
  jobNames: string[];
  /** The registered jobs with the schedule they have without a setting. */
  jobs: Array<{ name: string; description: string | null; defaultSchedule: string }>;
}
