const DAY_MS = 24 * 60 * 60 * 1000;
/** China Standard Time has no daylight saving: a fixed +8 h offset gives the local weekday. */
const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * The deadline of an item received at `receivedAt` with `workingDays` to handle it: the same clock
 * time, `workingDays` working days later, where a working day is Monday–Friday in Asia/Shanghai.
 *
 * Demo/synthetic data only, and deliberately the ONE place the seed computes a deadline: it skips
 * weekends but knows nothing of public holidays or 调休 make-up days. The workflow engine's
 * working-day calendar (being written in plugins/minyi/server/src/domain) replaces it; swap this
 * body for a call to that calendar once it lands.
 */
export function dueAtFor(receivedAt: Date, workingDays: number): Date {
  let time = receivedAt.getTime();
  let remaining = Math.max(0, Math.floor(workingDays));
  while (remaining > 0) {
    time += DAY_MS;
    const weekday = new Date(time + CST_OFFSET_MS).getUTCDay();
    if (weekday !== 0 && weekday !== 6) remaining--;
  }
  return new Date(time);
}
