import type { Core } from '@strapi/strapi';
import { createWorkingCalendar, type WorkingCalendar } from '../domain/calendar';
import type { CategoryTimeLimits } from '../domain/deadlines';

/** The county's working calendar, built once from the plugin configuration. */
const calendar = ({ strapi }: { strapi: Core.Strapi }) => {
  let built: WorkingCalendar | null = null;
  return {
    get(): WorkingCalendar {
      built ??= createWorkingCalendar({
        timeZone: strapi.plugin('minyi').config('timezone') as string,
      });
      return built;
    },
    /** Limits for items whose category is missing or incomplete. */
    defaultLimits(): CategoryTimeLimits & { warningOffsetHours: number } {
      return strapi.plugin('minyi').config('defaultTimeLimits') as CategoryTimeLimits & {
        warningOffsetHours: number;
      };
    },
  };
};

export type CalendarService = ReturnType<typeof calendar>;
export default calendar;
