import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { gridPath, isInSubtree } from '../../domain/grid-path';
import { structureRepository } from '../../repositories/structure';

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
      const row = await structureRepository(strapi).gridWithParentPath(trx, gridId);
      if (!row || !row.code) return;
      const wanted = gridPath(row.parentPath, row.code);
      if (row.current === wanted) return;
      if (row.current && row.parentPath && isInSubtree(row.parentPath, row.current)) {
        throw new errors.ValidationError(
          '网格不能移动到自身或其下级之下 / a grid cannot be moved under itself or its descendant'
        );
      }

      await structureRepository(strapi).movePath(trx, gridId, row.current, wanted);
    });
  },
});

export default gridTree;
