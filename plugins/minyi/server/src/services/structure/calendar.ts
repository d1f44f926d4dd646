import type { Core } from '@strapi/strapi';
import type { YearArrangementInput } from '../../../../shared/settings';
import { createWorkingCalendar, type WorkingCalendar } from '../../domain/calendar';
import {
  type DefaultTimeLimits,
  type EffectiveLimits,
  effectiveLimits,
  type StoredCategoryLimits,
} from '../../domain/deadlines';
import { CHINA_HOLIDAY_ARRANGEMENTS } from '../../domain/holidays-cn';
import { calendarArrangements } from '../../domain/settings-merge';
import { minyiConfig } from '../../plugin';

/**
 * The county's working calendar: the built-in years plus the years entered in the settings, in
 * the configured time zone. Built once, and again whenever the settings service applies a change
 * (rebuild), on every instance.
 */
const calendar = ({ strapi }: { strapi: Core.Strapi }) => {
  let built: WorkingCalendar | null = null;
  let entered: Readonly<Record<string, YearArrangementInput>> = {};
  return {
    get(): WorkingCalendar {
      built ??= createWorkingCalendar({
        timeZone: minyiConfig(strapi).timezone,
        arrangements: calendarArrangements(CHINA_HOLIDAY_ARRANGEMENTS, entered),
        // Built-in years are already merged in (and win over entered ones).
        useBuiltInArrangements: false,
      });
      return built;
    },
    /** Drops the built calendar: the next get() uses these entered years and the zone in force. */
    rebuild(enteredYears: Readonly<Record<string, YearArrangementInput>>): void {
      entered = enteredYears;
      built = null;
    },
    /** Years of the built-in calendar (shown read-only on the settings page). */
    builtInYears(): number[] {
      return Object.keys(CHINA_HOLIDAY_ARRANGEMENTS)
        .map(Number)
        .sort((a, b) => a - b);
    },
    /** Limits for items whose category is missing or incomplete. */
    defaultLimits(): DefaultTimeLimits {
      return minyiConfig(strapi).defaultTimeLimits;
    },
    /** The limits in force for a category (null: an item without one), over the configured defaults. */
    limitsOf(category: StoredCategoryLimits | null | undefined): EffectiveLimits {
      return effectiveLimits(category, minyiConfig(strapi).defaultTimeLimits);
    },
  };
};

export type CalendarService = ReturnType<typeof calendar>;

export default calendar;
