/** A daily span of office hours in local wall-clock time, 'HH:MM' to 'HH:MM'. */
export interface WorkingWindow {
  readonly from: string;
  readonly to: string;
}

/**
 * 08:00–12:00 and 14:00–18:00: the county offices' morning and afternoon with the long southern
 * lunch break, eight working hours a day. Eight hours keeps category settings intuitive: the
 * default warningOffsetHours of 8 means "one working day ahead", urgentHours 24 is three days.
 */
export const DEFAULT_WORKING_HOURS: readonly WorkingWindow[] = [
  { from: '08:00', to: '12:00' },
  { from: '14:00', to: '18:00' },
];

/** Minutes after local midnight. Both ends are working time, so a deadline at 18:00 lies inside it. */
export interface MinuteWindow {
  readonly startMinute: number;
  readonly endMinute: number;
}

const HOUR_MINUTE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * Windows must be in order and must not overlap; touching windows are joined. A window may not end
 * at midnight ("24:00"), so that every working instant belongs to the local day it is on.
 */
export function parseWorkingHours(windows: readonly WorkingWindow[]): MinuteWindow[] {
  if (windows.length === 0) {
    throw new WorkingHoursError('at least one working window is needed');
  }
  const parsed: MinuteWindow[] = [];
  for (const window of windows) {
    const startMinute = minutesOf(window.from);
    const endMinute = minutesOf(window.to);
    if (startMinute >= endMinute) {
      throw new WorkingHoursError(`${window.from}–${window.to} does not end after it starts`);
    }
    const previous = parsed[parsed.length - 1];
    if (previous !== undefined && startMinute < previous.endMinute) {
      throw new WorkingHoursError(
        `${window.from}–${window.to} overlaps or precedes the window before it`
      );
    }
    if (previous !== undefined && startMinute === previous.endMinute) {
      parsed[parsed.length - 1] = { startMinute: previous.startMinute, endMinute };
    } else {
      parsed.push({ startMinute, endMinute });
    }
  }
  return parsed;
}

export class WorkingHoursError extends Error {
  constructor(problem: string) {
    super(`Invalid working hours: ${problem}`);
    this.name = 'WorkingHoursError';
  }
}

function minutesOf(text: string): number {
  const match = HOUR_MINUTE.exec(text);
  if (match === null) {
    throw new WorkingHoursError(`"${text}" is not HH:MM between 00:00 and 23:59`);
  }
  return Number(match[1]) * 60 + Number(match[2]);
}
