const DAY_MS = 24 * 60 * 60 * 1000;
/** China Standard Time has no daylight saving: a fixed +8 h offset gives the local weekday. */
const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * The deadline of an item received at `receivedAt` with `workingDays` to handle it: the same clock
 * time, `workingDays` working days later, where a working day is Monday–Friday in Asia/Shanghai.
 *
 * Used for the million synthetic benchmark items, where the plugin calendar's cost per item would
 * dominate the load, and as the demo generator's default outside the app. It skips weekends but
 * knows nothing of public holidays or 调休; the demo county loaded by the app uses the workflow
 * plugin's calendar instead (src/seed/index.ts).
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
