import type { Core } from '@strapi/strapi';
import { emailPluginConfig, mailSettings } from '../src/mail/email-config';
import { DEVELOPMENT_SECRETS as DEV } from '../src/bootstrap/secrets';

export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  minyi: {
    enabled: true,
    resolve: './plugins/minyi',
    config: {
      timezone: env('MINYI_TIMEZONE', 'Asia/Shanghai'),
      publicUrl: env(
        'MINYI_PUBLIC_URL',
        env('PUBLIC_URL', '') || `http://localhost:${env.int('PORT', 1337)}`
      ),
      // Signs the resident's feedback links in resolution mails. Derived from APP_KEYS unless set
      // (development only: production requires it, src/bootstrap/secrets.ts).
      feedbackKey: env('MINYI_FEEDBACK_KEY', '') || `feedback:${env('APP_KEYS', DEV.APP_KEYS)}`,
      // Where mail goes when no SMTP server is configured, and how the outbox sender retries (README "Email").
      mail: mailSettings(env),
      outbox: {
        batchSize: env.int('MINYI_OUTBOX_BATCH_SIZE', 50),
        maxAttempts: env.int('MINYI_OUTBOX_MAX_ATTEMPTS', 8),
        backoffBaseMs: env.int('MINYI_OUTBOX_BACKOFF_BASE_MS', 60000),
        backoffMaxMs: env.int('MINYI_OUTBOX_BACKOFF_MAX_MS', 6 * 3600 * 1000),
        claimLeaseMs: env.int('MINYI_OUTBOX_CLAIM_LEASE_MS', 300000),
      },
      // Spot-check, unit metrics, notices and reports (README "Spot-check, notices and reports").
      audit: {
        minSample: env.int('MINYI_METRICS_MIN_SAMPLE', 10),
        sampling: {
          percent: env.float('MINYI_SPOT_CHECK_PERCENT', 10),
          min: env.int('MINYI_SPOT_CHECK_MIN', 2),
          max: env.int('MINYI_SPOT_CHECK_MAX', 20),
        },
        thresholds: {
          resolutionRate: env.float('MINYI_THRESHOLD_RESOLUTION_RATE', 90),
          satisfactionRate: env.float('MINYI_THRESHOLD_SATISFACTION_RATE', 90),
          spotCheckPassRate: env.float('MINYI_THRESHOLD_SPOT_CHECK_PASS_RATE', 80),
        },
        rectifyWorkingDays: env.int('MINYI_RECTIFY_WORKING_DAYS', 10),
        statsCacheSeconds: env.int('MINYI_STATS_CACHE_SECONDS', 60),
        reportRecipients: env('MINYI_REPORT_RECIPIENTS', '')
          .split(',')
          .map((email: string) => email.trim())
          .filter(Boolean),
      },
      // Requests per window on the public routes: submissions and feedback per IP, partner submissions per token.
      rateLimits: {
        windowSeconds: env.int('MINYI_RATE_LIMIT_WINDOW_SECONDS', 60),
        submit: env.int('MINYI_RATE_LIMIT_SUBMIT', 10),
        partner: env.int('MINYI_RATE_LIMIT_PARTNER', 600),
        track: env.int('MINYI_RATE_LIMIT_TRACK', 120),
        feedback: env.int('MINYI_RATE_LIMIT_FEEDBACK', 10),
      },
      // Structure import (导入导出): files larger, sheets longer or workbooks inflating to more are refused with a 413.
      structureImport: {
        maxMegabytes: env.int('MINYI_IMPORT_MAX_MB', 50),
        maxRowsPerSheet: env.int('MINYI_IMPORT_MAX_ROWS', 200000),
        maxUnzippedMegabytes: env.int('MINYI_IMPORT_MAX_UNZIPPED_MB', 200),
      },
      // Photos on items (README "Photos"): per kind and item, per file (MB, as sent), per image (pixels:
      // a larger canvas is a decompression bomb and answers 413 before it is decoded).
      photos: {
        maxPerItem: env.int('MINYI_PHOTO_MAX_PER_ITEM', 6),
        maxMegabytes: env.float('MINYI_PHOTO_MAX_MB', 10),
        maxPixels: env.int('MINYI_PHOTO_MAX_PIXELS', 50000000),
      },
      // Each instance checks the stored settings' revision this often (README "Settings").
      settings: { pollMs: env.int('MINYI_SETTINGS_POLL_MS', 5000) },
      // Open311 GeoReport v2 under /api/open311/v2 (README "Open311").
      open311: {
        jurisdictionId: env('MINYI_OPEN311_JURISDICTION_ID', 'minyi.local'),
        defaultGrid: env('MINYI_OPEN311_DEFAULT_GRID', ''),
        contact: env('MINYI_OPEN311_CONTACT', '县委社会工作部(民意直通车)'),
        keyService: env(
          'MINYI_OPEN311_KEY_SERVICE',
          '向县委社会工作部申请 API 令牌(设置 → API 令牌,说明中写 channel: open311)'
        ),
        answerWith: env('MINYI_OPEN311_ANSWER_WITH', 'service_request_id'),
      },
      jobs: {
        // Off for the CLI (scripts/job.js) and the tests; instances sharing a database may all leave it on.
        enabled: env.bool('MINYI_JOBS_ENABLED', true),
        leaseTtlMs: env.int('MINYI_JOBS_LEASE_TTL_MS', 60000),
        retentionDays: env.int('MINYI_JOB_RUNS_RETENTION_DAYS', 90),
        // MINYI_JOB_<NAME>_CRON overrides the schedule of job <name> (upper case, - as _):
        // MINYI_JOB_ESCALATION_CRON, MINYI_JOB_OUTBOX_CRON, MINYI_JOB_JOB_RUNS_PRUNE_CRON …
        schedules: Object.fromEntries(
          Object.entries(process.env).flatMap(([key, value]): Array<[string, string]> => {
            const match = /^MINYI_JOB_([A-Z0-9]+(?:_[A-Z0-9]+)*)_CRON$/.exec(key);
            return match && value && value.trim()
              ? [[match[1].toLowerCase().replace(/_/g, '-'), value.trim()]]
              : [];
          })
        ),
      },
    },
  },
  // Strapi's email plugin: SMTP from SMTP_* variables, else .eml files under MINYI_MAIL_DIR (src/mail/email-config.ts).
  email: emailPluginConfig(env),
  'users-permissions': {
    config: {
      jwtSecret: env('JWT_SECRET', DEV.JWT_SECRET),
    },
  },
  // BENCH_CONTROL=true (set only by `npm run bench`, bench/run.js) loads the benchmark's control
  // content type, a plain core route with no project logic (bench/control-plugin). Unset, as in
  // every real deployment, it is not registered and does not appear in the admin.
  ...(env.bool('BENCH_CONTROL', false)
    ? { 'bench-control': { enabled: true, resolve: './bench/control-plugin' } }
    : {}),
});
