import { validate as isValidCron } from 'node-cron';
import { z } from 'zod';
import type {
  CategoryLimitsInput,
  SettingsFieldProblem,
  SettingsSectionName,
  SettingsSections,
} from '../../../shared/settings';
import { arrangementProblems } from './arrangement';
import { isValidJobName } from './job-period';
import { SAMPLE_STRATUM_KINDS } from './spot-check-sample';

/**
 * The settings an administrator may change, as zod schemas with a message in Chinese and English
 * for every field, so a 400 answer names each wrong field in both languages. The schemas are
 * strict (an unknown field is an error, not silently dropped) and need what only the running app
 * knows — the registered job names and the built-in calendar years — hence the factory.
 */

/** Inside a zod message: Chinese, then English. */
const SEPARATOR = '\u001f';
const both = (zh: string, en: string): string => `${zh}${SEPARATOR}${en}`;

/** The Chinese label of each settings field, as the settings page shows it. */
export const SETTINGS_FIELD_LABELS_ZH: Readonly<Record<string, string>> = {
  minSample: '最小样本量',
  resolutionRate: '办结率阈值',
  satisfactionRate: '满意率阈值',
  spotCheckPassRate: '抽查合格率阈值',
  percent: '抽样比例',
  min: '每层最少抽取',
  max: '每层最多抽取',
  strata: '抽查分层',
  timezone: '时区',
  schedules: '任务计划',
  reportRecipients: '通报抄送人',
  years: '节假日安排',
  off: '放假日期',
  work: '调休上班日期',
  source: '依据',
  gridDays: '网格办理时限',
  townshipDays: '乡镇办理时限',
  countyDays: '县级办理时限',
  urgentHours: '紧急时限',
  warningOffsetHours: '预警提前量',
  gridWarningOffsetHours: '网格预警提前量',
  townshipWarningOffsetHours: '乡镇预警提前量',
  countyWarningOffsetHours: '县级预警提前量',
};

const zhLabel = (name: string): string => SETTINGS_FIELD_LABELS_ZH[name] ?? name;

function wholeNumber(name: string, min: number, max: number) {
  const message = both(
    `${zhLabel(name)}须为 ${min}–${max} 的整数`,
    `${name} must be a whole number from ${min} to ${max}`
  );
  return z
    .number({ error: message })
    .int({ error: message })
    .min(min, { error: message })
    .max(max, { error: message });
}

function percentage(name: string, { exclusiveMin = false } = {}) {
  const message = both(
    `${zhLabel(name)}须为 ${exclusiveMin ? '大于 0 且不超过 100' : '0–100'} 的数(百分比)`,
    `${name} must be a percentage ${exclusiveMin ? 'above 0 and at most 100' : 'from 0 to 100'}`
  );
  const number = z.number({ error: message }).max(100, { error: message });
  return exclusiveMin ? number.gt(0, { error: message }) : number.min(0, { error: message });
}

function strictObject<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? both(
            `不接受的字段:${issue.keys.join('、')}`,
            `unknown field(s): ${issue.keys.join(', ')}`
          )
        : both('须为对象', 'must be an object'),
  });
}

export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const YEAR = /^\d{4}$/;

export interface SettingsContext {
  /** Names of the registered jobs; a schedule for another name is refused. */
  jobNames: readonly string[];
  /** Years the built-in calendar carries (shown read-only, not entered). */
  builtInYears: readonly number[];
}

