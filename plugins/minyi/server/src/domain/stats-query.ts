import { z } from 'zod';
import { periodBounds, periodKey, type PeriodBounds, type PeriodUnit } from './job-period';

/**
 * The public stats query (GET /api/stats): a period (month 2026-10, quarter 2026-Q4, ISO week
 * 2026-W44 or year 2026; default the current month in the county) and optionally one township code.
 * Nothing else is accepted, so no filter or sort can reach a private field.
 */

const PERIOD_UNITS_BY_FORMAT: ReadonlyArray<readonly [RegExp, PeriodUnit]> = [
  [/^\d{4}-\d{2}$/, 'month'],
  [/^\d{4}-Q[1-4]$/, 'quarter'],
  [/^\d{4}-W\d{2}$/, 'week'],
  [/^\d{4}$/, 'year'],
];

export const statsQuerySchema = z
  .object({
    period: z.string().trim().max(16).optional(),
    township: z
      .string()
      .trim()
      .regex(
        /^[A-Za-z0-9-]{1,64}$/,
        '乡镇编码只能包含字母、数字和连字符 / letters, digits and - only'
      )
      .optional(),
  })
  .strict();

export interface StatsQuery {
  period: string;
  unit: PeriodUnit;
  bounds: PeriodBounds;
  township: string | null;
}

export type StatsQueryResult =
  | { ok: true; value: StatsQuery }
  | { ok: false; problems: Array<{ field: string; message: string }> };

export function parseStatsQuery(raw: unknown, now: Date, zone: string): StatsQueryResult {
  const parsed = statsQuerySchema.safeParse(raw ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        field:
          issue.path.join('.') ||
          (issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : '(query)'),
        message:
          issue.code === 'unrecognized_keys'
            ? `不支持的参数 / unknown parameter: ${issue.keys.join(', ')}(只接受 period、township / only period, township)`
            : issue.message,
      })),
    };
  }
  const period = parsed.data.period ?? periodKey(now, zone, { unit: 'month' });
  const unit = PERIOD_UNITS_BY_FORMAT.find(([format]) => format.test(period))?.[1];
  const bounds = unit ? periodBounds(period, zone, { unit }) : null;
  if (!unit || !bounds) {
    return {
      ok: false,
      problems: [
        {
          field: 'period',
          message: `期间格式应为 2026-10、2026-Q4、2026-W44 或 2026 / period must look like 2026-10, 2026-Q4, 2026-W44 or 2026, got "${period}"`,
        },
      ],
    };
  }
  return { ok: true, value: { period, unit, bounds, township: parsed.data.township ?? null } };
}
