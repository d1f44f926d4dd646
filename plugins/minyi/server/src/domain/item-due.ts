import type { WorkingCalendar } from './calendar';
import { isTerminalStatus, type ItemStatus } from './vocabulary';

/** Hours of working time in a working day (08:00–12:00 and 14:00–18:00). */
const HOURS_PER_WORKING_DAY = 8;

export interface ItemDueView {
  dueAt: string | null;
  workingMinutesLeft: number | null;
  workingMinutesOverdue: number | null;
  overdue: boolean;
  stopped: boolean;
  label: string;
}

/** 2 个工作日 3 小时 / 5 小时 20 分钟 / 40 分钟 (working time, 8 hours a working day). */
export function workingDurationZh(minutes: number): string {
  const whole = Math.max(0, Math.round(minutes));
  const days = Math.floor(whole / (HOURS_PER_WORKING_DAY * 60));
  const hours = Math.floor((whole % (HOURS_PER_WORKING_DAY * 60)) / 60);
  const rest = whole % 60;
  const parts: string[] = [];
  if (days > 0) parts.push(`${days} 个工作日`);
  if (hours > 0) parts.push(`${hours} 小时`);
  if (days === 0 && rest > 0) parts.push(`${rest} 分钟`);
  return parts.length > 0 ? parts.join(' ') : '不到 1 分钟';
}

/**
 * Where an item stands against its deadline, in working time from the county's calendar: the
 * time left, or the time overdue. The clock stops for handled items and paused ones.
 */
export function itemDue(
  calendar: WorkingCalendar,
  item: { status: ItemStatus; dueAt: Date | null; pausedAt: Date | null },
  now: Date
): ItemDueView {
  const dueAt = item.dueAt ? item.dueAt.toISOString() : null;
  const none = { workingMinutesLeft: null, workingMinutesOverdue: null, overdue: false };
  if (isTerminalStatus(item.status))
    return { dueAt, ...none, stopped: true, label: '已办结,不再计时' };
  if (item.dueAt === null) return { dueAt, ...none, stopped: false, label: '尚无办理时限' };
  if (item.pausedAt !== null) return { dueAt, ...none, stopped: true, label: '计时已暂停' };
  const minutes = Math.round(calendar.workingHoursBetween(now, item.dueAt) * 60);
  if (now.getTime() > item.dueAt.getTime()) {
    const over = Math.max(0, -minutes);
    return {
      dueAt,
      workingMinutesLeft: 0,
      workingMinutesOverdue: over,
      overdue: true,
      stopped: false,
      label: `已超期 ${workingDurationZh(over)}`,
    };
  }
  return {
    dueAt,
    workingMinutesLeft: minutes,
    workingMinutesOverdue: null,
    overdue: false,
    stopped: false,
    label: `剩余 ${workingDurationZh(minutes)}`,
  };
}
