import type { Core } from '@strapi/strapi';
import { newDocumentId } from './document-ids';
import { linksOf, type LinkTable } from './metadata';
import { UID } from './uids';

type Connection = Core.Strapi['db']['connection'];

interface ItemTable {
  table: string;
  /** Column of each scalar attribute. */
  columns: Map<string, string>;
  /** Scalar attributes stored as JSON text (SQLite) or jsonb (PostgreSQL). */
  json: Set<string>;
  /** Schema defaults, applied as the entity service would (booleans false, counts 0 …). */
  defaults: Record<string, unknown>;
  links: Map<string, LinkTable>;
}

/** The item table's description, read from the metadata once per Strapi instance. */
const descriptions = new WeakMap<Core.Strapi, ItemTable>();

/**
 * Writes one new item row and its relations with plain inserts, names taken from Strapi's own
 * metadata. The public submission uses it instead of the Document Service: no validation pass
 * (zod did that), no re-read, no lifecycles — the caller supplies what they would add (tracking
 * code, grid path). Strapi 5 storage rules: document_id, created/updated/published_at, locale null.
 * And a handling move's one guarded UPDATE.
 */
export function itemRowsRepository(strapi: Core.Strapi) {
  function describe(): ItemTable {
    const known = descriptions.get(strapi);
    if (known) return known;
    const meta = strapi.db.metadata.get(UID.item);
    const columns = new Map<string, string>();
    const json = new Set<string>();
    const defaults: Record<string, unknown> = {};
    const links = linksOf(strapi, UID.item);
    for (const [name, attribute] of Object.entries(meta.attributes)) {
      if (attribute.type === 'relation') continue;
      const column = attribute.columnName ?? name;
      columns.set(name, column);
      if (attribute.type === 'json') json.add(name);
      if (
        'default' in attribute &&
        attribute.default !== undefined &&
        typeof attribute.default !== 'function'
      ) {
        defaults[column] = attribute.default;
      }
    }
    const described = { table: meta.tableName, columns, json, defaults, links };
    descriptions.set(strapi, described);
    return described;
  }

  return {
    /** Inserts the item; `data` by attribute name, `links` relation name → target row id. Returns its id and document id. */
    async insert(
      trx: Connection,
      data: Record<string, unknown>,
      links: Record<string, number | null | undefined>,
      now: Date,
      documentId: string = newDocumentId()
    ): Promise<{ id: number; documentId: string }> {
      const info = describe();
      const system: Record<string, unknown> = {
        documentId,
        createdAt: now,
        updatedAt: now,
        publishedAt: now,
        locale: null,
      };
      const row: Record<string, unknown> = { ...info.defaults };
      for (const [name, value] of Object.entries(system)) {
        const column = info.columns.get(name);
        if (column) row[column] = value;
      }
      for (const [name, value] of Object.entries(data)) {
        const column = info.columns.get(name);
        if (!column)
          throw new Error(`item row writer: api::item.item has no scalar attribute "${name}"`);
        row[column] = value === undefined ? null : value;
      }
      const [inserted] = (await trx(info.table).insert(row).returning('id')) as Array<{
        id: number | string;
      }>;
      const id = Number(inserted.id);
      for (const [name, target] of Object.entries(links)) {
        if (target === null || target === undefined) continue;
        const link = info.links.get(name);
        if (!link)
          throw new Error(`item row writer: api::item.item.${name} is not a join-table relation`);
        await trx(link.name).insert({
          [link.ownerColumn]: id,
          [link.targetColumn]: target,
          ...(link.orderColumn ? { [link.orderColumn]: 1 } : {}),
        });
      }
      return { id, documentId: system.documentId as string };
    },

    /**
     * A handling move's one write: the item's changed fields (by attribute name) and its handling
     * version raised by one, in one UPDATE guarded on the version the move was decided from.
     * False when the item is no longer at that version (someone else moved it in between).
     */
    async moveGuarded(
      trx: Connection,
      id: number,
      version: number,
      fields: Record<string, unknown>,
      now: Date
    ): Promise<boolean> {
      const info = describe();
      const row: Record<string, unknown> = {};
      for (const [name, value] of Object.entries({ ...fields, updatedAt: now })) {
        if (value === undefined) continue;
        const column = info.columns.get(name);
        if (!column)
          throw new Error(`item row writer: api::item.item has no scalar attribute "${name}"`);
        row[column] = info.json.has(name) && value !== null ? JSON.stringify(value) : value;
      }
      const versionColumn = info.columns.get('handlingVersion') as string;
      row[versionColumn] = version + 1;
      const changed = await trx(info.table)
        .where('id', id)
        // Rows written before the column existed (or by a bulk load) count as version 0.
        .whereRaw('coalesce(??, 0) = ?', [versionColumn, version])
        .update(row);
      return changed === 1;
    },
  };
}
