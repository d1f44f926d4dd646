import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { gridPath } from '../domain/grid-path';
import {
  keyOf,
  type CategoryRecord,
  type CurrentStructure,
  type DepartmentRecord,
  type GridRecord,
  type KindChanges,
  type Located,
  type LoginKind,
  type RecordOfKind,
  type StaffRecord,
  type StructureChanges,
  type StructureKind,
} from '../domain/structure-import';
import { newDocumentId } from './document-ids';
import { tableNames, UIDS, type JoinInfo, type TableNames } from './structure-import-tables';

/** A stored record with its row id (and what the import needs besides the record). */
export interface Stored<T> {
  id: number;
  record: T;
  path?: string | null;
  adminUserId?: number | null;
  userId?: number | null;
}

export type StoredStructure = { [K in StructureKind]: Map<string, Stored<RecordOfKind[K]>> };

const ROWS_PER_STATEMENT = 200;

/** A kind that added this many rows has its statistics gathered before the next kind links to it. */
const ANALYZE_AFTER_ROWS = 500;

function chunks<T>(list: readonly T[], size = ROWS_PER_STATEMENT): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < list.length; start += size)
    result.push(list.slice(start, start + size));
  return result;
}

function numberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

function nullable(value: unknown): string | null {
  return value === null || value === undefined || value === '' ? null : String(value);
}

export function currentOf(stored: StoredStructure): CurrentStructure {
  const records = <K extends StructureKind>(kind: K) =>
    new Map([...stored[kind]].map(([key, entry]) => [key, entry.record])) as Map<
      string,
      RecordOfKind[K]
    >;
  return {
    grids: records('grids'),
    departments: records('departments'),
    staff: records('staff'),
    categories: records('categories'),
  };
}

