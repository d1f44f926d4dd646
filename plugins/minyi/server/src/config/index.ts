export interface MinyiConfig {
  /** IANA time zone of the county: deadlines, job schedules and report periods use it. */
  timezone: string;
  /** Limits for items without a category (working days per level, warning offset in working hours). */
  defaultTimeLimits: { gridDays: number; townshipDays: number; countyDays: number; warningOffsetHours: number };
}

export default {
  default: {
    timezone: 'Asia/Shanghai',
    defaultTimeLimits: { gridDays: 3, townshipDays: 5, countyDays: 10, warningOffsetHours: 8 },
  } satisfies MinyiConfig,
  validator(config: Partial<MinyiConfig>) {
    if (typeof config.timezone !== 'string' || config.timezone.length === 0) {
      throw new Error('minyi.timezone must be an IANA time zone name such as "Asia/Shanghai"');
    }
    try {
      new Intl.DateTimeFormat('en', { timeZone: config.timezone });
    } catch {
      throw new Error(`minyi.timezone "${config.timezone}" is not a known IANA time zone`);
    }
  },
};
