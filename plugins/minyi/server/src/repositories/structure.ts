import type { Core } from '@strapi/strapi';
import type { ItemScope } from '../domain/access-scope';
import type { StoredCategoryLimits } from '../domain/deadlines';
import type { Level } from '../domain/vocabulary';
import { columnOf, linkOf, tableOf } from './metadata';
import { UID } from './uids';

type Connection = Core.Strapi['db']['connection'];

/** A grid as the admin's pickers show it. */
export interface GridRef {
  id: number;
  documentId: string;
  name: string;
  code: string | null;
  level: string;
  path?: string | null;
}

/** A department as the admin's pickers show it. */
export interface DepartmentRef {
  id: number;
  documentId: string;
  name: string;
  code: string | null;
}

/** A unit an action names (by document id or code), with what its mail needs. */
export interface UnitReference {
  id: number;
  name: string | null;
  contactEmail?: string | null;
}

/** The grid a submission names, with its materialised path. */
export interface SubmissionGrid {
  id: number;
  code: string;
  path: string | null;
}

/** The category a submission names: its own limits (where set), default level and department. */
export interface SubmissionCategory extends StoredCategoryLimits {
  id: number;
  defaultLevel: Level | null;
  defaultDepartmentId: number | null;
}

/** A category as the Open311 catalogue reads it (the columns of its Open311 attributes). */
export interface CatalogCategoryRow {
  id: number | string;
  code: string;
  name: string;
  parentId: number | string | null;
  serviceCode: string | null;
  description: string | null;
  keywords: string | null;
  attributes: unknown;
}

/**
 * The county's structure: grids (网格, a tree with materialised paths), departments and
 * categories. Single records through the Query Engine (which joins the caller's transaction),
 * sets and the tree's path rewrite with knex.
 */