export function settingsSchemas(context: SettingsContext) {
  const metrics = strictObject({
    minSample: wholeNumber('minSample', 1, 100_000),
    thresholds: strictObject({
      resolutionRate: percentage('resolutionRate'),
      satisfactionRate: percentage('satisfactionRate'),
      spotCheckPassRate: percentage('spotCheckPassRate'),
    }),
  });

  const spotCheck = strictObject({
    percent: percentage('percent', { exclusiveMin: true }),
    min: wholeNumber('min', 0, 1000),
    max: wholeNumber('max', 1, 1000),
    strata: z
      .array(
        z.enum(SAMPLE_STRATUM_KINDS, {
          error: both(
            '抽查分层只能是乡镇(township)或部门(department)',
            'a stratum is township or department'
          ),
        }),
        { error: both('抽查分层须为列表', 'strata must be a list') }
      )
      .min(1, { error: both('至少选择一种抽查分层', 'choose at least one stratum') })
      .refine((kinds) => new Set(kinds).size === kinds.length, {
        error: both('抽查分层不能重复', 'each stratum once'),
      })
      .optional(),
  }).superRefine((rule, ctx) => {
    if (rule.min > rule.max) {
      ctx.addIssue({
        code: 'custom',
        path: ['min'],
        message: both('每层最少抽取不能大于最多抽取', 'min must not exceed max'),
      });
    }
  });

  const jobs = strictObject({
    timezone: z
      .string({ error: both('时区须为文本', 'timezone must be text') })
      .refine(isKnownTimeZone, {
        error: both(
          '时区须为 IANA 时区名,如 Asia/Shanghai',
          'timezone must be an IANA time zone such as Asia/Shanghai'
        ),
      }),
    schedules: z
      .record(
        z.string(),
        z.string({
          error: both('任务计划须为 cron 表达式', 'a schedule must be a cron expression'),
        }),
        {
          error: both(
            '任务计划须为对象 { 任务名: cron }',
            'schedules must be an object { job: cron }'
          ),
        }
      )
      .superRefine((schedules, ctx) => {
        for (const [name, expression] of Object.entries(schedules)) {
          if (!isValidJobName(name) || !context.jobNames.includes(name)) {
            ctx.addIssue({
              code: 'custom',
              path: [name],
              message: both(`没有名为 ${name} 的任务`, `there is no job named ${name}`),
            });
          } else if (!isValidCron(expression)) {
            ctx.addIssue({
              code: 'custom',
              path: [name],
              message: both(
                `任务 ${name} 的计划“${expression}”不是有效的 cron 表达式`,
                `the schedule "${expression}" of job ${name} is not a valid cron expression`
              ),
            });
          }
        }
      }),
  });

  const notifications = strictObject({
    reportRecipients: z
      .array(
        z
          .string({ error: both('须为电子邮箱地址', 'must be an email address') })
          .trim()
          .regex(EMAIL, {
            error: both('不是有效的电子邮箱地址', 'is not an email address'),
          }),
        {
          error: both(
            '通报抄送人须为邮箱列表',
            'reportRecipients must be a list of email addresses'
          ),
        }
      )
      .max(100, { error: both('通报抄送人最多 100 个', 'at most 100 report recipients') }),
  });

  const dateList = (name: 'off' | 'work') =>
    z
      .array(
        z
          .string({ error: both(`${zhLabel(name)}须为日期文本`, `${name} entries must be dates`) })
          .trim(),
        {
          error: both(`${zhLabel(name)}须为日期列表`, `${name} must be a list of dates`),
        }
      )
      .max(200, { error: both(`${zhLabel(name)}最多 200 项`, `${name}: at most 200 entries`) });

  const yearArrangement = strictObject({
    source: z
      .string({ error: both('依据须为文本', 'source must be text') })
      .trim()
      .max(200, { error: both('依据最多 200 个字符', 'source: at most 200 characters') })
      .optional(),
    off: dateList('off'),
    work: dateList('work'),
  });

  const calendar = strictObject({
    years: z
      .record(z.string(), yearArrangement, {
        error: both(
          '节假日安排须为对象 { 年份: 安排 }',
          'years must be an object { year: arrangement }'
        ),
      })
      .superRefine((years, ctx) => {
        for (const [year, arrangement] of Object.entries(years)) {
          if (!YEAR.test(year) || Number(year) < 2000 || Number(year) > 2100) {
            ctx.addIssue({
              code: 'custom',
              path: [year],
              message: both(
                `“${year}”不是 2000–2100 的年份`,
                `"${year}" is not a year from 2000 to 2100`
              ),
            });
            continue;
          }
          if (context.builtInYears.includes(Number(year))) {
            ctx.addIssue({
              code: 'custom',
              path: [year],
              message: both(
                `${year} 年的安排已内置,不能修改`,
                `${year} is built in and cannot be entered`
              ),
            });
            continue;
          }
          for (const problem of arrangementProblems({ [year]: arrangement })) {
            ctx.addIssue({
              code: 'custom',
              path:
                problem.kind === undefined ? [year] : [year, problem.kind, problem.index as number],
              message: both(problem.zh, problem.en),
            });
          }
        }
      }),
  });

  return { metrics, spotCheck, jobs, notifications, calendar } satisfies Record<
    SettingsSectionName,
    z.ZodType
  >;
}

export const categoryLimitsSchema = strictObject({
  gridDays: wholeNumber('gridDays', 1, 60),
  townshipDays: wholeNumber('townshipDays', 1, 60),
  countyDays: wholeNumber('countyDays', 1, 90),
  urgentHours: wholeNumber('urgentHours', 1, 72).nullable(),
  warningOffsetHours: wholeNumber('warningOffsetHours', 0, 240),
  // A level's own offset; null: that level warns at warningOffsetHours. Left out: kept as stored.
  gridWarningOffsetHours: wholeNumber('gridWarningOffsetHours', 0, 240).nullable().optional(),
  townshipWarningOffsetHours: wholeNumber('townshipWarningOffsetHours', 0, 240)
    .nullable()
    .optional(),
  countyWarningOffsetHours: wholeNumber('countyWarningOffsetHours', 0, 240).nullable().optional(),
});

export const SETTINGS_SECTION_NAMES: readonly SettingsSectionName[] = [
  'metrics',
  'spotCheck',
  'jobs',
  'notifications',
  'calendar',
];

export function isSettingsSectionName(name: string): name is SettingsSectionName {
  return (SETTINGS_SECTION_NAMES as readonly string[]).includes(name);
}

export type Parsed<Value> =
  { ok: true; value: Value } | { ok: false; problems: SettingsFieldProblem[] };

/** One problem per zod issue, in both languages; zod's own wording only where ours is missing. */
export function problemsOf(error: z.ZodError): SettingsFieldProblem[] {
  return error.issues.map((issue) => {
    const path = issue.path.map((key) => (typeof key === 'number' ? key : String(key)));
    const [zh, en] = issue.message.split(SEPARATOR);
    if (en !== undefined) return { path, message: en, messageZh: zh };
    const name = path.length > 0 ? String(path[path.length - 1]) : 'body';
    return {
      path,
      message: `${name}: ${issue.message}`,
      messageZh: `${zhLabel(name)}有误:${issue.message}`,
    };
  });
}

export function parseSection<Name extends SettingsSectionName>(
  context: SettingsContext,
  section: Name,
  input: unknown
): Parsed<SettingsSections[Name]> {
  const result = settingsSchemas(context)[section].safeParse(input);
  return result.success
    ? { ok: true, value: result.data as SettingsSections[Name] }
    : { ok: false, problems: problemsOf(result.error) };
}

export function parseCategoryLimits(input: unknown): Parsed<CategoryLimitsInput> {
  const result = categoryLimitsSchema.safeParse(input);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, problems: problemsOf(result.error) };
}
