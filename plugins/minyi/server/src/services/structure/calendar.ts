import type { Core } from '@strapi/strapi';
import { createWorkingCalendar, type WorkingCalendar } from '../../domain/calendar';
import type { CategoryTimeLimits } from '../../domain/deadlines';
import { minyiConfig } from '../../plugin';

/** The county's working calendar, built once from the plugin configuration. */
const calendar = ({ strapi }: { strapi: Core.Strapi }) => {
  let built: WorkingCalendar | null = null;
  return {
    get(): WorkingCalendar {
      built ??= createWorkingCalendar({
        timeZone: minyiConfig(strapi).timezone,
      });
      return built;
    },
    /** Limits for items whose category is missing or incomplete. */
    defaultLimits(): CategoryTimeLimits & { warningOffsetHours: number } {
      return minyiConfig(strapi).defaultTimeLimits;
    },
  };
};

export default calendar;
