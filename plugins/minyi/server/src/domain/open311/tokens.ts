import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * GeoReport's `token`: the answer to a POST when the id is not yet known. Ours is known at once,
 * so by default the POST answers `service_request_id`; a deployment whose clients expect the
 * token flow (MINYI_OPEN311_ANSWER_WITH=token) gets a token that names the item and carries an
 * HMAC under the app's key, so tokens/{token} resolves it without a table and a guessed token
 * resolves nothing.
 */
const MAC_LENGTH = 22;

function mac(trackingCode: string, key: string): string {
  return createHmac('sha256', key)
    .update(`open311-token:${trackingCode}`)
    .digest('base64url')
    .slice(0, MAC_LENGTH);
}

export function open311Token(trackingCode: string, key: string): string {
  return `${trackingCode}.${mac(trackingCode, key)}`;
}

/** The tracking code a token names, or null for a token we did not issue. */
export function trackingCodeOfToken(token: string, key: string): string | null {
  const dot = token.lastIndexOf('.');
  if (dot <= 0 || token.length > 128) return null;
  const code = token.slice(0, dot);
  const expected = Buffer.from(mac(code, key));
  const given = Buffer.from(token.slice(dot + 1));
  return given.length === expected.length && timingSafeEqual(given, expected) ? code : null;
}
