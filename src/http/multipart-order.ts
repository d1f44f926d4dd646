/**
 * The place of each file in a multipart request, as the client sent it. koa-body lists a field's
 * files in the order formidable finishes writing them to disk, so a large first photo can come
 * after a small second one; `fileBegin` fires in the order of the parts, and this numbers them
 * there (one counter for the process: it only ever grows, so the order inside a request holds).
 * The photo service sorts by it (plugins/minyi/server/src/services/photos/photo-store.ts
 * `incomingPhotos`), so an item's photos are stored and served in the order they were submitted.
 */
export const PART_ORDER = 'minyiPartOrder';

let parts = 0;

export function markPartOrder(_field: string, file: object): void {
  parts += 1;
  (file as Record<string, unknown>)[PART_ORDER] = parts;
}
