import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { gridPath, isInSubtree } from '../../domain/grid-path';

type Connection = Core.Strapi['db']['connection'];

/**
 * Keeps each grid's materialised path right when a grid is created, renamed (new code) or moved,
 * and carries the change to its descendants and their items in two set-based statements.
 */
const gridTree = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The path of a new grid under a parent: for loaders that write grids in bulk. */
  childPath(parentPath: string | null, code: string): string {
    return gridPath(parentPath, code);
  },

  async syncPath(gridId: number): Promise<void> {
    await strapi.db.transaction(async ({ trx }: { trx: Connection }) => {
      const row = await trx('grids as g')
        .leftJoin('grids_parent_lnk as l', 'l.grid_id', 'g.id')
        .leftJoin('grids as p', 'p.id', 'l.inv_grid_id')
        .where('g.id', gridId)
        .first('g.code as code', 'g.path as current', 'p.path as parentPath');
      if (!row || !row.code) return;
      const wanted = gridPath(row.parentPath, row.code);
      if (row.current === wanted) return;
      if (row.current && row.parentPath && isInSubtree(row.parentPath, row.current)) {
        throw new errors.ValidationError(
          '网格不能移动到自身或其下级之下 / a grid cannot be moved under itself or its descendant'
        );
      }

      await trx('grids').where('id', gridId).update({ path: wanted });
      if (row.current) {
        // Descendants and their items keep their tail and get the new head.
        await trx('grids')
          .where('path', 'like', `${row.current}%`)
          .whereNot('id', gridId)
          .update({ path: trx.raw('? || substr(path, ?)', [wanted, row.current.length + 1]) });
        await trx('items')
          .where('grid_path', 'like', `${row.current}%`)
          .update({
            grid_path: trx.raw('? || substr(grid_path, ?)', [wanted, row.current.length + 1]),
          });
      }
      await trx('items')
        .whereIn('id', trx('items_grid_lnk').select('item_id').where('grid_id', gridId))
        .update({ grid_path: wanted });
    });
  },
});

export default gridTree;