export function structureRepository(strapi: Core.Strapi) {
  const db = (): Connection => strapi.db.connection;
  const grids = () => strapi.db.query(UID.grid);
  const departments = () => strapi.db.query(UID.department);
  const categories = () => strapi.db.query(UID.category);

  return {
    /** A grid or department by document id or code; null when there is none. */
    async unitByReference(kind: 'grid' | 'department', ref: string): Promise<UnitReference | null> {
      return (await (kind === 'grid' ? grids() : departments()).findOne({
        where: { $or: [{ documentId: ref }, { code: ref }] },
        select: kind === 'department' ? ['id', 'name', 'contactEmail'] : ['id', 'name'],
      })) as UnitReference | null;
    },

    /** The path of a grid by row id; undefined when there is no such grid. */
    async gridPathOf(gridId: number): Promise<string | null | undefined> {
      const row = (await grids().findOne({ where: { id: gridId }, select: ['path'] })) as {
        path: string | null;
      } | null;
      return row ? (row.path ?? null) : undefined;
    },

    /** The grids of a subtree (path prefix), with their paths. */
    async subtree(path: string): Promise<Array<{ id: number; path: string }>> {
      return (await grids().findMany({
        where: { path: { $startsWith: path } },
        select: ['id', 'path'],
      })) as Array<{ id: number; path: string }>;
    },

    /** The ids of the grids at these paths. */
    async gridIdsAtPaths(paths: readonly string[]): Promise<Array<{ id: number }>> {
      return (await grids().findMany({
        where: { path: { $in: [...paths] } },
        select: ['id'],
      })) as Array<{ id: number }>;
    },

    /** Grid ids by code, read through `trx`. */
    async gridIdsByCode(trx: Connection, codes: readonly string[]): Promise<Map<string, number>> {
      if (codes.length === 0) return new Map();
      const rows: Array<{ id: number; code: string }> = await trx('grids')
        .whereIn('code', [...new Set(codes)])
        .select('id', 'code');
      return new Map(rows.map((row) => [row.code, Number(row.id)]));
    },

    /** The id of the grid with this code, null without one. */
    async gridIdOfCode(code: string): Promise<number | null> {
      const row = await db()('grids').where('code', code).first('id');
      return row ? Number(row.id) : null;
    },

    /** The code of the county's root grid (the first county-level grid). */
    async countyRootCode(): Promise<string | null> {
      const root = await db()('grids').where('level', 'county').orderBy('id').first('code');
      return root ? String(root.code) : null;
    },

    /** Grids the intake may register at (grid, village, township), by name or code prefix. */
    async intakeGrids(search: string | undefined): Promise<GridRef[]> {
      return (await grids().findMany({
        where: {
          level: { $in: ['grid', 'village', 'township'] },
          ...(search
            ? { $or: [{ name: { $contains: search } }, { code: { $startsWith: search } }] }
            : {}),
        },
        select: ['id', 'documentId', 'name', 'code', 'level'],
        orderBy: { path: 'asc' },
        limit: 20,
      })) as GridRef[];
    },

    /** Grids an actor of this scope may hand an item to: townships and grids inside it. */
    async handOverGrids(scope: ItemScope): Promise<GridRef[]> {
      if (scope.kind !== 'county' && scope.kind !== 'grid-subtree') return [];
      return (await grids().findMany({
        where:
          scope.kind === 'county'
            ? { level: 'township' }
            : {
                path: { $startsWith: scope.gridPath },
                level: { $in: ['township', 'village', 'grid'] },
              },
        select: ['id', 'documentId', 'name', 'code', 'level', 'path'],
        orderBy: { path: 'asc' },
        limit: 1000,
      })) as GridRef[];
    },

    /** Every department, by code. */
    async allDepartments(): Promise<DepartmentRef[]> {
      return (await departments().findMany({
        select: ['id', 'documentId', 'name', 'code'],
        orderBy: { code: 'asc' },
        limit: 500,
      })) as DepartmentRef[];
    },

    /** A department's code, by row id. */
    async departmentCode(id: number): Promise<string | null> {
      const row = (await departments().findOne({ where: { id }, select: ['code'] })) as {
        code: string;
      } | null;
      return row ? row.code : null;
    },

    /** A department's contact address and name, by row id. */
    async departmentContact(
      id: number
    ): Promise<{ email: string | null; name: string } | undefined> {
      return db()('departments').where('id', id).first('contact_email as email', 'name');
    },

    /** A department's contact address and name, by code, read through `trx` (a notice's mail). */
    async departmentContactOfCode(
      trx: Connection,
      code: string
    ): Promise<{ email: string | null; name: string } | undefined> {
      return trx('departments').where('code', code).first('contact_email as email', 'name');
    },

    /** Names by code of the grids with these codes. */
    async gridNames(codes: readonly string[]): Promise<Map<string, string>> {
      if (codes.length === 0) return new Map();
      const rows: Array<{ code: string; name: string }> = await db()('grids')
        .whereIn('code', [...codes])
        .select('code', 'name');
      return new Map(rows.map((row) => [row.code, row.name]));
    },

    /** Names by code of the townships and of the departments (the audit's tables name units). */
    async unitNames(): Promise<{ township: Map<string, string>; department: Map<string, string> }> {
      const townships: Array<{ code: string; name: string }> = await db()('grids')
        .where('level', 'township')
        .select('code', 'name');
      const departments: Array<{ code: string; name: string }> = await db()('departments').select(
        'code',
        'name'
      );
      return {
        township: new Map(townships.map((t) => [t.code, t.name])),
        department: new Map(departments.map((d) => [d.code, d.name])),
      };
    },

    /** Every category with its parent's code, by code (the intake form's list). */
    async categoriesWithParent(): Promise<
      Array<{ documentId: string; code: string; name: string; parent: { code: string } | null }>
    > {
      return (await categories().findMany({
        select: ['documentId', 'code', 'name'],
        populate: { parent: { select: ['code'] } },
        orderBy: { code: 'asc' },
        limit: 1000,
      })) as Array<{
        documentId: string;
        code: string;
        name: string;
        parent: { code: string } | null;
      }>;
    },

    /**
     * The warning offsets the categories set, at every level and per level (distinct, null where a
     * category sets none).
     */
    async warningOffsets(): Promise<Array<number | null>> {
      const columns = [
        'warning_offset_hours',
        'grid_warning_offset_hours',
        'township_warning_offset_hours',
        'county_warning_offset_hours',
      ];
      const rows: Array<Record<string, number | null>> = await db()('categories').distinct(columns);
      return [...new Set(rows.flatMap((row) => columns.map((column) => row[column] ?? null)))];
    },

    /**
     * The grid and (when named) the category a submission names, with the category's default
     * department, in one statement; when the grid is unknown, whether the category exists.
     */
    async forSubmission(
      gridRef: string,
      categoryRef: string | undefined
    ): Promise<{ grid: SubmissionGrid | null; category: SubmissionCategory | null }> {
      const query = db()('grids as g')
        .where((where) => where.where('g.document_id', gridRef).orWhere('g.code', gridRef))
        .first('g.id as gridId', 'g.code as gridCode', 'g.path as gridPath');
      if (categoryRef !== undefined) {
        query
          .leftJoin('categories as c', (on) =>
            on.on(db().raw('(c.document_id = ? or c.code = ?)', [categoryRef, categoryRef]))
          )
          .leftJoin('categories_default_department_lnk as d', 'd.category_id', 'c.id')
          .select(
            'c.id as categoryId',
            'c.default_level as defaultLevel',
            'c.grid_days as gridDays',
            'c.township_days as townshipDays',
            'c.county_days as countyDays',
            'c.urgent_hours as urgentHours',
            'd.department_id as defaultDepartmentId'
          );
      }
      const row = await query;
      if (!row) {
        // No grid: say whether the category was wrong too, field by field.
        const category =
          categoryRef === undefined
            ? null
            : await db()('categories')
                .where('document_id', categoryRef)
                .orWhere('code', categoryRef)
                .first('id');
        return {
          grid: null,
          category: category ? ({ id: Number(category.id) } as SubmissionCategory) : null,
        };
      }
      const int = (value: unknown) =>
        value === null || value === undefined ? undefined : Number(value);
      return {
        grid: { id: Number(row.gridId), code: row.gridCode, path: row.gridPath ?? null },
        category:
          row.categoryId === null || row.categoryId === undefined
            ? null
            : {
                id: Number(row.categoryId),
                defaultLevel: row.defaultLevel ?? null,
                defaultDepartmentId:
                  row.defaultDepartmentId === null || row.defaultDepartmentId === undefined
                    ? null
                    : Number(row.defaultDepartmentId),
                gridDays: int(row.gridDays),
                townshipDays: int(row.townshipDays),
                countyDays: int(row.countyDays),
                urgentHours:
                  row.urgentHours === null || row.urgentHours === undefined
                    ? null
                    : Number(row.urgentHours),
              },
      };
    },

    /** Every category with the columns of its Open311 attributes and its parent (one statement). */
    async catalogCategories(): Promise<CatalogCategoryRow[]> {
      const column = (attribute: string) => columnOf(strapi, UID.category, attribute);
      const parent = linkOf(strapi, UID.category, 'parent');
      return (await db()(`${tableOf(strapi, UID.category)} as c`)
        .leftJoin(`${parent.name} as p`, `p.${parent.ownerColumn}`, 'c.id')
        .select(
          'c.id',
          'c.code',
          'c.name',
          `p.${parent.targetColumn} as parentId`,
          `c.${column('open311ServiceCode')} as serviceCode`,
          `c.${column('open311Description')} as description`,
          `c.${column('open311Keywords')} as keywords`,
          `c.${column('open311Attributes')} as attributes`
        )) as CatalogCategoryRow[];
    },

    /** The column of the category's Open311 service code. */
    serviceCodeColumn(): string {
      return columnOf(strapi, UID.category, 'open311ServiceCode');
    },

    /** A grid's code, its stored path and its parent's path, read through `trx`. */
    async gridWithParentPath(
      trx: Connection,
      gridId: number
    ): Promise<
      { code: string | null; current: string | null; parentPath: string | null } | undefined
    > {
      return trx('grids as g')
        .leftJoin('grids_parent_lnk as l', 'l.grid_id', 'g.id')
        .leftJoin('grids as p', 'p.id', 'l.inv_grid_id')
        .where('g.id', gridId)
        .first('g.code as code', 'g.path as current', 'p.path as parentPath');
    },

    /**
     * A grid's new path, carried to its descendants and their items in set-based statements
     * (descendants and items keep their tail and get the new head), and to the items filed at
     * the grid itself.
     */
    async movePath(
      trx: Connection,
      gridId: number,
      current: string | null,
      wanted: string
    ): Promise<void> {
      await trx('grids').where('id', gridId).update({ path: wanted });
      if (current) {
        await trx('grids')
          .where('path', 'like', `${current}%`)
          .whereNot('id', gridId)
          .update({ path: trx.raw('? || substr(path, ?)', [wanted, current.length + 1]) });
        await trx('items')
          .where('grid_path', 'like', `${current}%`)
          .update({
            grid_path: trx.raw('? || substr(grid_path, ?)', [wanted, current.length + 1]),
          });
      }
      await trx('items')
        .whereIn('id', trx('items_grid_lnk').select('item_id').where('grid_id', gridId))
        .update({ grid_path: wanted });
    },
  };
}
