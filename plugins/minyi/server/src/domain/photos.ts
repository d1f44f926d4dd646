import type { LocalizedMessage } from './result';

/**
 * Photos (随手拍) on an item (issue 12): what a resident, a staff member's intake or the resolve
 * action may attach, before anything is stored. The shell (services/photos) decodes each file with
 * sharp and re-encodes it, so that no EXIF (GPS position, device) survives; these rules decide
 * whether a file gets that far, and which status a refusal answers with:
 * - 415 a type that is not JPEG, PNG or WebP (declared by the client or found in the bytes);
 * - 413 a file over the byte limit, or an image over the pixel limit (a decompression bomb);
 * - 400 too many photos, or bytes that do not decode as an image.
 *
 * How many: an item has two rooms of photos, each at most `maxPerItem` (6): the resident's
 * (every channel together — public multipart, staff intake, Open311 `media_url` and multipart
 * `media`) and the rectification's (整改前 and 整改后 together, across every resolve, a reopened
 * item's included). An item's page and printouts show at most 12 photos, and a resident's photos
 * cannot use up the room the handling unit needs for its rectification photos.
 */

/** Which set of an item's photos: the resident's (submission, intake), 整改前, 整改后. */
export const PHOTO_KINDS = ['submitted', 'before', 'after'] as const;
export type PhotoKind = (typeof PHOTO_KINDS)[number];

/** The rooms an item's photos share, each at most `maxPerItem`: which kinds count together. */
export const PHOTO_ROOMS = {
  resident: ['submitted'],
  rectification: ['before', 'after'],
} as const satisfies Record<string, readonly PhotoKind[]>;
export type PhotoRoom = keyof typeof PHOTO_ROOMS;

export const PHOTO_ROOM_LABELS_ZH: Readonly<Record<PhotoRoom, string>> = {
  resident: '群众照片',
  rectification: '整改前和整改后照片',
};
const PHOTO_ROOM_LABELS_EN: Readonly<Record<PhotoRoom, string>> = {
  resident: "the resident's photos",
  rectification: 'before and after photos together',
};

export function roomOf(kind: PhotoKind): PhotoRoom {
  return (PHOTO_ROOMS.resident as readonly PhotoKind[]).includes(kind)
    ? 'resident'
    : 'rectification';
}

/**
 * What an item already holds, by kind. A photo by reference (Open311 `media_url`, the item's
 * `mediaUrl`) is one of the resident's: the shell counts it in `submitted`.
 */
export type PhotoCounts = Readonly<Record<PhotoKind, number>>;
export const NO_PHOTOS: PhotoCounts = { submitted: 0, before: 0, after: 0 };

/** The item's media attribute holding each kind (src/api/item schema). */
export const PHOTO_FIELDS: Readonly<Record<PhotoKind, 'photos' | 'beforePhotos' | 'afterPhotos'>> =
  {
    submitted: 'photos',
    before: 'beforePhotos',
    after: 'afterPhotos',
  };

export const PHOTO_KIND_LABELS_ZH: Readonly<Record<PhotoKind, string>> = {
  submitted: '群众照片',
  before: '整改前',
  after: '整改后',
};

/** A photo as answered: its URLs only (original and each generated format), never a name or metadata. */
export interface PhotoView {
  readonly url: string;
  readonly width: number | null;
  readonly height: number | null;
  /** Strapi's generated sizes by name (thumbnail, small, medium, large) → URL. */
  readonly formats: Readonly<Record<string, string>>;
}

export type PhotosByKind = Record<PhotoKind, PhotoView[]>;

/** The formats kept, by the name sharp gives them, with the MIME type and extension stored. */
export const PHOTO_FORMATS = {
  jpeg: { mime: 'image/jpeg', ext: '.jpg' },
  png: { mime: 'image/png', ext: '.png' },
  webp: { mime: 'image/webp', ext: '.webp' },
} as const;
export type PhotoFormat = keyof typeof PHOTO_FORMATS;

/** MIME types a client may declare for a photo; `application/octet-stream` (undeclared) is left to the bytes. */
const DECLARED_TYPES: ReadonlySet<string> = new Set([
  'image/jpeg',
  'image/jpg',
  'image/pjpeg',
  'image/png',
  'image/webp',
]);
const UNDECLARED_TYPES: ReadonlySet<string> = new Set(['', 'application/octet-stream']);

