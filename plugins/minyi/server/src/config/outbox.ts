/** Mail and outbox settings of the plugin (config/plugins.ts fills them from SMTP_* / MINYI_OUTBOX_* / MINYI_MAIL_DIR). */
export interface MailConfig {
  /** smtp when SMTP_HOST is set, else file: the email plugin writes .eml files into `dir`. */
  transport: 'smtp' | 'file';
  /** Absolute directory of the file transport (MINYI_MAIL_DIR, default .tmp/mail). */
  dir: string;
}

export interface OutboxConfig {
  /** Messages claimed per batch (MINYI_OUTBOX_BATCH_SIZE). */
  batchSize: number;
  /** Attempts before a message is marked failed (MINYI_OUTBOX_MAX_ATTEMPTS). */
  maxAttempts: number;
  /** First retry delay in ms, doubled per attempt (MINYI_OUTBOX_BACKOFF_BASE_MS) … */
  backoffBaseMs: number;
  /** … up to this (MINYI_OUTBOX_BACKOFF_MAX_MS). */
  backoffMaxMs: number;
  /** How long a claimed batch belongs to its sender; after that another instance may take it (MINYI_OUTBOX_CLAIM_LEASE_MS). */
  claimLeaseMs: number;
}

export const MAIL_DEFAULTS: MailConfig = { transport: 'file', dir: '.tmp/mail' };
export const OUTBOX_DEFAULTS: OutboxConfig = {
  batchSize: 50,
  maxAttempts: 8,
  backoffBaseMs: 60_000,
  backoffMaxMs: 6 * 3_600_000,
  claimLeaseMs: 300_000,
};

function wholeNumber(value: unknown, min: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min;
}

export function validateMailConfig(mail: unknown, outbox: unknown): void {
  const m = (mail ?? {}) as Partial<MailConfig>;
  if (m.transport !== 'smtp' && m.transport !== 'file')
    throw new Error('minyi.mail.transport must be "smtp" or "file"');
  if (typeof m.dir !== 'string' || m.dir === '')
    throw new Error('minyi.mail.dir (MINYI_MAIL_DIR) must be a directory');
  const o = (outbox ?? {}) as Partial<OutboxConfig>;
  const checks: Array<[keyof OutboxConfig, string, number]> = [
    ['batchSize', 'MINYI_OUTBOX_BATCH_SIZE', 1],
    ['maxAttempts', 'MINYI_OUTBOX_MAX_ATTEMPTS', 1],
    ['backoffBaseMs', 'MINYI_OUTBOX_BACKOFF_BASE_MS', 0],
    ['backoffMaxMs', 'MINYI_OUTBOX_BACKOFF_MAX_MS', 0],
    ['claimLeaseMs', 'MINYI_OUTBOX_CLAIM_LEASE_MS', 1000],
  ];
  for (const [key, variable, min] of checks) {
    if (!wholeNumber(o[key], min))
      throw new Error(
        `minyi.outbox.${key} (${variable}) must be a whole number ≥ ${min}, got ${String(o[key])}`
      );
  }
  if ((o.batchSize ?? 0) > 1000)
    throw new Error('minyi.outbox.batchSize (MINYI_OUTBOX_BATCH_SIZE) must be at most 1000');
}