/** Reads the structure as the import and the export see it: one statement per kind. */
export async function loadStructure(
  strapi: Core.Strapi,
  db: Knex = strapi.db.connection
): Promise<StoredStructure> {
  const grid = tableNames(strapi, UIDS.grid);
  const department = tableNames(strapi, UIDS.department);
  const staff = tableNames(strapi, UIDS.staff);
  const category = tableNames(strapi, UIDS.category);
  const gridParent = grid.join('parent');

  const gridRows = (await db(`${grid.table} as g`)
    .leftJoin(`${gridParent.table} as l`, `l.${gridParent.ownerColumn}`, 'g.id')
    .leftJoin(`${grid.table} as p`, 'p.id', `l.${gridParent.targetColumn}`)
    .select('g.id', 'g.code', 'g.name', 'g.level', 'g.path', 'p.code as parentCode')
    .orderBy('g.id')) as Array<Record<string, unknown>>;
  const grids = new Map<string, Stored<GridRecord>>();
  for (const row of gridRows) {
    grids.set(String(row.code), {
      id: Number(row.id),
      path: nullable(row.path),
      record: {
        code: String(row.code),
        name: String(row.name),
        level: row.level as GridRecord['level'],
        parentCode: nullable(row.parentCode),
      },
    });
  }

  const departmentRows = (await db(department.table)
    .select('id', 'code', 'name', 'kind', `${department.column('contactEmail')} as contactEmail`)
    .orderBy('id')) as Array<Record<string, unknown>>;
  const departments = new Map<string, Stored<DepartmentRecord>>();
  for (const row of departmentRows) {
    departments.set(String(row.code), {
      id: Number(row.id),
      record: {
        code: String(row.code),
        name: String(row.name),
        kind: row.kind as DepartmentRecord['kind'],
        contactEmail: nullable(row.contactEmail),
      },
    });
  }

  const categoryParent = category.join('parent');
  const categoryDepartment = category.join('defaultDepartment');
  const categoryRows = (await db(`${category.table} as c`)
    .leftJoin(`${categoryParent.table} as pl`, `pl.${categoryParent.ownerColumn}`, 'c.id')
    .leftJoin(`${category.table} as p`, 'p.id', `pl.${categoryParent.targetColumn}`)
    .leftJoin(`${categoryDepartment.table} as dl`, `dl.${categoryDepartment.ownerColumn}`, 'c.id')
    .leftJoin(`${department.table} as d`, 'd.id', `dl.${categoryDepartment.targetColumn}`)
    .select(
      'c.id',
      'c.code',
      'c.name',
      'p.code as parentCode',
      'd.code as departmentCode',
      ...(
        [
          'defaultLevel',
          'gridDays',
          'townshipDays',
          'countyDays',
          'urgentHours',
          'warningOffsetHours',
          'gridWarningOffsetHours',
          'townshipWarningOffsetHours',
          'countyWarningOffsetHours',
        ] as const
      ).map((attribute) => `c.${category.column(attribute)} as ${attribute}`)
    )
    .orderBy('c.id')) as Array<Record<string, unknown>>;
  const categories = new Map<string, Stored<CategoryRecord>>();
  for (const row of categoryRows) {
    categories.set(String(row.code), {
      id: Number(row.id),
      record: {
        code: String(row.code),
        name: String(row.name),
        parentCode: nullable(row.parentCode),
        defaultLevel: row.defaultLevel as CategoryRecord['defaultLevel'],
        defaultDepartmentCode: nullable(row.departmentCode),
        gridDays: Number(row.gridDays),
        townshipDays: Number(row.townshipDays),
        countyDays: Number(row.countyDays),
        urgentHours: numberOrNull(row.urgentHours),
        warningOffsetHours: Number(row.warningOffsetHours),
        gridWarningOffsetHours: numberOrNull(row.gridWarningOffsetHours),
        townshipWarningOffsetHours: numberOrNull(row.townshipWarningOffsetHours),
        countyWarningOffsetHours: numberOrNull(row.countyWarningOffsetHours),
      },
    });
  }

  const staffGrid = staff.join('grid');
  const staffDepartment = staff.join('department');
  const staffAdmin = staff.join('adminUser');
  const staffUser = staff.join('user');
  const staffRows = (await db(`${staff.table} as s`)
    .leftJoin(`${staffGrid.table} as gl`, `gl.${staffGrid.ownerColumn}`, 's.id')
    .leftJoin(`${grid.table} as g`, 'g.id', `gl.${staffGrid.targetColumn}`)
    .leftJoin(`${staffDepartment.table} as dl`, `dl.${staffDepartment.ownerColumn}`, 's.id')
    .leftJoin(`${department.table} as d`, 'd.id', `dl.${staffDepartment.targetColumn}`)
    .leftJoin(`${staffAdmin.table} as al`, `al.${staffAdmin.ownerColumn}`, 's.id')
    .leftJoin(`${staffUser.table} as ul`, `ul.${staffUser.ownerColumn}`, 's.id')
    .select(
      's.id',
      's.name',
      's.phone',
      's.email',
      's.role',
      'g.code as gridCode',
      'd.code as departmentCode',
      `al.${staffAdmin.targetColumn} as adminUserId`,
      `ul.${staffUser.targetColumn} as userId`
    )
    .orderBy('s.id')) as Array<Record<string, unknown>>;
  const staffMap = new Map<string, Stored<StaffRecord>>();
  for (const row of staffRows) {
    const adminUserId =
      row.adminUserId === null || row.adminUserId === undefined ? null : Number(row.adminUserId);
    const userId = row.userId === null || row.userId === undefined ? null : Number(row.userId);
    const login: LoginKind = adminUserId !== null ? 'admin' : userId !== null ? 'field' : 'none';
    const phone = nullable(row.phone);
    // Staff entered without a phone cannot be matched by a file; listed under their id as missing.
    staffMap.set(phone ?? `#${String(row.id)}`, {
      id: Number(row.id),
      adminUserId,
      userId,
      record: {
        phone: phone ?? '',
        name: String(row.name),
        role: row.role as StaffRecord['role'],
        gridCode: nullable(row.gridCode),
        departmentCode: nullable(row.departmentCode),
        email: nullable(row.email),
        login,
      },
    });
  }
  return { grids, departments, staff: staffMap, categories };
}

/** Inserts rows (Strapi's system columns added) and returns their ids by document id. */
export async function insertRows(
  trx: Knex.Transaction,
  target: TableNames,
  rows: ReadonlyArray<Record<string, unknown>>,
  now: Date
): Promise<number[]> {
  const ids: number[] = [];
  for (const part of chunks(rows)) {
    // Strapi's system columns, those the type has (every Strapi 5 type has a document id).
    const withSystem = part.map((row) => ({
      document_id: newDocumentId(),
      ...(target.has('createdAt') ? { created_at: now, updated_at: now } : {}),
      ...(target.has('publishedAt') ? { published_at: now } : {}),
      ...(target.has('locale') ? { locale: null } : {}),
      ...row,
    }));
    // RETURNING (SQLite ≥ 3.35, PostgreSQL) gives the new ids in one round trip.
    const returned = (await trx(target.table)
      .insert(withSystem)
      .returning(['id', 'document_id'])) as Array<{ id: number; document_id: string }>;
    const idOf = new Map(returned.map((row) => [row.document_id, Number(row.id)]));
    for (const row of withSystem) ids.push(idOf.get(row.document_id) as number);
  }
  return ids;
}

