import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The receipt secret handed to the resident at submission proves, later, that feedback comes from
 * whoever submitted. 128 random bits cannot be guessed, so one SHA-256 is enough to store it
 * (a slow password hash protects guessable secrets, which this is not) and keeps submission fast.
 */
export const RECEIPT_SECRET_BYTES = 16;

export function receiptSecretFromBytes(bytes: Uint8Array): string {
  if (bytes.length < RECEIPT_SECRET_BYTES)
    throw new RangeError(`a receipt secret needs ${RECEIPT_SECRET_BYTES} random bytes`);
  return Buffer.from(bytes).toString('base64url');
}

export function receiptSecretHash(secret: string): string {
  return createHash('sha256').update(`receipt:${secret}`).digest('hex');
}

export function isReceiptSecret(secret: string, storedHash: string | null | undefined): boolean {
  if (!storedHash) return false;
  const given = Buffer.from(receiptSecretHash(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
