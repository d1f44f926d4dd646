import { DateTime } from 'luxon';
import { type Refusal, refuse } from './result';

/**
 * The pure parts of the job machinery: period keys (what "once per period" means for a job),
 * lease arithmetic, the run-or-skip decision, and the checks on a run request. All instants are
 * JS Dates; the county's IANA zone decides where a day, week, month … begins.
 */

// ---------------------------------------------------------------------------------------------
// Period keys
// ---------------------------------------------------------------------------------------------

export const PERIOD_UNITS = ['minute', 'hour', 'day', 'week', 'month', 'quarter', 'year'] as const;
export type PeriodUnit = (typeof PERIOD_UNITS)[number];

/**
 * A job's period: `step` groups minutes or hours (it must divide 60 or 24, so periods restart on
 * the hour / at midnight exactly like a `*\/5` cron field does); `offset` shifts whole periods
 * (-1 month = "last month", for a job that reports on the month that has just ended).
 */
export interface PeriodSpec {
  readonly unit: PeriodUnit;
  readonly step?: number;
  readonly offset?: number;
}

/** Key formats, one per unit: '2026-12-01T09:05', '2026-12-01T09', '2026-12-01', '2026-W49', '2026-12', '2026-Q4', '2026'. */
const KEY_FORMAT: Record<PeriodUnit, RegExp> = {
  minute: /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/,
  hour: /^(\d{4})-(\d{2})-(\d{2})T(\d{2})$/,
  day: /^(\d{4})-(\d{2})-(\d{2})$/,
  week: /^(\d{4})-W(\d{2})$/,
  month: /^(\d{4})-(\d{2})$/,
  quarter: /^(\d{4})-Q([1-4])$/,
  year: /^(\d{4})$/,
};

interface CheckedSpec {
  unit: PeriodUnit;
  step: number;
  offset: number;
}

function checkSpec(spec: PeriodSpec): CheckedSpec {
  if (!PERIOD_UNITS.includes(spec.unit))
    throw new RangeError(`unknown period unit "${String(spec.unit)}"`);
  const step = spec.step ?? 1;
  const offset = spec.offset ?? 0;
  if (!Number.isInteger(step) || step < 1)
    throw new RangeError(`period step must be a whole number ≥ 1, got ${step}`);
  if (!Number.isInteger(offset))
    throw new RangeError(`period offset must be a whole number, got ${offset}`);
  const cycle = spec.unit === 'minute' ? 60 : spec.unit === 'hour' ? 24 : 1;
  if (cycle % step !== 0) {
    throw new RangeError(
      cycle === 1
        ? `a ${spec.unit} period has no step (got ${step})`
        : `a ${spec.unit} step must divide ${cycle} (got ${step})`
    );
  }
  return { unit: spec.unit, step, offset };
}

function floorTo(value: number, step: number): number {
  return Math.floor(value / step) * step;
}

/** The local start of the period that contains `at`, before any offset. */
function startOfPeriod(at: DateTime, { unit, step }: CheckedSpec): DateTime {
  switch (unit) {
    case 'minute':
      return at.startOf('minute').set({ minute: floorTo(at.minute, step) });
    case 'hour':
      return at.startOf('hour').set({ hour: floorTo(at.hour, step) });
    case 'week':
      return at.startOf('week'); // ISO week: Monday 00:00
    default:
      return at.startOf(unit);
  }
}

function shift(start: DateTime, { unit, step }: CheckedSpec, periods: number): DateTime {
  if (periods === 0) return start;
  const amount = periods * step;
  switch (unit) {
    case 'minute':
      return start.plus({ minutes: amount });
    case 'hour':
      return start.plus({ hours: amount });
    case 'day':
      return start.plus({ days: amount });
    case 'week':
      return start.plus({ weeks: amount });
    case 'month':
      return start.plus({ months: amount });
    case 'quarter':
      return start.plus({ quarters: amount });
    case 'year':
      return start.plus({ years: amount });
  }
}