async function updateRows(
  trx: Knex.Transaction,
  table: string,
  updates: ReadonlyArray<{ id: number; data: Record<string, unknown> }>,
  now: Date
): Promise<void> {
  for (const update of updates) {
    if (Object.keys(update.data).length === 0) continue;
    await trx(table)
      .where('id', update.id)
      .update({ ...update.data, updated_at: now });
  }
}

/** Replaces the link of each owner (a manyToOne relation): old rows deleted, the new target inserted. */
export async function relink(
  trx: Knex.Transaction,
  join: JoinInfo,
  links: ReadonlyArray<{ owner: number; target: number | null; replace: boolean }>
): Promise<void> {
  const replaced = links.filter((link) => link.replace).map((link) => link.owner);
  for (const part of chunks(replaced, 500))
    await trx(join.table).whereIn(join.ownerColumn, part).delete();
  const rows = links
    .filter((link) => link.target !== null)
    .map((link, index) => {
      const row: Record<string, unknown> = {
        [join.ownerColumn]: link.owner,
        [join.targetColumn]: link.target,
      };
      if (join.orderColumn) row[join.orderColumn] = 1;
      // The owner's place in the target's list (a grid's staff …): file order is as good as any.
      if (join.inverseOrderColumn) row[join.inverseOrderColumn] = index + 1;
      return row;
    });
  for (const part of chunks(rows)) await trx(join.table).insert(part);
}

export interface WriteResult {
  /** Staff rows written (created or updated) with the ids they have now, for the logins. */
  staff: Array<{ id: number; record: StaffRecord; stored: Stored<StaffRecord> | null }>;
  /** Grids whose path changed (moved or renamed ancestors) — their items' paths were rewritten. */
  movedGrids: number;
}

type Changes<K extends StructureKind> = KindChanges<K> | undefined;

function changedRecords<K extends StructureKind>(
  changes: Changes<K>
): Array<Located<RecordOfKind[K]> & { changed?: string[] }> {
  return changes ? [...changes.create, ...changes.update] : [];
}

/**
 * Writes a checked import in the caller's transaction: departments, grids (paths of the whole
 * tree recomputed, items of moved grids carried along), categories, staff. Set-based inserts;
 * one update per changed row. Nothing is deleted but the links a changed row replaces.
 */
