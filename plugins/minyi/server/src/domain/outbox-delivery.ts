import { createHash } from 'node:crypto';

/** How the outbox sender retries (plugin config `outbox`, from MINYI_OUTBOX_* variables). */
export interface RetryPolicy {
  /** After this many failed attempts a message is marked failed and left for a person to look at. */
  readonly maxAttempts: number;
  /** Wait before the second attempt; doubled for every further one. */
  readonly backoffBaseMs: number;
  /** The wait never grows beyond this. */
  readonly backoffMaxMs: number;
}

/** Exponential backoff: base, 2·base, 4·base … after the 1st, 2nd, 3rd failed attempt, capped. */
export function retryDelayMs(failedAttempts: number, policy: RetryPolicy): number {
  const exponent = Math.max(0, failedAttempts - 1);
  // 2^exponent overflows to Infinity long before it matters; the cap keeps the result finite.
  return Math.min(policy.backoffMaxMs, policy.backoffBaseMs * 2 ** Math.min(exponent, 60));
}

export type FailureOutcome =
  | { readonly state: 'queued'; readonly nextAttemptAt: Date }
  | { readonly state: 'failed'; readonly nextAttemptAt: null };

/**
 * What becomes of a message whose attempt number `attempts` (counted from 1) just failed: back in
 * the queue after the backoff, or failed for good once it has had its attempts. A permanent error
 * (the message itself is wrong) fails at once.
 */
export function afterFailure(
  attempts: number,
  now: Date,
  policy: RetryPolicy,
  permanent = false
): FailureOutcome {
  if (permanent || attempts >= policy.maxAttempts) return { state: 'failed', nextAttemptAt: null };
  return {
    state: 'queued',
    nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts, policy)),
  };
}

/**
 * The Message-ID of a notification, derived from its dedupe key: every attempt at the same
 * notification carries the same id, so a receiver (or a mail store) can recognise a repeat in the
 * one window no outbox can close — the server accepted the message and the sender died before it
 * could record that.
 */
export function messageIdFor(dedupeKey: string, publicUrl: string): string {
  let host = 'minyi.localhost';
  try {
    const hostname = new URL(publicUrl).hostname;
    if (/^[a-z0-9.-]+$/i.test(hostname) && hostname.includes('.')) host = hostname;
    else if (hostname) host = `${hostname}.minyi`;
  } catch {
    // A config validator guarantees an absolute URL; keep the fallback for anything else.
  }
  return `<${createHash('sha256').update(dedupeKey).digest('hex').slice(0, 40)}@${host}>`;
}

/** A short, single-line account of a delivery error for the message's last_error. */
export function describeDeliveryError(error: unknown): string {
  const details = error as {
    code?: unknown;
    responseCode?: unknown;
    response?: unknown;
    message?: unknown;
  } | null;
  const parts = [
    typeof details?.code === 'string' ? details.code : '',
    typeof details?.responseCode === 'number' ? String(details.responseCode) : '',
    typeof details?.message === 'string' ? details.message : String(error),
  ].filter((part) => part !== '');
  return parts.join(' ').replace(/\s+/g, ' ').slice(0, 1000);
}

/**
 * The SMTP commands of a connection rather than a message (nodemailer's `error.command`): a 5xx
 * there — 554 at the greeting, a refused EHLO, a failed login — says the server (or our account on
 * it) is not taking mail now, whatever the message; it is an outage, retried with backoff.
 */
const CONNECTION_COMMANDS = /^(CONN|EHLO|HELO|LHLO|STARTTLS|AUTH\b)/;

/**
 * SMTP answers 5xx to a message's own commands (MAIL FROM, RCPT TO, DATA) when it will never take
 * that message as it is (bad address, rejected content): retrying cannot help. Connection
 * failures, connection-level 5xx and 4xx are worth another try.
 */
export function isPermanentDeliveryError(error: unknown): boolean {
  const details = error as { responseCode?: unknown; command?: unknown } | null;
  const responseCode = details?.responseCode;
  if (typeof details?.command === 'string' && CONNECTION_COMMANDS.test(details.command))
    return false;
  return typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600;
}
