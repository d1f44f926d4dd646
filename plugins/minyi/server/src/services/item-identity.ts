import { randomBytes } from 'crypto';
import type { Core } from '@strapi/strapi';
import { TRACKING_CODE_RANDOM_BYTES, trackingCodeFromBytes } from '../domain/tracking-code';

type Connection = Core.Strapi['db']['connection'];

/**
 * Gives every item its tracking code and copies its grid's materialised path onto it,
 * whatever created it (content manager, REST, seed scripts through the Document Service).
 */
const itemIdentity = ({ strapi }: { strapi: Core.Strapi }) => ({
  newTrackingCode(): string {
    return trackingCodeFromBytes(randomBytes(TRACKING_CODE_RANDOM_BYTES));
  },

  /** Re-reads the item's grid path through the current transaction and stores it when it changed. */
  async syncGridPath(itemId: number): Promise<void> {
    await strapi.db.transaction(async ({ trx }: { trx: Connection }) => {
      const row = await trx('items as i')
        .leftJoin('items_grid_lnk as l', 'l.item_id', 'i.id')
        .leftJoin('grids as g', 'g.id', 'l.grid_id')
        .where('i.id', itemId)
        .first('i.grid_path as current', 'g.path as wanted');
      if (row && (row.current ?? null) !== (row.wanted ?? null)) {
        await trx('items').where('id', itemId).update({ grid_path: row.wanted ?? null });
      }
    });
  },
});

export default itemIdentity;
