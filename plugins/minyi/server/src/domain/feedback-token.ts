import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The feedback link in the resolution mail carries a token instead of the resident's receipt secret
 * (only its hash is stored, so the secret cannot be put in a mail). The token is an HMAC of the
 * tracking code under the app's feedback key: it proves the link came from us for that item only.
 */
export function feedbackToken(trackingCode: string, key: string): string {
  if (key.length < 16) throw new Error('the feedback key must be at least 16 characters');
  return createHmac('sha256', key)
    .update(`feedback:${trackingCode}`)
    .digest('base64url')
    .slice(0, 32);
}

export function isValidFeedbackToken(trackingCode: string, token: string, key: string): boolean {
  const expected = Buffer.from(feedbackToken(trackingCode, key));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The resident-facing link to give feedback on one item. */
export function feedbackLink(publicUrl: string, trackingCode: string, key: string): string {
  const base = publicUrl.replace(/\/+$/, '');
  return `${base}/api/items/track/${encodeURIComponent(trackingCode)}/feedback?token=${feedbackToken(trackingCode, key)}`;
}
