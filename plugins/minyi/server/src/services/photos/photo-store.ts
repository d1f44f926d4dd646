import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import type { Core } from '@strapi/strapi';
import sharp from 'sharp';
import {
  checkPhotoAddition,
  checkPhotoHeader,
  checkPhotoRoom,
  NO_PHOTOS,
  notAnImage,
  PHOTO_FIELDS,
  PHOTO_FORMATS,
  PHOTO_KINDS,
  type PhotoCounts,
  type PhotoFormat,
  type PhotoKind,
  type PhotoLimits,
  type PhotosByKind,
  type PhotoRefusal,
  storedPhotoName,
  tooManyPixels,
} from '../../domain/photos';
import { minyiConfig } from '../../plugin';
import { Refusal } from '../../refusal';
import { itemPhotosRepository } from '../../repositories/item-photos';

type Connection = Core.Strapi['db']['connection'];

/** A file as koa-body (formidable) leaves it in `ctx.request.files`. */
export interface IncomingPhoto {
  filepath: string;
  originalFilename?: string | null;
  mimetype?: string | null;
  size: number;
}

/** A photo decoded and re-encoded without metadata, in a temporary file, not yet stored. */
interface CleanPhoto {
  filepath: string;
  name: string;
  format: PhotoFormat;
  size: number;
}

/** A stored photo (an upload-plugin file). */
export interface StoredPhoto {
  id: number;
  documentId: string;
}

/** What one request brings: its files by kind, and a photo by reference (Open311 media_url). */
export interface IncomingAddition {
  files: Partial<Record<PhotoKind, readonly IncomingPhoto[]>>;
  references?: number;
}

export type StoredPhotos = Record<PhotoKind, StoredPhoto[]>;

function refusalOf(photo: PhotoRefusal): Refusal {
  return new Refusal(photo.status, photo.code, photo.reason, [
    {
      path: ['files', photo.file ?? 'photos'],
      message: photo.reason.en,
      messageZh: photo.reason.zh,
    },
  ]);
}

/**
 * The number the app's body parser gives each file in the order the parts were sent
 * (src/http/multipart-order.ts): koa-body lists files in the order they finished writing.
 */
const PART_ORDER = 'minyiPartOrder';

function partOrderOf(file: IncomingPhoto): number {
  const order = (file as unknown as Record<string, unknown>)[PART_ORDER];
  return typeof order === 'number' ? order : 0;
}

/** The files of a multipart field (one or several) in the order sent, or none. */
export function incomingPhotos(files: unknown, field: string): IncomingPhoto[] {
  if (!files || typeof files !== 'object') return [];
  const value = (files as Record<string, unknown>)[field];
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list
    .filter(
      (file): file is IncomingPhoto =>
        typeof file === 'object' &&
        file !== null &&
        typeof (file as IncomingPhoto).filepath === 'string' &&
        typeof (file as IncomingPhoto).size === 'number'
    )
    .sort((a, b) => partOrderOf(a) - partOrderOf(b));
}

async function removeQuietly(filepath: string): Promise<void> {
  await fs.rm(filepath, { force: true }).catch(() => undefined);
}

/**
 * Photos (随手拍, 整改前/整改后) through Strapi's upload plugin (issue 12). Every file is decoded by
 * sharp and re-encoded in its own format, so no EXIF, XMP, IPTC or ICC metadata survives — the
 * orientation is applied first, then dropped — and every thumbnail and format the upload plugin
 * makes is made from the clean file. Rules are the domain's (domain/photos.ts). A refusal stores
 * nothing; a write that fails after the upload removes the uploads again (`withPhotos`). Photo
 * relations are written here, in the caller's transaction: the item's photo fields are owned by
 * the workflow (domain/owned-fields.ts), so no other path attaches them.
 */