function formatKey(start: DateTime, unit: PeriodUnit): string {
  switch (unit) {
    case 'minute':
      return start.toFormat("yyyy-MM-dd'T'HH:mm");
    case 'hour':
      return start.toFormat("yyyy-MM-dd'T'HH");
    case 'day':
      return start.toFormat('yyyy-MM-dd');
    case 'week':
      return start.toFormat("kkkk-'W'WW");
    case 'month':
      return start.toFormat('yyyy-MM');
    case 'quarter':
      return `${start.toFormat('yyyy')}-Q${start.quarter}`;
    case 'year':
      return start.toFormat('yyyy');
  }
}

function local(at: Date, zone: string): DateTime {
  const dt = DateTime.fromJSDate(at, { zone });
  if (!dt.isValid)
    throw new RangeError(
      `cannot read ${String(at)} in time zone "${zone}": ${dt.invalidExplanation ?? dt.invalidReason}`
    );
  return dt;
}

/**
 * The key of the period that contains `now` in the county's zone (shifted by `offset` periods).
 * In a zone with daylight saving, minute and hour keys name local wall-clock time, so the
 * repeated hour of an autumn night shares its keys with the first pass (one run, not two).
 */
export function periodKey(now: Date, zone: string, spec: PeriodSpec): string {
  const checked = checkSpec(spec);
  return formatKey(
    shift(startOfPeriod(local(now, zone), checked), checked, checked.offset),
    checked.unit
  );
}

/** A `period` function for a job: `period: periodOf({ unit: 'minute', step: 5 })`. */
export function periodOf(spec: PeriodSpec): (now: Date, zone: string) => string {
  checkSpec(spec);
  return (now, zone) => periodKey(now, zone, spec);
}

export interface PeriodBounds {
  /** First instant of the period. */
  readonly start: Date;
  /** First instant after it. */
  readonly end: Date;
}

/**
 * The instants a key of this spec names, or null when the key is not a well-formed, aligned key
 * of the spec's unit ('2026-13', '2026-12-01T09:03' for a 5-minute period, '2026-W54' …).
 */
export function periodBounds(key: string, zone: string, spec: PeriodSpec): PeriodBounds | null {
  const checked = checkSpec(spec);
  const match = KEY_FORMAT[checked.unit].exec(key);
  if (!match) return null;
  const n = match.slice(1).map(Number);
  let start: DateTime;
  switch (checked.unit) {
    case 'minute':
      start = DateTime.fromObject(
        { year: n[0], month: n[1], day: n[2], hour: n[3], minute: n[4] },
        { zone }
      );
      break;
    case 'hour':
      start = DateTime.fromObject({ year: n[0], month: n[1], day: n[2], hour: n[3] }, { zone });
      break;
    case 'day':
      start = DateTime.fromObject({ year: n[0], month: n[1], day: n[2] }, { zone });
      break;
    case 'week':
      start = DateTime.fromObject({ weekYear: n[0], weekNumber: n[1], weekday: 1 }, { zone });
      break;
    case 'month':
      start = DateTime.fromObject({ year: n[0], month: n[1] }, { zone });
      break;
    case 'quarter':
      start = DateTime.fromObject({ year: n[0], month: (n[1] - 1) * 3 + 1 }, { zone });
      break;
    case 'year':
      start = DateTime.fromObject({ year: n[0] }, { zone });
      break;
  }
  // Out-of-range fields (month 13, 31 November, week 54) are invalid or read back differently.
  if (!start.isValid || formatKey(start, checked.unit) !== key) return null;
  if (!startOfPeriod(start, checked).equals(start)) return null; // not on the step grid
  return { start: start.toJSDate(), end: shift(start, checked, 1).toJSDate() };
}

/** Any period key a job may be given explicitly: short, printable, no spaces or quotes. */
export const PERIOD_KEY_PATTERN = /^[0-9A-Za-z][0-9A-Za-z:._+-]{0,63}$/;

// ---------------------------------------------------------------------------------------------
// Leases
// ---------------------------------------------------------------------------------------------

/** A lease is live while now < expiresAt; it can be taken (or stolen) from expiresAt on. */
export function leaseExpiresAt(now: Date, ttlMs: number): Date {
  if (!Number.isInteger(ttlMs) || ttlMs < 1)
    throw new RangeError(`a lease time-to-live must be a whole number of ms ≥ 1, got ${ttlMs}`);
  return new Date(now.getTime() + ttlMs);
}

