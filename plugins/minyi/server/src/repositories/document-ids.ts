import { randomFillSync } from 'node:crypto';

/**
 * Document ids for the rows the plugin writes with set-based statements (events, outbox messages, job
 * runs, notices' rows). They have the shape of Strapi's own document ids — 24 characters, a lowercase
 * letter then [a-z0-9] — but come straight from the OS's CSPRNG (about 123 random bits) rather than
 * from cuid2, whose SHA-3 hashing cost ~17 µs an id: a sweep writing 40,000 rows spent a sixth of its
 * time there. Strapi only stores and compares document ids; it does not parse them.
 */
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const ALPHANUMERIC = `${LETTERS}0123456789`;
const LENGTH = 24;

/** Random bytes drawn in bulk; refilled when used up. */
const pool = Buffer.alloc(16 * 1024);
let position = pool.length;

function nextByte(): number {
  if (position >= pool.length) {
    randomFillSync(pool);
    position = 0;
  }
  return pool[position++];
}

/** A uniformly random character of `alphabet`: bytes at or above the largest multiple are redrawn. */
function randomChar(alphabet: string): string {
  const limit = 256 - (256 % alphabet.length);
  for (;;) {
    const byte = nextByte();
    if (byte < limit) return alphabet[byte % alphabet.length];
  }
}

export function newDocumentId(): string {
  let id = randomChar(LETTERS);
  for (let i = 1; i < LENGTH; i++) id += randomChar(ALPHANUMERIC);
  return id;
}

const documentIds = () => ({ create: newDocumentId });

export default documentIds;