const photoStore = ({ strapi }: { strapi: Core.Strapi }) => {
  const photoRows = () => itemPhotosRepository(strapi);

  function limits(): PhotoLimits {
    const { maxPerItem, maxMegabytes, maxPixels } = minyiConfig(strapi).photos;
    return { maxPerItem, maxBytes: Math.round(maxMegabytes * 1024 * 1024), maxPixels };
  }

  /** Reads the header, then decodes and re-encodes; throws the Refusal for a bad file. */
  async function clean(
    kind: PhotoKind,
    file: IncomingPhoto,
    index: number,
    dir: string
  ): Promise<CleanPhoto> {
    const name = file.originalFilename ?? `photo-${index + 1}`;
    const rules = limits();
    const options = { limitInputPixels: rules.maxPixels, failOn: 'error' as const };
    let header;
    try {
      header = await sharp(file.filepath, options).metadata();
    } catch (error) {
      throw refusalOf(isPixelLimit(error) ? tooManyPixels(name, rules) : notAnImage(name));
    }
    const checked = checkPhotoHeader(name, header, rules);
    if (!checked.ok) throw refusalOf(checked);
    // One file a kind and place: a request's 整改前 and 整改后 are cleaned into the same folder.
    const target = path.join(dir, `${kind}-${index}${PHOTO_FORMATS[checked.format].ext}`);
    // rotate(): EXIF orientation applied to the pixels, because the EXIF itself is not kept.
    // sharp writes no metadata unless asked (withMetadata / keepExif): none is asked for.
    const pipeline = sharp(file.filepath, options).rotate();
    if (checked.format === 'jpeg') pipeline.jpeg({ quality: 88, mozjpeg: true });
    else if (checked.format === 'png') pipeline.png({ compressionLevel: 9 });
    else pipeline.webp({ quality: 88 });
    try {
      const info = await pipeline.toFile(target);
      return {
        filepath: target,
        name: storedPhotoName(kind, checked.format, index),
        format: checked.format,
        size: info.size,
      };
    } catch (error) {
      throw refusalOf(isPixelLimit(error) ? tooManyPixels(name, rules) : notAnImage(name));
    }
  }

  async function upload(photo: CleanPhoto): Promise<StoredPhoto> {
    const [stored] = (await strapi
      .plugin('upload')
      .service('upload')
      .upload({
        data: { fileInfo: { name: photo.name, alternativeText: null, caption: null } },
        files: {
          filepath: photo.filepath,
          originalFilename: photo.name,
          mimetype: PHOTO_FORMATS[photo.format].mime,
          size: photo.size,
        },
      })) as Array<{ id: number | string; documentId: string }>;
    return { id: Number(stored.id), documentId: stored.documentId };
  }

  /** Removes stored photos (their files, formats and rows) — the cleanup of a failed write. */
  async function discard(photos: readonly StoredPhoto[]): Promise<void> {
    for (const photo of photos) {
      try {
        const file = await photoRows().file(photo.id);
        if (file) await strapi.plugin('upload').service('upload').remove(file);
      } catch (error) {
        strapi.log.error(
          `[minyi] could not remove photo ${photo.id} after a failed write: ${String(error)}`
        );
      }
    }
  }

  /**
   * What an item holds, by kind: its photos, and its media_url reference as one of the
   * resident's. An item not yet written (`null`) holds none.
   */
  async function countsOf(itemId: number | null, trx?: Connection): Promise<PhotoCounts> {
    if (itemId === null) return NO_PHOTOS;
    const byField = await photoRows().countsOf(itemId, Object.values(PHOTO_FIELDS), trx);
    const reference = (await photoRows().hasMediaReference(itemId, trx)) ? 1 : 0;
    return {
      submitted: byField[PHOTO_FIELDS.submitted] + reference,
      before: byField[PHOTO_FIELDS.before],
      after: byField[PHOTO_FIELDS.after],
    };
  }

  return {
    limits,

    countsOf,

    /**
     * Checks, cleans and uploads the request's files, runs `write` with the stored photos, and
     * removes the uploads again if `write` throws. The item's counts (`itemId`, null for an item
     * not yet written) are loaded first: a request that would take a room past the limit, or a
     * refused file, answers its 400/413/415 before anything is stored. The request's temporary
     * files and the cleaned copies are removed in every case.
     */
    async withPhotos<T>(
      itemId: number | null,
      addition: IncomingAddition,
      write: (photos: StoredPhotos) => Promise<T>
    ): Promise<T> {
      const incoming = PHOTO_KINDS.flatMap((kind) => addition.files[kind] ?? []);
      const dir =
        incoming.length > 0 ? await fs.mkdtemp(path.join(os.tmpdir(), 'minyi-photos-')) : null;
      const stored: StoredPhotos = { submitted: [], before: [], after: [] };
      const candidates = (files: readonly IncomingPhoto[] = []) =>
        files.map((file) => ({
          name: file.originalFilename ?? 'photo',
          declaredType: file.mimetype ?? null,
          size: file.size,
        }));
      try {
        const checked = checkPhotoAddition(
          await countsOf(itemId),
          {
            files: Object.fromEntries(
              PHOTO_KINDS.map((kind) => [kind, candidates(addition.files[kind])])
            ),
            references: addition.references ?? 0,
          },
          limits()
        );
        if (!checked.ok) throw refusalOf(checked);
        const cleaned: Array<[PhotoKind, CleanPhoto]> = [];
        // One at a time: the machine is small, and sharp decodes on its own threads anyway.
        for (const kind of PHOTO_KINDS)
          for (const [index, file] of (addition.files[kind] ?? []).entries())
            cleaned.push([kind, await clean(kind, file, index, dir as string)]);
        for (const [kind, photo] of cleaned) stored[kind].push(await upload(photo));
        return await write(stored);
      } catch (error) {
        await discard(PHOTO_KINDS.flatMap((kind) => stored[kind]));
        throw error;
      } finally {
        await Promise.all(incoming.map((file) => removeQuietly(file.filepath)));
        if (dir) await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
      }
    },

    /**
     * Links stored photos to an item, after those it has of each kind, inside the caller's
     * transaction. The rooms are judged again on what the transaction sees, so two requests that
     * passed the first check side by side cannot take an item past the limit together: the later
     * write is refused, rolls back, and `withPhotos` removes its uploads.
     */
    async attach(trx: Connection, itemId: number, photos: Partial<StoredPhotos>): Promise<void> {
      const added = {
        submitted: photos.submitted?.length ?? 0,
        before: photos.before?.length ?? 0,
        after: photos.after?.length ?? 0,
      };
      if (added.submitted + added.before + added.after === 0) return;
      // The item's own media_url is in the counts already (written in this transaction).
      const checked = checkPhotoRoom(await countsOf(itemId, trx), added, limits());
      if (!checked.ok) throw refusalOf(checked);
      for (const kind of PHOTO_KINDS)
        await photoRows().attach(
          trx,
          itemId,
          PHOTO_FIELDS[kind],
          (photos[kind] ?? []).map((photo) => photo.id)
        );
    },

    /** Each item's photos by kind, as URLs (original and formats); items without photos answer empty lists. */
    async viewsOf(itemIds: readonly number[]): Promise<Map<number, PhotosByKind>> {
      const result = new Map<number, PhotosByKind>();
      for (const id of itemIds) result.set(id, { submitted: [], before: [], after: [] });
      if (itemIds.length === 0) return result;
      const rows = await photoRows().ofItems(itemIds, Object.values(PHOTO_FIELDS));
      const kindOfField = new Map<string, PhotoKind>(
        Object.entries(PHOTO_FIELDS).map(([kind, field]) => [field, kind as PhotoKind])
      );
      for (const row of rows) {
        const kind = kindOfField.get(row.field);
        const views = result.get(Number(row.itemId));
        if (!kind || !views) continue;
        const formats = (
          typeof row.formats === 'string' ? JSON.parse(row.formats) : row.formats
        ) as Record<string, { url?: string }> | null;
        views[kind].push({
          url: row.url,
          width: row.width === null ? null : Number(row.width),
          height: row.height === null ? null : Number(row.height),
          formats: Object.fromEntries(
            Object.entries(formats ?? {})
              .filter(([, format]) => typeof format?.url === 'string')
              .map(([key, format]) => [key, format.url as string])
          ),
        });
      }
      return result;
    },
  };
};

function isPixelLimit(error: unknown): boolean {
  return error instanceof Error && /pixel limit/i.test(error.message);
}

export type PhotoStoreService = ReturnType<typeof photoStore>;
export default photoStore;
