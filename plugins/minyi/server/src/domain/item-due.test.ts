import { createWorkingCalendar } from './calendar';
import { itemDue, workingDurationZh } from './item-due';

const calendar = createWorkingCalendar({ timeZone: 'Asia/Shanghai' });

describe('item due countdown', () => {
  it('counts working time left and overdue from the calendar', () => {
    // Tuesday 2026-12-01 09:00 local; due Thursday 18:00 local: 7 h today + 8 h Wed + 8 h Thu.
    const now = new Date('2026-12-01T01:00:00Z');
    const due = itemDue(
      calendar,
      { status: 'in-progress', dueAt: new Date('2026-12-03T10:00:00Z'), pausedAt: null },
      now
    );
    expect(due.workingMinutesLeft).toBe(23 * 60);
    expect(due.label).toBe('剩余 2 个工作日 7 小时');
    // Due Monday 18:00 local, now Wednesday 10:00 local: 8 h Tue + 2 h Wed overdue.
    const late = itemDue(
      calendar,
      { status: 'assigned', dueAt: new Date('2026-11-30T10:00:00Z'), pausedAt: null },
      new Date('2026-12-02T02:00:00Z')
    );
    expect(late).toMatchObject({ overdue: true, workingMinutesOverdue: 10 * 60 });
    expect(late.label).toBe('已超期 1 个工作日 2 小时');
  });

  it('stops the clock for handled and paused items', () => {
    const now = new Date('2026-12-01T01:00:00Z');
    const dueAt = new Date('2026-11-01T10:00:00Z');
    expect(itemDue(calendar, { status: 'resolved', dueAt, pausedAt: null }, now)).toMatchObject({
      stopped: true,
      overdue: false,
    });
    expect(itemDue(calendar, { status: 'assigned', dueAt, pausedAt: now }, now).stopped).toBe(true);
    expect(workingDurationZh(25)).toBe('25 分钟');
  });
});
