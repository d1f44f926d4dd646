/**
 * Writes many rows of a Strapi content type straight through knex, for loaders that would take
 * minutes through the Document Service one row at a time. Table, column and join-table names all
 * come from Strapi's own metadata (`strapi.db.metadata.get(uid)`), never from guesses.
 *
 * Strapi 5 storage rules it honours: every row gets a `document_id` (cuid2 createId, as Strapi's own),
 * `created_at`, `updated_at`, `published_at` (types without draft & publish are still filtered on
 * `published_at IS NOT NULL`) and `locale` null; schema defaults are applied as the entity service
 * would; relations go to their `<table>_<attribute>_lnk` join tables with Strapi's order columns.
 *
 * It bypasses lifecycles and validation on purpose: the caller supplies what lifecycles would add
 * (tracking codes, grid paths) and valid values.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { createDocumentId } from './document-ids';

/** What a scalar attribute may be given (json attributes take objects/arrays). */
export type BulkValue = string | number | boolean | Date | null | undefined | object;

export interface BulkRow {
  /** Scalar attributes by attribute name (e.g. `receivedAt`, not `received_at`). */
  data: Record<string, BulkValue>;
  /** Relation attributes by name: one target id, or a list for the "many" side. */
  links?: Record<string, number | readonly number[] | null | undefined>;
}

/**
 * Bound variables per statement. SQLite's limit is 32,766 since 3.32 (999 before), PostgreSQL's
 * 65,535; this stays far below both and gives statements of a few hundred item rows.
 */
export const MAX_BINDINGS_PER_STATEMENT = 8000;

interface ColumnInfo {
  column: string;
  type: string;
  defaultValue: unknown;
}

export interface LinkInfo {
  table: string;
  /** Column holding the id of the row that owns the attribute. */
  ownerColumn: string;
  /** Column holding the related row's id. */
  targetColumn: string;
  /** Position of the target within the owner's list (the "many" side of xToMany). */
  orderColumn: string | null;
  /** Position of the owner within the target's inverse list (e.g. staff_ord in staffs_grid_lnk). */
  inverseOrderColumn: string | null;
}

export interface TableInfo {
  uid: string;
  table: string;
  columns: Map<string, ColumnInfo>;
  links: Map<string, LinkInfo>;
}

type Metadata = Core.Strapi['db']['metadata'];

const SYSTEM_ATTRIBUTES = new Set([
  'id',
  'documentId',
  'createdAt',
  'updatedAt',
  'publishedAt',
  'locale',
]);

/** The table, columns and join tables of a content type, read from Strapi's metadata. */
export function describeTable(metadata: Metadata, uid: string): TableInfo {
  const meta = metadata.get(uid);
  if (!meta) throw new Error(`bulk writer: no database metadata for ${uid}`);
  const columns = new Map<string, ColumnInfo>();
  const links = new Map<string, LinkInfo>();
  for (const [name, attribute] of Object.entries(meta.attributes)) {
    if (attribute.type !== 'relation') {
      columns.set(name, {
        column: attribute.columnName ?? name,
        type: attribute.type,
        defaultValue: 'default' in attribute ? attribute.default : undefined,
      });
      continue;
    }
    // Only join-table relations are used by the app's types (Strapi 5 default); skip others
    // (e.g. createdBy/updatedBy use a join column) and refuse them if a caller links them.
    if (
      !('joinTable' in attribute) ||
      !attribute.joinTable ||
      !('inverseJoinColumn' in attribute.joinTable)
    )
      continue;
    const joinTable = attribute.joinTable;
    links.set(name, {
      table: joinTable.name,
      ownerColumn: joinTable.joinColumn.name,
      targetColumn: joinTable.inverseJoinColumn.name,
      orderColumn: ('orderColumnName' in joinTable && joinTable.orderColumnName) || null,
      inverseOrderColumn:
        ('inverseOrderColumnName' in joinTable && joinTable.inverseOrderColumnName) || null,
    });
  }
  return { uid, table: meta.tableName, columns, links };
}

function chunk<T>(list: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < list.length; i += size) chunks.push(list.slice(i, i + size));
  return chunks;
}

/** Double-quoted SQL identifier (standard SQL; both SQLite and PostgreSQL accept it). */
function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

function rowsPerStatement(columnCount: number): number {
  return Math.max(1, Math.floor(MAX_BINDINGS_PER_STATEMENT / Math.max(1, columnCount)));
}

/**
 * Rows per statement on PostgreSQL, where a statement binds one array per column (`unnest`), not
 * one value per cell: the statement's size no longer grows with its rows.
 */
export const PG_ROWS_PER_STATEMENT = 10000;

