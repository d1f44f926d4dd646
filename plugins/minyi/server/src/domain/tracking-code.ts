/**
 * Tracking codes are what a resident types to follow an item, so they must be unguessable
 * (60 random bits) and easy to read aloud: Crockford's base32 has no I, L, O or U.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const TRACKING_CODE_PREFIX = 'MY';
export const TRACKING_CODE_RANDOM_CHARS = 12;
export const TRACKING_CODE_RANDOM_BYTES = Math.ceil((TRACKING_CODE_RANDOM_CHARS * 5) / 8);

/** Builds a code from random bytes (5 bits a character: 32 symbols, so no modulo bias). */
export function trackingCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < TRACKING_CODE_RANDOM_BYTES) {
    throw new RangeError(`need ${TRACKING_CODE_RANDOM_BYTES} random bytes, got ${bytes.length}`);
  }
  let bits = 0;
  let bitCount = 0;
  let code = TRACKING_CODE_PREFIX;
  for (const byte of bytes) {
    bits = (bits << 8) | byte;
    bitCount += 8;
    while (
      bitCount >= 5 &&
      code.length < TRACKING_CODE_PREFIX.length + TRACKING_CODE_RANDOM_CHARS
    ) {
      bitCount -= 5;
      code += ALPHABET[(bits >> bitCount) & 31];
    }
    bits &= (1 << bitCount) - 1;
  }
  return code;
}

/** What a resident typed → the stored form: case, spaces, dashes and look-alike letters forgiven. */
export function normaliseTrackingCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export function isWellFormedTrackingCode(code: string): boolean {
  return new RegExp(`^${TRACKING_CODE_PREFIX}[${ALPHABET}]{${TRACKING_CODE_RANDOM_CHARS}}$`).test(
    code
  );
}
