import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

const GRID = 'api::grid.grid';
const CATEGORY = 'api::category.category';
const DEPARTMENT = 'api::department.department';

export interface GridReferenceRow {
  id: number;
  code: string;
  name: string;
  level: string;
  path: string | null;
}

export interface CategoryReferenceRow {
  id: number;
  code: string;
  name: string;
  defaultLevel: 'grid' | 'township' | 'county';
  gridDays: number;
  townshipDays: number;
  countyDays: number;
  warningOffsetHours: number | null;
  parent: { id: number } | null;
  defaultDepartment: { id: number } | null;
}

/**
 * What the seed reads of the county it writes into: whether the demo county is there, and the
 * grids, categories and departments synthetic items are placed in. Query Engine for the sets,
 * knex (from the metadata's names) for the check that must join the seed's transaction.
 */
export function seedReferenceRepository(strapi: Core.Strapi) {
  return {
    /** Whether a grid of this code exists, read on the transaction given (or the app's connection). */
    async gridCodeExists(code: string, trx?: Knex.Transaction): Promise<boolean> {
      const meta = strapi.db.metadata.get(GRID);
      const column = (meta.attributes.code as { columnName?: string }).columnName ?? 'code';
      const knex = trx ?? strapi.db.connection;
      return Boolean(await knex(meta.tableName).where(column, code).first('id'));
    },

    async grids(): Promise<GridReferenceRow[]> {
      return (await strapi.db
        .query(GRID)
        .findMany({ select: ['id', 'code', 'name', 'level', 'path'] })) as GridReferenceRow[];
    },

    async categories(): Promise<CategoryReferenceRow[]> {
      return (await strapi.db.query(CATEGORY).findMany({
        select: [
          'id',
          'code',
          'name',
          'defaultLevel',
          'gridDays',
          'townshipDays',
          'countyDays',
          'warningOffsetHours',
        ],
        populate: { parent: { select: ['id'] }, defaultDepartment: { select: ['id'] } },
      })) as CategoryReferenceRow[];
    },

    async departmentIds(): Promise<number[]> {
      const rows = (await strapi.db.query(DEPARTMENT).findMany({ select: ['id'] })) as Array<{
        id: number;
      }>;
      return rows.map((department) => department.id);
    },
  };
}