export function isLeaseLive(expiresAt: Date | null | undefined, now: Date): boolean {
  return expiresAt != null && now.getTime() < expiresAt.getTime();
}

/** How often a running job renews its lease: three chances before it would expire. */
export function leaseRenewalIntervalMs(ttlMs: number): number {
  return Math.max(1, Math.floor(ttlMs / 3));
}

// ---------------------------------------------------------------------------------------------
// Runs
// ---------------------------------------------------------------------------------------------

export const JOB_RUN_STATUSES = ['running', 'succeeded', 'failed'] as const;
export type JobRunStatus = (typeof JOB_RUN_STATUSES)[number];

export type RunDecision =
  | {
      readonly start: true;
      /** a row for the period exists and is taken over */ readonly rerun: boolean;
    }
  | { readonly start: false; readonly reason: 'already-succeeded' };

/**
 * Once the job's lease is held (so no live run of it exists anywhere): a period that succeeded is
 * done unless forced; a failed period, or one left "running" by a holder whose lease expired
 * (a crash), runs again.
 */
export function decideRun(existing: JobRunStatus | null, force: boolean): RunDecision {
  if (existing === null) return { start: true, rerun: false };
  if (existing === 'succeeded' && !force) return { start: false, reason: 'already-succeeded' };
  return { start: true, rerun: true };
}

/** Rows started before this instant are old enough to prune: `days` calendar days before now, in the zone. */
export function retentionCutoff(now: Date, days: number, zone: string): Date {
  if (!Number.isInteger(days) || days < 1)
    throw new RangeError(`retention must be a whole number of days ≥ 1, got ${days}`);
  return local(now, zone).minus({ days }).toJSDate();
}

// ---------------------------------------------------------------------------------------------
// Names, schedules, requests
// ---------------------------------------------------------------------------------------------

export const JOB_NAME_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
export const JOB_NAME_MAX_LENGTH = 64;

export function isValidJobName(name: string): boolean {
  return name.length <= JOB_NAME_MAX_LENGTH && JOB_NAME_PATTERN.test(name);
}

/** The environment variable that overrides a job's schedule: escalation → MINYI_JOB_ESCALATION_CRON. */
export function scheduleEnvKey(name: string): string {
  return `MINYI_JOB_${name.toUpperCase().replace(/-/g, '_')}_CRON`;
}

/** The job a schedule variable names, or null: MINYI_JOB_JOB_RUNS_PRUNE_CRON → job-runs-prune. */
export function jobNameFromScheduleEnvKey(key: string): string | null {
  const match = /^MINYI_JOB_([A-Z0-9]+(?:_[A-Z0-9]+)*)_CRON$/.exec(key);
  return match ? match[1].toLowerCase().replace(/_/g, '-') : null;
}

/**
 * An explicit "now": an ISO 8601 instant ('2026-12-01T09:00:00+08:00'); without an offset it is
 * read as local time in the county's zone. Null when it cannot be read.
 */
export function parseInstant(raw: string, zone: string): Date | null {
  const text = raw.trim();
  if (text.length === 0 || text.length > 64) return null;
  const dt = DateTime.fromISO(text, { zone, setZone: false });
  return dt.isValid ? dt.toJSDate() : null;
}

export interface RunRequest {
  readonly now?: string;
  readonly period?: string;
  readonly force?: boolean;
}

export type RunRequestRefusal = Refusal<
  'not-an-object' | 'unknown-field' | 'bad-now' | 'bad-period' | 'bad-force'
>;

const RUN_REQUEST_FIELDS = ['now', 'period', 'force'];

