import { validate as isValidCron } from 'node-cron';
import {
  MAIL_DEFAULTS,
  type MailConfig,
  OUTBOX_DEFAULTS,
  type OutboxConfig,
  validateMailConfig,
} from './outbox';
import { AUDIT_DEFAULTS, type AuditConfig, validateAuditConfig } from './audit';
import type { RateLimitsConfig } from '../services/intake/rate-limits';

export interface JobsConfig {
  /** Schedule the jobs on this instance (MINYI_JOBS_ENABLED). The CLI and the tests turn it off. */
  enabled: boolean;
  /** Lease time-to-live in ms: a cron slot's election, and a run's lease (renewed every third of it). */
  leaseTtlMs: number;
  /** job-runs-prune deletes job-run rows older than this many days. */
  retentionDays: number;
  /** Cron expression per job name, overriding the job's default (MINYI_JOB_<NAME>_CRON). */
  schedules: Record<string, string>;
}

export interface MinyiConfig {
  /** IANA time zone of the county: deadlines, job schedules and report periods use it. */
  timezone: string;
  /** Limits for items without a category (working days per level, warning offset in working hours). */
  defaultTimeLimits: {
    gridDays: number;
    townshipDays: number;
    countyDays: number;
    warningOffsetHours: number;
  };
  jobs: JobsConfig;
  /** Absolute address residents and staff reach the app at (links in mails): MINYI_PUBLIC_URL, else PUBLIC_URL. */
  publicUrl: string;
  /** HMAC key of the resident's feedback links (MINYI_FEEDBACK_KEY; defaults to one derived from APP_KEYS). */
  feedbackKey: string;
  /** Where mail goes without SMTP (.eml files), see ./outbox.ts. */
  mail: MailConfig;
  /** Batch size, retries and claim lease of the outbox sender. */
  outbox: OutboxConfig;
  /** Spot-check, metrics, notices and reports (config/audit.ts). */
  audit: AuditConfig;
  /** Per-caller limits on the public routes (MINYI_RATE_LIMIT_*). */
  rateLimits: RateLimitsConfig;
  /**
   * Limits of an uploaded structure file (MINYI_IMPORT_MAX_MB, MINYI_IMPORT_MAX_ROWS, and for a
   * workbook's decompressed size MINYI_IMPORT_MAX_UNZIPPED_MB).
   */
  structureImport: { maxMegabytes: number; maxRowsPerSheet: number; maxUnzippedMegabytes: number };
  /** Photos on items (MINYI_PHOTO_MAX_PER_ITEM: per room, the resident's and 整改前 + 整改后; MINYI_PHOTO_MAX_MB, MINYI_PHOTO_MAX_PIXELS; domain/photos.ts). */
  photos: { maxPerItem: number; maxMegabytes: number; maxPixels: number };
  /** How often each instance looks for settings changed on another instance (MINYI_SETTINGS_POLL_MS). */
  settings: { pollMs: number };
  /** Open311 GeoReport v2 (MINYI_OPEN311_*): README "Open311". */
  open311: Open311Config;
}

export interface Open311Config {
  /** The one jurisdiction_id this endpoint answers for; another answers 404. */
  jurisdictionId: string;
  /** Grid (code) a request without address_id is registered at; empty: the county root. */
  defaultGrid: string;
  /** The discovery's contact and key_service texts. */
  contact: string;
  keyService: string;
  /** What a new request is answered with: its id (default), or a token for tokens/{token}. */
  answerWith: 'service_request_id' | 'token';
}

const defaults: MinyiConfig = {
  timezone: 'Asia/Shanghai',
  defaultTimeLimits: { gridDays: 3, townshipDays: 5, countyDays: 10, warningOffsetHours: 8 },
  jobs: { enabled: true, leaseTtlMs: 60_000, retentionDays: 90, schedules: {} },
  publicUrl: 'http://localhost:1337',
  feedbackKey: 'minyi-dev-feedback-key-change-me',
  mail: MAIL_DEFAULTS,
  outbox: OUTBOX_DEFAULTS,
  audit: AUDIT_DEFAULTS,
  rateLimits: { windowSeconds: 60, submit: 10, partner: 600, track: 120, feedback: 10 },
  structureImport: { maxMegabytes: 50, maxRowsPerSheet: 200_000, maxUnzippedMegabytes: 200 },
  photos: { maxPerItem: 6, maxMegabytes: 10, maxPixels: 50_000_000 },
  settings: { pollMs: 5000 },
  open311: {
    jurisdictionId: 'minyi.local',
    defaultGrid: '',
    contact: '县委社会工作部(民意直通车)',
    keyService: '在 设置 → API 令牌 申请令牌,说明中写 channel: open311',
    answerWith: 'service_request_id',
  },
};

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

