import { promises as fs } from 'fs';
import type { Context } from 'koa';
import { incomingPhotos, type IncomingPhoto } from '../services/photos/photo-store';

/** The multipart field that carries photos (public submission, intake, resolve: `photos`, `before`, `after`). */
export type PhotoField = 'photos' | 'before' | 'after' | 'media';

function isMultipart(ctx: Context): boolean {
  return ctx.is('multipart/form-data') === 'multipart/form-data';
}

/**
 * The body as the JSON routes take it. A multipart request carries that JSON as its `data` field
 * (Strapi's own convention for an entry with files); text that is not JSON is kept as text, so the
 * route's zod parse refuses it field by field like any other wrong body.
 */
export function multipartBody(ctx: Context): unknown {
  const body = ctx.request.body as Record<string, unknown> | undefined;
  if (!isMultipart(ctx) || !body || typeof body.data !== 'string') return body;
  try {
    return { ...body, data: JSON.parse(body.data) as unknown };
  } catch {
    return body;
  }
}

/** The photo files of one multipart field (none for a JSON request). */
export function multipartPhotos(ctx: Context, field: PhotoField = 'photos'): IncomingPhoto[] {
  return isMultipart(ctx) ? incomingPhotos(ctx.request.files, field) : [];
}

/** Runs the handler, then removes every temporary file koa-body wrote for the request. */
export async function removeIncoming(ctx: Context, handler: () => Promise<void>): Promise<void> {
  try {
    await handler();
  } finally {
    const files = ctx.request.files as Record<string, unknown> | undefined;
    if (files) {
      const all = Object.keys(files).flatMap((field) => incomingPhotos(files, field));
      await Promise.all(
        all.map((file) => fs.rm(file.filepath, { force: true }).catch(() => undefined))
      );
    }
  }
}