export async function writeStructure(
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  stored: StoredStructure,
  changes: StructureChanges,
  now: Date,
  /** Gathers statistics of these content types' tables (called after a kind added many rows). */
  analyze: (uids: readonly string[]) => Promise<void> = async () => undefined
): Promise<WriteResult> {
  const analyzeIfGrown = async (uid: string, created: number) => {
    if (created >= ANALYZE_AFTER_ROWS) await analyze([uid]);
  };
  const grid = tableNames(strapi, UIDS.grid);
  const department = tableNames(strapi, UIDS.department);
  const staff = tableNames(strapi, UIDS.staff);
  const category = tableNames(strapi, UIDS.category);
  const item = tableNames(strapi, UIDS.item);

  // Departments.
  const departmentIds = new Map([...stored.departments].map(([code, entry]) => [code, entry.id]));
  if (changes.departments) {
    const departmentRow = (record: DepartmentRecord) => ({
      code: record.code,
      name: record.name,
      kind: record.kind,
      [department.column('contactEmail')]: record.contactEmail,
    });
    const created = changes.departments.create.map((entry) => entry.record);
    const ids = await insertRows(trx, department, created.map(departmentRow), now);
    created.forEach((record, index) => departmentIds.set(record.code, ids[index]));
    await updateRows(
      trx,
      department.table,
      changes.departments.update.map((entry) => ({
        id: stored.departments.get(entry.record.code)!.id,
        data: departmentRow(entry.record),
      })),
      now
    );
    await analyzeIfGrown(UIDS.department, created.length);
  }

  // Grids: rows, parent links, then every path that the tree now gives differently.
  const gridIds = new Map([...stored.grids].map(([code, entry]) => [code, entry.id]));
  let movedGrids = 0;
  if (changes.grids) {
    const created = changes.grids.create.map((entry) => entry.record);
    const ids = await insertRows(
      trx,
      grid,
      created.map((record) => ({
        code: record.code,
        name: record.name,
        level: record.level,
        path: null,
      })),
      now
    );
    created.forEach((record, index) => gridIds.set(record.code, ids[index]));
    await updateRows(
      trx,
      grid.table,
      changes.grids.update.map((entry) => ({
        id: gridIds.get(entry.record.code)!,
        data: { name: entry.record.name, level: entry.record.level },
      })),
      now
    );
    const parentLinks = [
      ...changes.grids.create.map((entry) => ({ entry, replace: false })),
      ...changes.grids.update
        .filter((entry) => entry.changed.includes('parentCode'))
        .map((entry) => ({ entry, replace: true })),
    ].map(({ entry, replace }) => ({
      owner: gridIds.get(entry.record.code)!,
      target: entry.record.parentCode === null ? null : gridIds.get(entry.record.parentCode)!,
      replace,
    }));
    await relink(trx, grid.join('parent'), parentLinks);
    await analyzeIfGrown(UIDS.grid, created.length);

    // Paths of the whole tree as it now stands (stored parents overlaid by the file's).
    const parentOf = new Map(
      [...stored.grids].map(([code, entry]) => [code, entry.record.parentCode])
    );
    for (const entry of changedRecords(changes.grids))
      parentOf.set(entry.record.code, entry.record.parentCode);
    const paths = new Map<string, string>();
    const pathOf = (code: string): string => {
      const known = paths.get(code);
      if (known) return known;
      const parent = parentOf.get(code) ?? null;
      const path = gridPath(parent === null ? null : pathOf(parent), code);
      paths.set(code, path);
      return path;
    };
    const pathUpdates: Array<{ id: number; path: string; existing: boolean }> = [];
    for (const code of parentOf.keys()) {
      const wanted = pathOf(code);
      const before = stored.grids.get(code);
      if (!before) pathUpdates.push({ id: gridIds.get(code)!, path: wanted, existing: false });
      else if (before.path !== wanted)
        pathUpdates.push({ id: before.id, path: wanted, existing: true });
    }
    for (const part of chunks(pathUpdates)) {
      const cases = part.map(() => 'when ? then ?').join(' ');
      await trx(grid.table)
        .whereIn(
          'id',
          part.map((update) => update.id)
        )
        .update({
          path: trx.raw(
            `case id ${cases} end`,
            part.flatMap((update) => [update.id, update.path])
          ),
        });
    }
    // Items carry their grid's path (the grid-tree service's rule): rewrite those of moved grids.
    const moved = pathUpdates.filter((update) => update.existing).map((update) => update.id);
    movedGrids = moved.length;
    const itemGrid = item.join('grid');
    const gridPathColumn = item.column('gridPath');
    for (const part of chunks(moved, 500)) {
      await trx(item.table)
        .whereIn(
          'id',
          trx(itemGrid.table).select(itemGrid.ownerColumn).whereIn(itemGrid.targetColumn, part)
        )
        .update({
          [gridPathColumn]: trx(`${itemGrid.table} as l`)
            .join(`${grid.table} as g`, 'g.id', `l.${itemGrid.targetColumn}`)
            .select('g.path')
            .where(`l.${itemGrid.ownerColumn}`, trx.ref(`${item.table}.id`))
            .limit(1),
        });
    }
  }

  // Categories.
  if (changes.categories) {
    const categoryRow = (record: CategoryRecord) => ({
      code: record.code,
      name: record.name,
      [category.column('defaultLevel')]: record.defaultLevel,
      [category.column('gridDays')]: record.gridDays,
      [category.column('townshipDays')]: record.townshipDays,
      [category.column('countyDays')]: record.countyDays,
      [category.column('urgentHours')]: record.urgentHours,
      [category.column('warningOffsetHours')]: record.warningOffsetHours,
      [category.column('gridWarningOffsetHours')]: record.gridWarningOffsetHours,
      [category.column('townshipWarningOffsetHours')]: record.townshipWarningOffsetHours,
      [category.column('countyWarningOffsetHours')]: record.countyWarningOffsetHours,
    });
    const categoryIds = new Map([...stored.categories].map(([code, entry]) => [code, entry.id]));
    const created = changes.categories.create.map((entry) => entry.record);
    const ids = await insertRows(trx, category, created.map(categoryRow), now);
    created.forEach((record, index) => categoryIds.set(record.code, ids[index]));
    await updateRows(
      trx,
      category.table,
      changes.categories.update.map((entry) => ({
        id: categoryIds.get(entry.record.code)!,
        data: categoryRow(entry.record),
      })),
      now
    );
    const links = (
      field: 'parentCode' | 'defaultDepartmentCode',
      target: (code: string) => number | undefined
    ) =>
      [
        ...changes.categories!.create.map((entry) => ({ entry, replace: false })),
        ...changes
          .categories!.update.filter((entry) => entry.changed.includes(field))
          .map((entry) => ({ entry, replace: true })),
      ].map(({ entry, replace }) => {
        const code = entry.record[field];
        return {
          owner: categoryIds.get(entry.record.code)!,
          target: code === null ? null : target(code)!,
          replace,
        };
      });
    await relink(
      trx,
      category.join('parent'),
      links('parentCode', (code) => categoryIds.get(code))
    );
    await relink(
      trx,
      category.join('defaultDepartment'),
      links('defaultDepartmentCode', (code) => departmentIds.get(code))
    );
  }

  // Staff.
  const writtenStaff: WriteResult['staff'] = [];
  if (changes.staff) {
    const staffRow = (record: StaffRecord) => ({
      name: record.name,
      phone: record.phone,
      email: record.email,
      role: record.role,
    });
    const created = changes.staff.create.map((entry) => entry.record);
    const ids = await insertRows(
      trx,
      staff,
      created.map((record) => ({ ...staffRow(record), active: true })),
      now
    );
    created.forEach((record, index) => writtenStaff.push({ id: ids[index], record, stored: null }));
    const updated = changes.staff.update.map((entry) => {
      const before = stored.staff.get(keyOf('staff', entry.record))!;
      return { entry, before };
    });
    await updateRows(
      trx,
      staff.table,
      updated
        .filter(({ entry }) => entry.changed.some((field) => field !== 'login'))
        .map(({ entry, before }) => ({ id: before.id, data: staffRow(entry.record) })),
      now
    );
    for (const { entry, before } of updated)
      writtenStaff.push({ id: before.id, record: entry.record, stored: before });

    const unitLinks = (
      field: 'gridCode' | 'departmentCode',
      target: (code: string) => number | undefined
    ) =>
      writtenStaff
        .filter(
          ({ stored: before, record }) => before === null || before.record[field] !== record[field]
        )
        .map(({ id, record, stored: before }) => ({
          owner: id,
          target: record[field] === null ? null : target(record[field] as string)!,
          replace: before !== null,
        }));
    await relink(
      trx,
      staff.join('grid'),
      unitLinks('gridCode', (code) => gridIds.get(code))
    );
    await relink(
      trx,
      staff.join('department'),
      unitLinks('departmentCode', (code) => departmentIds.get(code))
    );
    await analyzeIfGrown(UIDS.staff, created.length);
  }
  return { staff: writtenStaff, movedGrids };
}