export default {
  default: defaults,
  validator(config: Partial<MinyiConfig>) {
    if (typeof config.timezone !== 'string' || config.timezone.length === 0) {
      throw new Error('minyi.timezone must be an IANA time zone name such as "Asia/Shanghai"');
    }
    try {
      new Intl.DateTimeFormat('en', { timeZone: config.timezone });
    } catch {
      throw new Error(`minyi.timezone "${config.timezone}" is not a known IANA time zone`);
    }

    if (typeof config.publicUrl !== 'string' || !/^https?:\/\/[^/]/.test(config.publicUrl)) {
      throw new Error(
        `minyi.publicUrl (MINYI_PUBLIC_URL) must be an absolute http(s) address, got "${String(config.publicUrl)}"`
      );
    }
    if (typeof config.feedbackKey !== 'string' || config.feedbackKey.length < 16) {
      throw new Error('minyi.feedbackKey (MINYI_FEEDBACK_KEY) must be at least 16 characters');
    }

    validateMailConfig(config.mail, config.outbox);
    validateAuditConfig(config.audit);
    const limits = config.rateLimits;
    if (!limits || typeof limits !== 'object')
      throw new Error('minyi.rateLimits must be an object');
    for (const key of ['windowSeconds', 'submit', 'partner', 'track', 'feedback'] as const) {
      if (!isPositiveInteger(limits[key]))
        throw new Error(
          `minyi.rateLimits.${key} (MINYI_RATE_LIMIT_*) must be a whole number ≥ 1, got ${String(limits[key])}`
        );
    }

    const structureImport = config.structureImport;
    if (
      !structureImport ||
      !isPositiveInteger(structureImport.maxMegabytes) ||
      !isPositiveInteger(structureImport.maxRowsPerSheet) ||
      !isPositiveInteger(structureImport.maxUnzippedMegabytes)
    )
      throw new Error(
        'minyi.structureImport.maxMegabytes (MINYI_IMPORT_MAX_MB), maxRowsPerSheet (MINYI_IMPORT_MAX_ROWS) and maxUnzippedMegabytes (MINYI_IMPORT_MAX_UNZIPPED_MB) must be whole numbers ≥ 1'
      );
    const photos = config.photos;
    if (
      !photos ||
      !isPositiveInteger(photos.maxPerItem) ||
      !isPositiveInteger(photos.maxPixels) ||
      typeof photos.maxMegabytes !== 'number' ||
      !(photos.maxMegabytes > 0)
    )
      throw new Error(
        'minyi.photos.maxPerItem (MINYI_PHOTO_MAX_PER_ITEM) and maxPixels (MINYI_PHOTO_MAX_PIXELS) must be whole numbers ≥ 1, maxMegabytes (MINYI_PHOTO_MAX_MB) a number > 0'
      );
    const pollMs = config.settings?.pollMs;
    if (!isPositiveInteger(pollMs) || pollMs < 100 || pollMs > 3_600_000) {
      throw new Error(
        `minyi.settings.pollMs (MINYI_SETTINGS_POLL_MS) must be a whole number of ms from 100 to 3600000, got ${String(pollMs)}`
      );
    }

    const open311 = config.open311;
    if (
      !open311 ||
      typeof open311.jurisdictionId !== 'string' ||
      !/^[A-Za-z0-9._-]{1,100}$/.test(open311.jurisdictionId)
    )
      throw new Error(
        `minyi.open311.jurisdictionId (MINYI_OPEN311_JURISDICTION_ID) must be 1–100 letters, digits, dots, dashes or underscores, got "${String(open311?.jurisdictionId)}"`
      );
    if (typeof open311.defaultGrid !== 'string')
      throw new Error('minyi.open311.defaultGrid (MINYI_OPEN311_DEFAULT_GRID) must be a grid code');
    if (open311.answerWith !== 'service_request_id' && open311.answerWith !== 'token')
      throw new Error(
        `minyi.open311.answerWith (MINYI_OPEN311_ANSWER_WITH) must be service_request_id or token, got "${String(open311.answerWith)}"`
      );

    const jobs = config.jobs;
    if (!jobs || typeof jobs !== 'object') throw new Error('minyi.jobs must be an object');
    if (typeof jobs.enabled !== 'boolean')
      throw new Error('minyi.jobs.enabled (MINYI_JOBS_ENABLED) must be true or false');
    if (!isPositiveInteger(jobs.leaseTtlMs) || jobs.leaseTtlMs < 1000) {
      throw new Error(
        `minyi.jobs.leaseTtlMs (MINYI_JOBS_LEASE_TTL_MS) must be a whole number of ms ≥ 1000, got ${String(jobs.leaseTtlMs)}`
      );
    }
    if (!isPositiveInteger(jobs.retentionDays)) {
      throw new Error(
        `minyi.jobs.retentionDays (MINYI_JOB_RUNS_RETENTION_DAYS) must be a whole number ≥ 1, got ${String(jobs.retentionDays)}`
      );
    }
    if (!jobs.schedules || typeof jobs.schedules !== 'object')
      throw new Error('minyi.jobs.schedules must be an object { jobName: cron }');
    for (const [name, expression] of Object.entries(jobs.schedules)) {
      if (typeof expression !== 'string' || !isValidCron(expression)) {
        throw new Error(
          `minyi.jobs.schedules.${name} is not a valid cron expression: "${String(expression)}"`
        );
      }
    }
  },
};