export interface PhotoLimits {
  /** Photos of one room on one item: the resident's, or 整改前 + 整改后 (MINYI_PHOTO_MAX_PER_ITEM, 6). */
  readonly maxPerItem: number;
  /** Bytes of one file as sent (MINYI_PHOTO_MAX_MB). */
  readonly maxBytes: number;
  /** Width × height of one image (MINYI_PHOTO_MAX_PIXELS; sharp's limitInputPixels). */
  readonly maxPixels: number;
}

/** A file as the request carried it, before it is read. */
export interface PhotoCandidate {
  readonly name: string;
  readonly declaredType: string | null;
  readonly size: number;
}

/** What sharp's header read found (metadata(); nothing decoded yet). */
export interface PhotoHeader {
  readonly format: string | undefined;
  readonly width: number | undefined;
  readonly height: number | undefined;
}

export type PhotoRefusalCode =
  | 'PHOTO_TOO_MANY'
  | 'PHOTO_TYPE'
  | 'PHOTO_TOO_LARGE'
  | 'PHOTO_TOO_MANY_PIXELS'
  | 'PHOTO_NOT_AN_IMAGE';

export interface PhotoRefusal {
  readonly ok: false;
  readonly status: 400 | 413 | 415;
  readonly code: PhotoRefusalCode;
  readonly reason: LocalizedMessage;
  /** The file it is about, by its name as sent. */
  readonly file: string | null;
}