/**
 * PostgreSQL plans the foreign-key checks of the link tables once per connection; planned while a
 * table was empty they walk it whole for every row (issue 13, point 6). Fresh statistics inside
 * the transaction (ANALYZE sees the transaction's own rows) keep the next kind's inserts linear.
 * Gathers them for these content types' tables and link tables, on `db` (the app's connection by default).
 */
export async function analyzeStructureTables(
  strapi: Core.Strapi,
  uids: readonly string[],
  db: Knex = strapi.db.connection
): Promise<void> {
  const tables = new Set<string>();
  for (const uid of uids) {
    const meta = strapi.db.metadata.get(uid);
    tables.add(meta.tableName);
    for (const attribute of Object.values(meta.attributes)) {
      const joinTable = (attribute as { joinTable?: { name?: string } }).joinTable;
      if (joinTable?.name) tables.add(joinTable.name);
    }
  }
  for (const table of tables) await db.raw('ANALYZE ??', [table]);
}

/** How many rows a structure content type holds. */
export async function structureCount(strapi: Core.Strapi, uid: string): Promise<number> {
  const rows = (await strapi.db.connection(tableNames(strapi, uid).table).count({
    n: '*',
  })) as Array<{ n: number | string }>;
  return Number(rows[0].n);
}

/** The roles a login may be opened with: admin roles by code, users-permissions roles by type. */
export async function loginRoles(
  strapi: Core.Strapi
): Promise<{ admin: Map<string, number>; field: Map<string, number> }> {
  const admin = (await strapi.db
    .query('admin::role')
    .findMany({ select: ['id', 'code'] })) as Array<{
    id: number;
    code: string;
  }>;
  const field = (await strapi.db
    .query('plugin::users-permissions.role')
    .findMany({ select: ['id', 'type'] })) as Array<{ id: number; type: string }>;
  return {
    admin: new Map(admin.map((role) => [role.code, role.id])),
    field: new Map(field.map((role) => [role.type, role.id])),
  };
}