export interface BulkWriterOptions {
  /** created_at / updated_at / published_at when a row does not give its own. */
  now?: Date;
  /** Document id generator; cuid2's createId as Strapi core loads it, by default. */
  newDocumentId?: () => string;
  /** Gathers statistics of the tables as they grow; one per load, shared by its batches' writers. */
  analyzer?: GrowthAnalyzer;
}

/**
 * Keeps the statistics of the tables a load fills in step with their size: ANALYZE after the first
 * batch and whenever a table has grown by `factor` since (so O(log n) ANALYZEs in all).
 *
 * Why: PostgreSQL plans the foreign-key checks of the link tables (items_category_lnk …) once per
 * connection. Planned while `items` looked empty, each check walked an index end to end, and a
 * million-row load fell from ~5,000 to ~290 rows/s after 55,000 rows (issue 13, point 6). ANALYZE
 * changes the table's statistics, which invalidates the cached plans; run inside the loading
 * transaction it sees that transaction's own rows. SQLite's planner gains from it too.
 */
export interface GrowthAnalyzerOptions {
  /** Analyse again when a table has grown by this factor (2). */
  factor?: number;
  /** First ANALYZE once this many rows are written (1: after the first batch). */
  firstAfter?: number;
  /**
   * Only these tables (default: every table written). A load needs fresh statistics on the tables
   * its foreign-key checks look up — `items`, for its link tables — not on the link tables
   * themselves, which nothing reads while they fill; the load's end analyses everything in full.
   */
  only?: ReadonlySet<string>;
  /**
   * PostgreSQL: sample only 300 rows (statistics target 1, for this ANALYZE alone). What the
   * cached plans need is the table's size, which a small sample estimates as well as a full one;
   * a full ANALYZE reads 30,000 random rows and cost ~1 s each at a few hundred thousand items.
   */
  light?: boolean;
}

export class GrowthAnalyzer {
  private readonly written = new Map<string, number>();
  private readonly nextAt = new Map<string, number>();
  private readonly factor: number;
  private readonly firstAfter: number;
  /** ANALYZE statements run, for the loader's report. */
  runs = 0;

  constructor(private readonly options: GrowthAnalyzerOptions = {}) {
    this.factor = options.factor ?? 2;
    this.firstAfter = options.firstAfter ?? 1;
  }

  async wrote(trx: Knex.Transaction, table: string, rows: number): Promise<void> {
    if (rows <= 0 || (this.options.only && !this.options.only.has(table))) return;
    const total = (this.written.get(table) ?? 0) + rows;
    this.written.set(table, total);
    if (total < (this.nextAt.get(table) ?? this.firstAfter)) return;
    if (this.options.light) {
      const [{ target }] = (
        (await trx.raw(
          "SELECT current_setting('default_statistics_target') AS target, set_config('default_statistics_target', '1', true)"
        )) as { rows: Array<{ target: string }> }
      ).rows;
      await trx.raw('ANALYZE ??', [table]);
      await trx.raw("SELECT set_config('default_statistics_target', ?, true)", [target]);
    } else await trx.raw('ANALYZE ??', [table]);
    this.runs++;
    this.nextAt.set(table, Math.ceil(total * this.factor));
  }
}

export class BulkWriter {
  private readonly tables = new Map<string, TableInfo>();
  /** Next inverse order value per join table and target id, loaded from the table on first use. */
  private readonly inverseOrders = new Map<string, Map<number, number>>();
  private readonly now: Date;
  private readonly newDocumentId: () => string;
  private readonly analyzer: GrowthAnalyzer | undefined;
  private readonly postgres: boolean;
  /** PostgreSQL column types per table (`format_type`), read once from the catalogue. */
  private readonly columnTypes = new Map<string, Map<string, string>>();

  constructor(
    private readonly strapi: Core.Strapi,
    private readonly trx: Knex.Transaction,
    options: BulkWriterOptions = {}
  ) {
    this.now = options.now ?? new Date();
    this.newDocumentId = options.newDocumentId ?? createDocumentId;
    this.analyzer = options.analyzer;
    this.postgres = strapi.db.dialect.client === 'postgres';
  }

  private rowsPerStatement(columnCount: number): number {
    return this.postgres ? PG_ROWS_PER_STATEMENT : rowsPerStatement(columnCount);
  }

  table(uid: string): TableInfo {
    let info = this.tables.get(uid);
    if (!info) {
      info = describeTable(this.strapi.db.metadata, uid);
      this.tables.set(uid, info);
    }
    return info;
  }

