import fs from 'fs';
import path from 'path';
import sharp from 'sharp';
import { ROOT } from './database';

/** Strings planted in the test photo's EXIF: none may be found in any stored file. */
export const EXIF_MARKERS = ['MinyiTestPhone', 'GPS-Cam 9', 'secret-device'] as const;

/** Where Strapi's local upload provider writes (public/uploads under the app). */
export const UPLOADS_DIR = path.join(ROOT, 'public', 'uploads');

/** A JPEG (1200×900, so Strapi makes a thumbnail and three formats) with device and GPS EXIF. */
export async function gpsJpeg(): Promise<Buffer> {
  return sharp({
    create: { width: 1200, height: 900, channels: 3, background: { r: 200, g: 120, b: 40 } },
  })
    .jpeg()
    .withExif({
      IFD0: { Make: EXIF_MARKERS[0], Model: EXIF_MARKERS[1], ImageDescription: EXIF_MARKERS[2] },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '29/1 24/1 36/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '112/1 10/1 12/1',
      },
    })
    .toBuffer();
}

export interface ExifTags {
  /** Tag numbers of IFD0 (0x010f Make, 0x0110 Model, 0x8825 the GPS IFD pointer …). */
  ifd0: number[];
  /** Tag numbers of the GPS IFD (1 GPSLatitudeRef, 2 GPSLatitude, 3, 4 …). */
  gps: number[];
}

/**
 * A small reader of the EXIF block sharp's metadata() returns ("Exif\0\0" + TIFF): the tags of
 * IFD0 and of the GPS IFD, enough to prove a file carries a GPS position (or does not).
 */
export function exifTags(exif: Buffer | undefined): ExifTags {
  if (!exif || exif.length < 14) return { ifd0: [], gps: [] };
  const tiff = exif.subarray(exif.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? 6 : 0);
  const little = tiff.subarray(0, 2).toString('latin1') === 'II';
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const entries = (offset: number) => {
    const count = u16(offset);
    return Array.from({ length: count }, (_, i) => ({
      tag: u16(offset + 2 + i * 12),
      value: u32(offset + 2 + i * 12 + 8),
    }));
  };
  const ifd0 = entries(u32(4));
  const gpsPointer = ifd0.find((entry) => entry.tag === 0x8825);
  return {
    ifd0: ifd0.map((entry) => entry.tag),
    gps: gpsPointer ? entries(gpsPointer.value).map((entry) => entry.tag) : [],
  };
}

/** Every file under public/uploads (names), to show a refused request left nothing behind. */
export function uploadedFiles(): string[] {
  if (!fs.existsSync(UPLOADS_DIR)) return [];
  return fs
    .readdirSync(UPLOADS_DIR)
    .filter((name) => !name.startsWith('.'))
    .sort();
}

/** The stored file behind an upload URL (/uploads/…). */
export function storedFile(url: string): Buffer {
  return fs.readFileSync(path.join(ROOT, 'public', url.replace(/^\//, '')));
}

/**
 * Whether a stored file still carries EXIF: sharp's metadata, the tags, the APP1 "Exif" header in
 * the bytes, and the planted device strings.
 */
export async function metadataLeft(file: Buffer): Promise<string[]> {
  const found: string[] = [];
  const metadata = await sharp(file).metadata();
  if (metadata.exif) found.push('exif block');
  const tags = exifTags(metadata.exif);
  if (tags.gps.length > 0) found.push('GPS tags');
  if (metadata.xmp) found.push('xmp');
  if (metadata.iptc) found.push('iptc');
  const bytes = file.toString('latin1');
  if (bytes.includes('Exif\0\0')) found.push('Exif header in the bytes');
  for (const marker of EXIF_MARKERS) if (bytes.includes(marker)) found.push(marker);
  return found;
}