/** The shape of a run request from the admin route (a JSON body): only now, period, force, each typed. */
export function parseRunRequest(
  input: unknown
): { ok: true; value: RunRequest } | RunRequestRefusal {
  if (input === undefined || input === null) return { ok: true, value: {} };
  if (typeof input !== 'object' || Array.isArray(input)) {
    return refuse(
      'not-an-object',
      '请求体须为 JSON 对象 { now?, period?, force? }',
      'the body must be a JSON object { now?, period?, force? }'
    );
  }
  const body = input as Record<string, unknown>;
  const unknown = Object.keys(body).filter((key) => !RUN_REQUEST_FIELDS.includes(key));
  if (unknown.length > 0) {
    const list = unknown.map((key) => `"${key}"`).join(', ');
    return refuse(
      'unknown-field',
      `未知字段 ${list}(只接受 now、period、force)`,
      `unknown field ${list} (only now, period, force)`
    );
  }
  const value: { now?: string; period?: string; force?: boolean } = {};
  if (body.now !== undefined && body.now !== null) {
    if (typeof body.now !== 'string')
      return refuse(
        'bad-now',
        'now 须为 ISO 8601 时间字符串',
        'now must be an ISO 8601 date-time string'
      );
    value.now = body.now;
  }
  if (body.period !== undefined && body.period !== null) {
    if (typeof body.period !== 'string')
      return refuse('bad-period', 'period 须为字符串', 'period must be a string');
    value.period = body.period;
  }
  if (body.force !== undefined && body.force !== null) {
    if (typeof body.force !== 'boolean')
      return refuse('bad-force', 'force 须为 true 或 false', 'force must be true or false');
    value.force = body.force;
  }
  return { ok: true, value };
}

/** What a run request is checked against: the job's name and how its periods are keyed. */
export interface RunnableJob {
  readonly name: string;
  /** The job's period spec, or null when the job keys its periods with its own function. */
  readonly spec: PeriodSpec | null;
  readonly periodOf: (now: Date, zone: string) => string;
}

/** A run request read and checked: the run's now, its period and whether it repeats a succeeded one. */
export interface ResolvedRunRequest {
  readonly now: Date;
  readonly period: string;
  readonly force: boolean;
}

export type ResolvedRunRequestRefusal =
  RunRequestRefusal | Refusal<'bad-now' | 'bad-period' | 'wrong-period-unit'>;

/**
 * The one check of a run request, whoever sends it (the admin route's JSON body, the CLI's flags,
 * cron and code with a Date): the shape (parseRunRequest), then now as an instant in the county's
 * zone (no offset = local time; default `clock`), the period as a key of the job's own unit
 * (default: the period of now) and force.
 */
export function resolveRunRequest(
  input: unknown,
  job: RunnableJob,
  zone: string,
  clock: Date
): { ok: true; value: ResolvedRunRequest } | ResolvedRunRequestRefusal {
  // Cron and code pass a Date; JSON never carries one, so the shape check sees only text.
  const given =
    input !== null && typeof input === 'object' && !Array.isArray(input)
      ? (input as Record<string, unknown>)
      : null;
  const nowDate = given?.now instanceof Date ? given.now : null;
  const shape = parseRunRequest(nowDate ? { ...given, now: undefined } : input);
  if (!shape.ok) return shape;
  const request = shape.value;

  let now: Date;
  if (nowDate) {
    if (Number.isNaN(nowDate.getTime()))
      return refuse('bad-now', 'now 不是有效时间', 'now is an invalid date');
    now = nowDate;
  } else if (request.now !== undefined) {
    const parsed = parseInstant(request.now, zone);
    if (!parsed) {
      return refuse(
        'bad-now',
        `now "${request.now}" 不是有效的 ISO 8601 时间`,
        `now "${request.now}" is not an ISO 8601 date-time (e.g. 2026-12-01T09:00:00+08:00; without an offset it is read in ${zone})`
      );
    }
    now = parsed;
  } else {
    now = clock;
  }

  let period: string;
  if (request.period === undefined) {
    period = job.periodOf(now, zone);
  } else {
    if (!PERIOD_KEY_PATTERN.test(request.period)) {
      return refuse(
        'bad-period',
        `period "${request.period}" 不是有效的周期`,
        `period "${request.period}" is not a period key (letters, digits and : . _ + -, at most 64)`
      );
    }
    if (job.spec && !periodBounds(request.period, zone, job.spec)) {
      return refuse(
        'wrong-period-unit',
        `period "${request.period}" 不是任务 ${job.name} 的周期`,
        `period "${request.period}" is not a ${job.spec.unit} period of job ${job.name} (e.g. "${periodKey(now, zone, job.spec)}")`
      );
    }
    period = request.period;
  }
  return { ok: true, value: { now, period, force: request.force === true } };
}
