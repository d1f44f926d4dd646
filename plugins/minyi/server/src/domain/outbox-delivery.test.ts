import fc from 'fast-check';
import {
  afterFailure,
  describeDeliveryError,
  isPermanentDeliveryError,
  messageIdFor,
  retryDelayMs,
  type RetryPolicy,
} from './outbox-delivery';

const policy: RetryPolicy = { maxAttempts: 5, backoffBaseMs: 60_000, backoffMaxMs: 3_600_000 };

describe('retry policy', () => {
  it('doubles the wait after each failed attempt, up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => retryDelayMs(n, policy))).toEqual([
      60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000,
    ]);
  });

  it('never shrinks the wait and never exceeds the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (attempts) => {
        expect(retryDelayMs(attempts + 1, policy)).toBeGreaterThanOrEqual(
          retryDelayMs(attempts, policy)
        );
        expect(retryDelayMs(attempts, policy)).toBeLessThanOrEqual(policy.backoffMaxMs);
      })
    );
  });

  it('requeues until the last attempt, then fails; a permanent error fails at once', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    expect(afterFailure(1, now, policy)).toEqual({
      state: 'queued',
      nextAttemptAt: new Date('2026-12-01T00:01:00Z'),
    });
    expect(afterFailure(4, now, policy).state).toBe('queued');
    expect(afterFailure(5, now, policy)).toEqual({ state: 'failed', nextAttemptAt: null });
    expect(afterFailure(1, now, policy, true)).toEqual({ state: 'failed', nextAttemptAt: null });
  });
});

describe('message ids and errors', () => {
  it('derives the same Message-ID from the same dedupe key, a different one from another', () => {
    const a = messageIdFor('assigned:doc1:x:a@x.cn', 'https://minyi.example.gov.cn/');
    expect(a).toMatch(/^<[0-9a-f]{40}@minyi\.example\.gov\.cn>$/);
    expect(messageIdFor('assigned:doc1:x:a@x.cn', 'https://minyi.example.gov.cn')).toBe(a);
    expect(messageIdFor('assigned:doc1:x:b@x.cn', 'https://minyi.example.gov.cn')).not.toBe(a);
    expect(messageIdFor('k', 'http://localhost:1337')).toMatch(/@localhost\.minyi>$/);
  });

  it('describes errors on one line and tells permanent SMTP refusals from transient ones', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED\n127.0.0.1:2525'), {
      code: 'ECONNREFUSED',
    });
    expect(describeDeliveryError(refused)).toBe('ECONNREFUSED connect ECONNREFUSED 127.0.0.1:2525');
    expect(isPermanentDeliveryError(refused)).toBe(false);
    expect(isPermanentDeliveryError(Object.assign(new Error('busy'), { responseCode: 451 }))).toBe(
      false
    );
    expect(
      isPermanentDeliveryError(Object.assign(new Error('no such user'), { responseCode: 550 }))
    ).toBe(true);
  });

  it('treats a 5xx at the greeting, EHLO or login as an outage (retried), a 5xx to RCPT TO or DATA as permanent', () => {
    const smtpError = (responseCode: number, command: string) =>
      Object.assign(new Error('refused'), { responseCode, command });
    for (const command of ['CONN', 'EHLO', 'HELO', 'STARTTLS', 'AUTH PLAIN', 'AUTH LOGIN'])
      expect(isPermanentDeliveryError(smtpError(554, command))).toBe(false);
    for (const command of ['MAIL FROM', 'RCPT TO', 'DATA'])
      expect(isPermanentDeliveryError(smtpError(550, command))).toBe(true);
    expect(isPermanentDeliveryError(smtpError(451, 'RCPT TO'))).toBe(false);
  });
});
