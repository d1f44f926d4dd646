import fc from 'fast-check';
import {
  TRACKING_CODE_RANDOM_BYTES,
  isWellFormedTrackingCode,
  normaliseTrackingCode,
  trackingCodeFromBytes,
} from './tracking-code';

describe('tracking codes', () => {
  it('are always well formed, 14 characters, and read back unchanged', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({
          minLength: TRACKING_CODE_RANDOM_BYTES,
          maxLength: TRACKING_CODE_RANDOM_BYTES,
        }),
        (bytes) => {
          const code = trackingCodeFromBytes(bytes);
          expect(code).toHaveLength(14);
          expect(isWellFormedTrackingCode(code)).toBe(true);
          expect(normaliseTrackingCode(code)).toBe(code);
        }
      )
    );
  });

  it('differ when the random bytes differ', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 8, maxLength: 8 }),
        fc.uint8Array({ minLength: 8, maxLength: 8 }),
        (a, b) => {
          fc.pre(Buffer.compare(Buffer.from(a), Buffer.from(b)) !== 0);
          expect(trackingCodeFromBytes(a)).not.toBe(trackingCodeFromBytes(b));
        }
      )
    );
  });

  it('forgive case, dashes, spaces and look-alike letters typed by a resident', () => {
    const code = trackingCodeFromBytes(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]));
    const typed = `${code.slice(0, 6).toLowerCase()} - ${code.slice(6)}`;
    expect(normaliseTrackingCode(typed)).toBe(code);
    expect(normaliseTrackingCode('my0o1il')).toBe('MY00111');
  });

  it('refuse too few random bytes', () => {
    expect(() => trackingCodeFromBytes(new Uint8Array(3))).toThrow(RangeError);
  });
});
