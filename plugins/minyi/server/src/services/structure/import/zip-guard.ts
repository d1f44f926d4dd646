import { inflateRawSync } from 'zlib';

/**
 * A zip-bomb guard for uploaded workbooks, run before exceljs sees the file.
 *
 * An .xlsx is a ZIP archive, and exceljs (through JSZip) inflates every part into memory. A 50 KB
 * upload can inflate to gigabytes, and the sizes an archive declares are just numbers its author
 * wrote. So the guard reads the central directory itself, refuses too many entries or a declared
 * total over the cap, and then inflates every entry with zlib's `maxOutputLength` set to what is
 * left of the budget: an entry that lies about its size stops at the cap instead of filling memory.
 * That is one extra inflate pass over a file of at most MINYI_IMPORT_MAX_MB — milliseconds for a
 * county's workbook — bought so that no upload can take the server down. Node's zlib is the library
 * here; a ZIP reader package would still leave the budget to us.
 */

export interface ZipLimits {
  /** Entries (files) in the archive; an .xlsx has a dozen plus two per sheet. */
  maxEntries: number;
  /** Bytes of all entries together, decompressed. */
  maxUnzippedBytes: number;
}

export type ZipVerdict =
  | { ok: true; entries: number; unzippedBytes: number }
  | { ok: false; reason: 'not-zip' | 'zip64' | 'too-many-entries' | 'too-large' | 'corrupt' };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const EOCD_MIN = 22;
const STORED = 0;
const DEFLATED = 8;

function findEndOfCentralDirectory(buffer: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  const last = buffer.length - EOCD_MIN;
  const first = Math.max(0, last - 0xffff);
  for (let at = last; at >= first; at--) if (buffer.readUInt32LE(at) === EOCD) return at;
  return -1;
}

export function checkZip(buffer: Buffer, limits: ZipLimits): ZipVerdict {
  if (buffer.length < EOCD_MIN) return { ok: false, reason: 'not-zip' };
  const end = findEndOfCentralDirectory(buffer);
  if (end < 0) return { ok: false, reason: 'not-zip' };
  const entries = buffer.readUInt16LE(end + 10);
  const directorySize = buffer.readUInt32LE(end + 12);
  const directoryOffset = buffer.readUInt32LE(end + 16);
  // ZIP64 marks its counts and offsets with all-ones; no spreadsheet within the upload cap needs it.
  if (entries === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff)
    return { ok: false, reason: 'zip64' };
  if (entries > limits.maxEntries) return { ok: false, reason: 'too-many-entries' };
  if (directoryOffset + directorySize > end) return { ok: false, reason: 'corrupt' };

  let budget = limits.maxUnzippedBytes;
  let declared = 0;
  let at = directoryOffset;
  for (let index = 0; index < entries; index++) {
    if (at + 46 > end || buffer.readUInt32LE(at) !== CENTRAL)
      return { ok: false, reason: 'corrupt' };
    const method = buffer.readUInt16LE(at + 10);
    const compressedSize = buffer.readUInt32LE(at + 20);
    const uncompressedSize = buffer.readUInt32LE(at + 24);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    const localOffset = buffer.readUInt32LE(at + 42);
    if (
      compressedSize === 0xffffffff ||
      uncompressedSize === 0xffffffff ||
      localOffset === 0xffffffff
    )
      return { ok: false, reason: 'zip64' };
    declared += uncompressedSize;
    if (declared > limits.maxUnzippedBytes) return { ok: false, reason: 'too-large' };

    // The data itself, after its local header (whose name and extra lengths may differ).
    if (localOffset + 30 > buffer.length || buffer.readUInt32LE(localOffset) !== LOCAL)
      return { ok: false, reason: 'corrupt' };
    const dataStart =
      localOffset +
      30 +
      buffer.readUInt16LE(localOffset + 26) +
      buffer.readUInt16LE(localOffset + 28);
    const data = buffer.subarray(dataStart, dataStart + compressedSize);
    if (data.length !== compressedSize) return { ok: false, reason: 'corrupt' };
    let inflated: number;
    if (method === STORED) inflated = compressedSize;
    else if (method === DEFLATED) {
      try {
        inflated = inflateRawSync(data, { maxOutputLength: Math.max(1, budget) }).length;
      } catch (error) {
        const code = (error as { code?: string }).code;
        return { ok: false, reason: code === 'ERR_BUFFER_TOO_LARGE' ? 'too-large' : 'corrupt' };
      }
    } else return { ok: false, reason: 'corrupt' };
    budget -= inflated;
    if (budget < 0) return { ok: false, reason: 'too-large' };
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { ok: true, entries, unzippedBytes: limits.maxUnzippedBytes - budget };
}
