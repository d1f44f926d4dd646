/**
 * The workflow's rules as pure functions: no Strapi, no I/O, only luxon for time zones.
 * The Strapi services load records, call these, and store what they return.
 */
export * from './vocabulary';
export * from './labels';
export * from './result';
export {
  type Arrangements,
  type DayKind,
  type YearArrangement,
  ArrangementError,
  arrangementErrors,
  mergeArrangements,
} from './arrangement';
export { CHINA_HOLIDAY_ARRANGEMENTS } from './holidays-cn';
export {
  DEFAULT_WORKING_HOURS,
  type WorkingWindow,
  WorkingHoursError,
  parseWorkingHours,
} from './working-hours';
export {
  type CalendarConfig,
  DEFAULT_TIME_ZONE,
  type WorkingCalendar,
  createWorkingCalendar,
} from './calendar';
export * from './state-machine';
export * from './routing';
export * from './deadlines';
export * from './escalation';
export * from './grid-path';
export * from './tracking-code';
export * from './feedback-token';
