/**
 * A small seeded pseudo-random generator for the spot-check sample: the same seed text gives the
 * same numbers on every machine and Node version, because only 32-bit integer arithmetic
 * (Math.imul, >>>, |) is used — no floating-point state, no platform random source.
 *
 * - seeding: cyrb128 (a public-domain string hash by bryc) spreads the seed text into 4 × 32 bits;
 * - generator: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, PractRand-tested).
 * Not for secrets: the spot-check only needs reproducible, well-spread draws.
 */

function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

export interface SeededRandom {
  /** A 32-bit unsigned integer. */
  nextUint32(): number;
  /** A whole number in [0, n), without modulo bias. */
  below(n: number): number;
}

export function seededRandom(seed: string): SeededRandom {
  let [a, b, c, d] = cyrb128(seed);
  const nextUint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Discard the first outputs: sfc32's state needs a few rounds to mix.
  for (let i = 0; i < 12; i++) nextUint32();
  return {
    nextUint32,
    below(n: number): number {
      if (!Number.isInteger(n) || n < 1 || n > 2 ** 32)
        throw new RangeError(`below(n) needs a whole n in 1..2^32, got ${n}`);
      const limit = 2 ** 32 - (2 ** 32 % n); // reject the incomplete last block
      for (;;) {
        const value = nextUint32();
        if (value < limit) return value % n;
      }
    },
  };
}
