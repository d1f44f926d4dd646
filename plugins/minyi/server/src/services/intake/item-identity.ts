import { randomBytes } from 'crypto';
import type { Core } from '@strapi/strapi';
import { TRACKING_CODE_RANDOM_BYTES, trackingCodeFromBytes } from '../../domain/tracking-code';
import { itemsRepository } from '../../repositories/items';
import { structureRepository } from '../../repositories/structure';

type Connection = Core.Strapi['db']['connection'];

/**
 * Gives every item its tracking code and copies its grid's materialised path onto it,
 * whatever created it (content manager, REST, seed scripts through the Document Service).
 */
/**
 * The grid row id in create data, in the shapes the Document Service and the query engine pass a
 * to-one relation down in (an id, `{ id }`, `{ set | connect: [{ id }] }`); undefined when the
 * shape is another (documentId strings, positions …), and the path is then synced after create.
 */
export function relationTargetId(value: unknown): number | null | undefined {
  if (value === null) return null;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (Array.isArray(value))
    return value.length === 0 ? null : value.length === 1 ? relationTargetId(value[0]) : undefined;
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === 'id')
      return relationTargetId((value as { id: unknown }).id);
    if (keys.length === 1 && (keys[0] === 'set' || keys[0] === 'connect'))
      return relationTargetId((value as Record<string, unknown>)[keys[0]]);
  }
  return undefined;
}

/**
 * Whether update data changes a relation: absent, or a connect/disconnect with nothing in either
 * (what the content manager's form sends for an untouched relation), changes nothing.
 */
export function changesRelation(value: unknown): boolean {
  if (value === undefined) return false;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const shape = value as { connect?: unknown; disconnect?: unknown; set?: unknown };
    const keys = Object.keys(shape);
    const empty = (list: unknown) =>
      list === undefined || (Array.isArray(list) && list.length === 0);
    if (
      keys.length > 0 &&
      keys.every((key) => key === 'connect' || key === 'disconnect') &&
      empty(shape.connect) &&
      empty(shape.disconnect)
    )
      return false;
  }
  return true;
}

const itemIdentity = ({ strapi }: { strapi: Core.Strapi }) => ({
  newTrackingCode(): string {
    return trackingCodeFromBytes(randomBytes(TRACKING_CODE_RANDOM_BYTES));
  },

  /**
   * The grid path of an item about to be created, read with one query from the grid named in its
   * data; undefined when the data names the grid in a shape this cannot read (sync after create then).
   */
  async gridPathForCreate(data: Record<string, unknown>): Promise<string | null | undefined> {
    if (!('grid' in data) || data.grid === undefined) return null;
    const gridId = relationTargetId(data.grid);
    if (gridId === undefined) return undefined;
    if (gridId === null) return null;
    // Through the query engine, so the read joins the caller's transaction (SQLite has one connection).
    return structureRepository(strapi).gridPathOf(gridId);
  },

  /** Re-reads the item's grid path through the current transaction and stores it when it changed. */
  async syncGridPath(itemId: number): Promise<void> {
    await strapi.db.transaction(async ({ trx }: { trx: Connection }) =>
      itemsRepository(strapi).syncGridPath(trx, itemId)
    );
  },
});

export default itemIdentity;