function refusal(
  status: PhotoRefusal['status'],
  code: PhotoRefusalCode,
  file: string | null,
  zh: string,
  en: string
): PhotoRefusal {
  return { ok: false, status, code, file, reason: { zh, en } };
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** Whether a client's Content-Type for a file may be a photo (undeclared is decided by the bytes). */
export function declaredTypeAllowed(declaredType: string | null): boolean {
  const type = (declaredType ?? '').split(';')[0].trim().toLowerCase();
  return UNDECLARED_TYPES.has(type) || DECLARED_TYPES.has(type);
}

function tooMany(room: PhotoRoom, alreadyStored: number, limits: PhotoLimits): PhotoRefusal {
  return refusal(
    400,
    'PHOTO_TOO_MANY',
    null,
    `每件事项的${PHOTO_ROOM_LABELS_ZH[room]}最多 ${limits.maxPerItem} 张${alreadyStored > 0 ? `(已有 ${alreadyStored} 张)` : ''},未保存任何照片`,
    `An item holds at most ${limits.maxPerItem} of ${PHOTO_ROOM_LABELS_EN[room]}${alreadyStored > 0 ? ` (${alreadyStored} stored)` : ''}; nothing was stored`
  );
}

/** Declared type and size of each file, the first refusal winning. */
function checkPhotoFiles(
  candidates: readonly PhotoCandidate[],
  limits: PhotoLimits
): { ok: true } | PhotoRefusal {
  for (const candidate of candidates) {
    if (!declaredTypeAllowed(candidate.declaredType)) {
      return refusal(
        415,
        'PHOTO_TYPE',
        candidate.name,
        `照片只接受 JPEG、PNG、WebP 格式(${candidate.name} 为 ${candidate.declaredType})`,
        `Photos must be JPEG, PNG or WebP (${candidate.name} is ${candidate.declaredType})`
      );
    }
    if (candidate.size > limits.maxBytes) {
      return refusal(
        413,
        'PHOTO_TOO_LARGE',
        candidate.name,
        `照片不能超过 ${megabytes(limits.maxBytes)}(${candidate.name})`,
        `A photo may be at most ${megabytes(limits.maxBytes)} (${candidate.name})`
      );
    }
  }
  return { ok: true };
}

/**
 * The checks before any byte is decoded, for the files of one room: how many (with those the
 * item already has in that room), declared type, size. The first refusal wins; a count over the
 * limit is refused before the files.
 */
export function checkPhotoCandidates(
  candidates: readonly PhotoCandidate[],
  alreadyStored: number,
  limits: PhotoLimits,
  room: PhotoRoom = 'resident'
): { ok: true } | PhotoRefusal {
  if (alreadyStored + candidates.length > limits.maxPerItem)
    return tooMany(room, alreadyStored, limits);
  return checkPhotoFiles(candidates, limits);
}

/** What one request adds to an item's photos. */
export interface PhotoAddition {
  /** The files sent, by kind. */
  readonly files: Partial<Record<PhotoKind, readonly PhotoCandidate[]>>;
  /** Photos by reference (Open311 `media_url`): the resident's, counted like a file. */
  readonly references?: number;
}

/** How many photos of each kind a request adds: its files, and its references as the resident's. */
export function addedCounts(addition: PhotoAddition): PhotoCounts {
  return {
    submitted: (addition.files.submitted?.length ?? 0) + (addition.references ?? 0),
    before: addition.files.before?.length ?? 0,
    after: addition.files.after?.length ?? 0,
  };
}

/**
 * Whether adding `added` to what an item holds keeps every room it adds to within `maxPerItem`
 * (the resident's room first). A room the request adds nothing to is not judged, so an item
 * stored before a lower limit can still be handled.
 */
export function checkPhotoRoom(
  stored: PhotoCounts,
  added: PhotoCounts,
  limits: PhotoLimits
): { ok: true } | PhotoRefusal {
  for (const room of Object.keys(PHOTO_ROOMS) as PhotoRoom[]) {
    const kinds: readonly PhotoKind[] = PHOTO_ROOMS[room];
    const had = kinds.reduce((sum, kind) => sum + stored[kind], 0);
    const adding = kinds.reduce((sum, kind) => sum + added[kind], 0);
    if (adding > 0 && had + adding > limits.maxPerItem) return tooMany(room, had, limits);
  }
  return { ok: true };
}

/**
 * The checks of a whole request before any byte is decoded: the rooms (`checkPhotoRoom`), then
 * each file's declared type and size. A request refused here stores nothing.
 */
export function checkPhotoAddition(
  stored: PhotoCounts,
  addition: PhotoAddition,
  limits: PhotoLimits
): { ok: true } | PhotoRefusal {
  const room = checkPhotoRoom(stored, addedCounts(addition), limits);
  if (!room.ok) return room;
  return checkPhotoFiles(
    PHOTO_KINDS.flatMap((kind) => addition.files[kind] ?? []),
    limits
  );
}

/** The refusal for bytes sharp cannot read as an image at all. */
export function notAnImage(name: string): PhotoRefusal {
  return refusal(
    400,
    'PHOTO_NOT_AN_IMAGE',
    name,
    `无法识别为图片(${name})`,
    `The file is not a readable image (${name})`
  );
}

/** The refusal for an image whose pixels exceed the limit (found in its header, or by sharp while decoding). */
export function tooManyPixels(name: string, limits: PhotoLimits): PhotoRefusal {
  return refusal(
    413,
    'PHOTO_TOO_MANY_PIXELS',
    name,
    `图片像素过多(最多 ${limits.maxPixels} 像素):${name}`,
    `The image has more than ${limits.maxPixels} pixels: ${name}`
  );
}

/**
 * After the header read: the format the bytes really are (a GIF named .jpg is refused, a PNG sent
 * as image/jpeg is kept as the PNG it is) and the pixel count (a small file can claim a huge
 * canvas). Answers the format to re-encode to.
 */
export function checkPhotoHeader(
  name: string,
  header: PhotoHeader,
  limits: PhotoLimits
): { ok: true; format: PhotoFormat } | PhotoRefusal {
  const format = header.format;
  if (format === undefined || !header.width || !header.height) return notAnImage(name);
  if (!(format in PHOTO_FORMATS)) {
    return refusal(
      415,
      'PHOTO_TYPE',
      name,
      `照片只接受 JPEG、PNG、WebP 格式(${name} 是 ${format})`,
      `Photos must be JPEG, PNG or WebP (${name} is ${format})`
    );
  }
  if (header.width * header.height > limits.maxPixels) return tooManyPixels(name, limits);
  return { ok: true, format: format as PhotoFormat };
}

/**
 * The stored file's name: the kind and place, never the name as sent — a phone's or a resident's
 * file name (IMG_0001, 张三身份证.jpg) would otherwise show in every URL Strapi derives from it.
 */
export function storedPhotoName(kind: PhotoKind, format: PhotoFormat, index: number): string {
  return `minyi-${kind}-${index + 1}${PHOTO_FORMATS[format].ext}`;
}

/** Open311's media_url and similar references: stored as given, only if http(s) and not too long. */
export function isPhotoReference(value: string): boolean {
  if (value.length > 2048) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
