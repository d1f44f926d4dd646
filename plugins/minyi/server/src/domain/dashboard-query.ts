import { DateTime } from 'luxon';
import { z } from 'zod';
import { periodBounds, periodKey, type PeriodBounds } from './job-period';

/**
 * The dashboard's period (GET /minyi/dashboard): a month (2026-10), a quarter (2026-Q4), a year
 * (2026) or a custom range of local dates (from=2026-10-08&to=2026-10-21, both included); default
 * the current month in the county. The previous period is the one just before, of the same
 * length (the previous month, quarter, year; for a range as many days before it). The trend
 * covers the 12 months that end with the period's last month.
 */

export type DashboardUnit = 'month' | 'quarter' | 'year' | 'range';

export interface DashboardPeriod {
  unit: DashboardUnit;
  key: string;
  bounds: PeriodBounds;
  previousKey: string;
  previous: PeriodBounds;
  /** The 12 month keys of the trend, oldest first. */
  trendMonths: string[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A custom range may span at most this many days (a year and a leap day). */
export const MAX_RANGE_DAYS = 366;

export const dashboardQuerySchema = z
  .object({
    period: z
      .string()
      .trim()
      .regex(
        /^\d{4}(-\d{2}|-Q[1-4])?$/,
        '期间格式应为 2026-10、2026-Q4 或 2026 / period must look like 2026-10, 2026-Q4 or 2026'
      )
      .optional(),
    from: z
      .string()
      .trim()
      .regex(DATE, '日期格式应为 2026-10-01 / date must look like 2026-10-01')
      .optional(),
    to: z
      .string()
      .trim()
      .regex(DATE, '日期格式应为 2026-10-31 / date must look like 2026-10-31')
      .optional(),
  })
  .strict();

export type DashboardQueryResult =
  | { ok: true; value: DashboardPeriod }
  | { ok: false; problems: Array<{ field: string; message: string }> };

const unitOfKey = (key: string): 'month' | 'quarter' | 'year' =>
  /-Q/.test(key) ? 'quarter' : key.length === 4 ? 'year' : 'month';

function trendMonths(lastInstant: Date, zone: string): string[] {
  return Array.from({ length: 12 }, (_, i) =>
    periodKey(lastInstant, zone, { unit: 'month', offset: i - 11 })
  );
}

export function parseDashboardQuery(raw: unknown, now: Date, zone: string): DashboardQueryResult {
  const parsed = dashboardQuerySchema.safeParse(raw ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        field:
          issue.path.join('.') ||
          (issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : '(query)'),
        message:
          issue.code === 'unrecognized_keys'
            ? `不支持的参数 / unknown parameter: ${issue.keys.join(', ')}(只接受 period、from、to / only period, from, to)`
            : issue.message,
      })),
    };
  }
  const { period, from, to } = parsed.data;
  if (period !== undefined && (from !== undefined || to !== undefined))
    return {
      ok: false,
      problems: [
        {
          field: 'period',
          message: '期间与起止日期只能二选一 / give either period or from and to, not both',
        },
      ],
    };
  if (from !== undefined || to !== undefined) return parseRange(from, to, zone);

  const key = period ?? periodKey(now, zone, { unit: 'month' });
  const unit = unitOfKey(key);
  const bounds = periodBounds(key, zone, { unit });
  if (!bounds)
    return {
      ok: false,
      problems: [{ field: 'period', message: `没有这个期间 / no such period: "${key}"` }],
    };
  const previousKey = periodKey(bounds.start, zone, { unit, offset: -1 });
  const previous = periodBounds(previousKey, zone, { unit }) as PeriodBounds;
  return {
    ok: true,
    value: {
      unit,
      key,
      bounds,
      previousKey,
      previous,
      trendMonths: trendMonths(new Date(bounds.end.getTime() - 1), zone),
    },
  };
}

function parseRange(
  from: string | undefined,
  to: string | undefined,
  zone: string
): DashboardQueryResult {
  const problems: Array<{ field: string; message: string }> = [];
  if (from === undefined)
    problems.push({ field: 'from', message: '请给出开始日期 / from is required with to' });
  if (to === undefined)
    problems.push({ field: 'to', message: '请给出结束日期 / to is required with from' });
  if (problems.length > 0 || from === undefined || to === undefined) return { ok: false, problems };
  const first = DateTime.fromISO(from, { zone });
  const last = DateTime.fromISO(to, { zone });
  if (!first.isValid)
    problems.push({ field: 'from', message: `没有这一天 / no such date: ${from}` });
  if (!last.isValid) problems.push({ field: 'to', message: `没有这一天 / no such date: ${to}` });
  if (problems.length > 0) return { ok: false, problems };
  const days = Math.round(last.diff(first, 'days').days) + 1;
  if (days < 1)
    return {
      ok: false,
      problems: [{ field: 'to', message: '结束日期不能早于开始日期 / to must not be before from' }],
    };
  if (days > MAX_RANGE_DAYS)
    return {
      ok: false,
      problems: [
        {
          field: 'to',
          message: `区间最长 ${MAX_RANGE_DAYS} 天 / a range spans at most ${MAX_RANGE_DAYS} days`,
        },
      ],
    };
  const start = first.startOf('day');
  const end = last.plus({ days: 1 }).startOf('day');
  const previousStart = start.minus({ days });
  const previousLast = start.minus({ days: 1 });
  return {
    ok: true,
    value: {
      unit: 'range',
      key: `${from}~${to}`,
      bounds: { start: start.toJSDate(), end: end.toJSDate() },
      previousKey: `${previousStart.toISODate()}~${previousLast.toISODate()}`,
      previous: { start: previousStart.toJSDate(), end: start.toJSDate() },
      trendMonths: trendMonths(new Date(end.toMillis() - 1), zone),
    },
  };
}