  /** Inserts the rows and their links; returns the new ids in the order of `rows`. */
  async insert(uid: string, rows: readonly BulkRow[]): Promise<number[]> {
    if (rows.length === 0) return [];
    const info = this.table(uid);

    // One column list for the whole insert: every attribute any row sets, plus the system columns.
    const given = new Set<string>();
    for (const row of rows) for (const name of Object.keys(row.data)) given.add(name);
    for (const name of given) {
      if (!info.columns.has(name)) {
        throw new Error(
          `bulk writer: ${uid} has no scalar attribute "${name}"${info.links.has(name) ? ' (it is a relation: use links)' : ''}`
        );
      }
    }
    const attributes = [...info.columns.keys()].filter(
      (name) =>
        name !== 'id' &&
        (given.has(name) ||
          SYSTEM_ATTRIBUTES.has(name) ||
          info.columns.get(name)?.defaultValue !== undefined)
    );
    const columns = attributes.map((name) => info.columns.get(name) as ColumnInfo);

    const documentIds: string[] = [];
    const records = rows.map((row) => {
      const record: unknown[] = new Array(attributes.length);
      attributes.forEach((name, index) => {
        const column = columns[index];
        let value: unknown = row.data[name];
        if (value === undefined) {
          if (name === 'documentId') value = this.newDocumentId();
          else if (name === 'createdAt') value = this.now;
          else if (name === 'updatedAt') value = row.data.createdAt ?? this.now;
          else if (name === 'publishedAt') value = row.data.createdAt ?? this.now;
          else if (name === 'locale') value = null;
          else value = column.defaultValue ?? null;
        }
        if (
          column.type === 'json' &&
          value !== null &&
          typeof value === 'object' &&
          !(value instanceof Date)
        ) {
          value = JSON.stringify(value);
        }
        record[index] = value;
        if (name === 'documentId') documentIds.push(String(value));
      });
      return record;
    });

    const documentIdColumn = info.columns.get('documentId')?.column ?? 'document_id';
    const columnNames = columns.map((column) => column.column);
    const ids: number[] = new Array(rows.length);
    const position = new Map<string, number>();
    documentIds.forEach((documentId, index) => position.set(documentId, index));
    for (const part of chunk(records, this.rowsPerStatement(columns.length))) {
      const returned = await this.insertValues(info.table, columnNames, part, [
        'id',
        documentIdColumn,
      ]);
      for (const row of returned) {
        const index = position.get(String(row[documentIdColumn]));
        if (index === undefined)
          throw new Error(`bulk writer: ${uid} returned an unknown document id`);
        ids[index] = Number(row.id);
      }
    }

    // Links, attribute by attribute.
    const linkNames = new Set<string>();
    for (const row of rows) for (const name of Object.keys(row.links ?? {})) linkNames.add(name);
    for (const name of linkNames) {
      const pairs: Array<{ id: number; targets: readonly number[] }> = [];
      rows.forEach((row, index) => {
        const value = row.links?.[name];
        if (value === null || value === undefined) return;
        pairs.push({ id: ids[index], targets: typeof value === 'number' ? [value] : value });
      });
      await this.link(uid, name, pairs);
    }
    await this.analyzer?.wrote(this.trx, info.table, rows.length);
    return ids;
  }

  /**
   * Adds join-table rows for rows that have no links yet for this attribute (the loader's case):
   * the order column counts from 1 per owner; the inverse order column continues each target's list.
   */
  async link(
    uid: string,
    attribute: string,
    pairs: ReadonlyArray<{ id: number; targets: readonly number[] }>
  ): Promise<void> {
    const info = this.table(uid);
    const link = info.links.get(attribute);
    if (!link) throw new Error(`bulk writer: ${uid}.${attribute} is not a join-table relation`);
    if (pairs.length === 0) return;

    let inverseOrders: Map<number, number> | null = null;
    if (link.inverseOrderColumn) {
      const targets = new Set<number>();
      for (const pair of pairs) for (const target of pair.targets) targets.add(target);
      inverseOrders = await this.loadInverseOrders(link, [...targets]);
    }

    const columnNames = [link.ownerColumn, link.targetColumn];
    if (link.orderColumn) columnNames.push(link.orderColumn);
    if (link.inverseOrderColumn) columnNames.push(link.inverseOrderColumn);
    const records: number[][] = [];
    for (const pair of pairs) {
      pair.targets.forEach((target, index) => {
        const record = [pair.id, target];
        if (link.orderColumn) record.push(index + 1);
        if (link.inverseOrderColumn && inverseOrders) {
          const next = inverseOrders.get(target) ?? 1;
          record.push(next);
          inverseOrders.set(target, next + 1);
        }
        records.push(record);
      });
    }
    for (const part of chunk(records, this.rowsPerStatement(columnNames.length))) {
      await this.insertValues(link.table, columnNames, part, []);
    }
    await this.analyzer?.wrote(this.trx, link.table, records.length);
  }

