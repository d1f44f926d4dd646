import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import type { Core } from '@strapi/strapi';
import sharp from 'sharp';
import {
  checkPhotoCandidates,
  checkPhotoHeader,
  notAnImage,
  PHOTO_FIELDS,
  PHOTO_FORMATS,
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

function refusalOf(photo: PhotoRefusal): Refusal {
  return new Refusal(photo.status, photo.code, photo.reason, [
    {
      path: ['files', photo.file ?? 'photos'],
      message: photo.reason.en,
      messageZh: photo.reason.zh,
    },
  ]);
}

/** The files of a multipart field (one or several), or none. */
export function incomingPhotos(files: unknown, field: string): IncomingPhoto[] {
  if (!files || typeof files !== 'object') return [];
  const value = (files as Record<string, unknown>)[field];
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.filter(
    (file): file is IncomingPhoto =>
      typeof file === 'object' &&
      file !== null &&
      typeof (file as IncomingPhoto).filepath === 'string' &&
      typeof (file as IncomingPhoto).size === 'number'
  );
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
    const target = path.join(dir, `${index}${PHOTO_FORMATS[checked.format].ext}`);
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

  return {
    limits,

    /** How many photos of a kind an item has (for the per-item limit). */
    async countOf(itemId: number, kind: PhotoKind, trx?: Connection): Promise<number> {
      return photoRows().countOf(itemId, PHOTO_FIELDS[kind], trx);
    },

    /**
     * Checks, cleans and uploads `files`, runs `write` with the stored photos, and removes the
     * uploads again if `write` throws. A refused file answers its 400/413/415 before anything is
     * stored. The request's temporary files and the cleaned copies are removed in every case.
     */
    async withPhotos<T>(
      kind: PhotoKind,
      files: readonly IncomingPhoto[],
      alreadyStored: number,
      write: (photos: StoredPhoto[]) => Promise<T>
    ): Promise<T> {
      const dir =
        files.length > 0 ? await fs.mkdtemp(path.join(os.tmpdir(), 'minyi-photos-')) : null;
      const stored: StoredPhoto[] = [];
      try {
        const checked = checkPhotoCandidates(
          files.map((file) => ({
            name: file.originalFilename ?? 'photo',
            declaredType: file.mimetype ?? null,
            size: file.size,
          })),
          alreadyStored,
          limits()
        );
        if (!checked.ok) throw refusalOf(checked);
        const cleaned: CleanPhoto[] = [];
        // One at a time: the machine is small, and sharp decodes on its own threads anyway.
        for (const [index, file] of files.entries())
          cleaned.push(await clean(kind, file, index, dir as string));
        for (const photo of cleaned) stored.push(await upload(photo));
        return await write(stored);
      } catch (error) {
        await discard(stored);
        throw error;
      } finally {
        await Promise.all(files.map((file) => removeQuietly(file.filepath)));
        if (dir) await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
      }
    },

    /** Links stored photos to an item, after those it has of the kind; inside the caller's transaction. */
    async attach(
      trx: Connection,
      itemId: number,
      kind: PhotoKind,
      photos: readonly StoredPhoto[]
    ): Promise<void> {
      await photoRows().attach(
        trx,
        itemId,
        PHOTO_FIELDS[kind],
        photos.map((photo) => photo.id)
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