  /**
   * One multi-row `INSERT … VALUES (…), (…) [RETURNING …]`, written by hand: knex 3.0 compiles a
   * multi-row SQLite insert to `SELECT … UNION ALL SELECT …`, which SQLite caps at 500 terms and
   * which is slower. Identifiers come from Strapi's metadata and are quoted; values are bound.
   * Both SQLite (≥ 3.35) and PostgreSQL support RETURNING.
   */
  private async insertValues(
    table: string,
    columnNames: readonly string[],
    records: ReadonlyArray<readonly unknown[]>,
    returning: readonly string[]
  ): Promise<Array<Record<string, unknown>>> {
    if (this.postgres) return this.insertArrays(table, columnNames, records, returning);
    const tuple = `(${columnNames.map(() => '?').join(',')})`;
    const sql =
      `insert into ${quote(table)} (${columnNames.map(quote).join(',')}) values ` +
      records.map(() => tuple).join(',') +
      (returning.length > 0 ? ` returning ${returning.map(quote).join(',')}` : '');
    const bindings: unknown[] = [];
    for (const record of records)
      for (const value of record) bindings.push(value === undefined ? null : value);
    // knex's raw() result is driver-shaped: rows for better-sqlite3, a pg Result with .rows for pg.
    const result: unknown = await this.trx.raw(sql, bindings as Knex.RawBinding[]);
    if (returning.length === 0) return [];
    if (Array.isArray(result)) return result as Array<Record<string, unknown>>;
    if (result && typeof result === 'object' && 'rows' in result && Array.isArray(result.rows)) {
      return result.rows as Array<Record<string, unknown>>;
    }
    throw new Error(`bulk writer: unexpected result shape from insert into ${table}`);
  }

  /**
   * PostgreSQL: `INSERT … SELECT * FROM unnest($1::type[], $2::type[], …)`, one array per column.
   * A multi-row VALUES binds a parameter per cell — 8,000 for 250 item rows — which knex numbers
   * one by one and the server parses and plans as a new statement each time; the arrays make it
   * one short statement of a few dozen parameters, whatever the number of rows. The element types
   * come from the catalogue, so each array is cast to exactly its column's type.
   */
  private async insertArrays(
    table: string,
    columnNames: readonly string[],
    records: ReadonlyArray<readonly unknown[]>,
    returning: readonly string[]
  ): Promise<Array<Record<string, unknown>>> {
    const types = await this.typesOf(table);
    const arrays = columnNames.map((_name, index) => {
      const column: unknown[] = new Array(records.length);
      for (let row = 0; row < records.length; row++) {
        const value = records[row][index];
        column[row] = value === undefined ? null : value;
      }
      return column;
    });
    const casts = columnNames.map((name) => {
      const type = types.get(name);
      if (!type) throw new Error(`bulk writer: ${table} has no column "${name}"`);
      return `?::${type}[]`;
    });
    const sql =
      `insert into ${quote(table)} (${columnNames.map(quote).join(',')}) ` +
      `select * from unnest(${casts.join(',')})` +
      (returning.length > 0 ? ` returning ${returning.map(quote).join(',')}` : '');
    const result: unknown = await this.trx.raw(sql, arrays as Knex.RawBinding[]);
    if (returning.length === 0) return [];
    if (result && typeof result === 'object' && 'rows' in result && Array.isArray(result.rows))
      return result.rows as Array<Record<string, unknown>>;
    throw new Error(`bulk writer: unexpected result shape from insert into ${table}`);
  }

  private async typesOf(table: string): Promise<Map<string, string>> {
    let types = this.columnTypes.get(table);
    if (types) return types;
    const result = (await this.trx.raw(
      `SELECT a.attname AS name, format_type(a.atttypid, NULL) AS type
         FROM pg_attribute a
        WHERE a.attrelid = (quote_ident(current_schema()) || '.' || quote_ident(?))::regclass
          AND a.attnum > 0 AND NOT a.attisdropped`,
      [table]
    )) as { rows: Array<{ name: string; type: string }> };
    types = new Map(result.rows.map((row) => [row.name, row.type]));
    this.columnTypes.set(table, types);
    return types;
  }

  private async loadInverseOrders(link: LinkInfo, targets: number[]): Promise<Map<number, number>> {
    const key = `${link.table}.${link.inverseOrderColumn}`;
    let orders = this.inverseOrders.get(key);
    if (!orders) {
      orders = new Map();
      this.inverseOrders.set(key, orders);
    }
    const unknown = targets.filter((target) => !orders.has(target));
    const column = link.inverseOrderColumn as string;
    for (const part of chunk(unknown, MAX_BINDINGS_PER_STATEMENT)) {
      const rows = (await this.trx(link.table)
        .select(link.targetColumn)
        .max({ last: column })
        .whereIn(link.targetColumn, part)
        .groupBy(link.targetColumn)) as Array<Record<string, unknown>>;
      for (const row of rows) orders.set(Number(row[link.targetColumn]), Number(row.last ?? 0) + 1);
      for (const target of part) if (!orders.has(target)) orders.set(target, 1);
    }
    return orders;
  }
}
