import type { Core } from '@strapi/strapi';
import { tables } from './tables';
import { UID } from './uids';

type Connection = Core.Strapi['db']['connection'];

const UPLOAD_FILE_UID = 'plugin::upload.file';

/** A photo linked to an item, as the views read it (the upload plugin's file row). */
export interface ItemPhotoRow {
  itemId: number | string;
  field: string;
  url: string;
  width: number | null;
  height: number | null;
  formats: unknown;
}

/**
 * Items' photos: the upload plugin's files linked to items through its polymorphic link table
 * (`files_related_mph`, names from the metadata), one media field per kind of photo.
 */
export function itemPhotosRepository(strapi: Core.Strapi) {
  function morphTable(): {
    table: string;
    fileColumn: string;
    idColumn: string;
    typeColumn: string;
  } {
    const related = strapi.db.metadata.get(UPLOAD_FILE_UID).attributes.related as {
      joinTable: {
        name: string;
        joinColumn: { name: string };
        morphColumn: { idColumn: { name: string }; typeColumn: { name: string } };
      };
    };
    const join = related.joinTable;
    return {
      table: join.name,
      fileColumn: join.joinColumn.name,
      idColumn: join.morphColumn.idColumn.name,
      typeColumn: join.morphColumn.typeColumn.name,
    };
  }

  return {
    /** An upload-plugin file by id (what the upload service removes), null when gone. */
    async file(id: number): Promise<Record<string, unknown> | null> {
      return strapi.db.query(UPLOAD_FILE_UID).findOne({ where: { id } });
    },

    /** How many photos an item has in each of these media fields (a field without any: 0). */
    async countsOf(
      itemId: number,
      fields: readonly string[],
      trx?: Connection
    ): Promise<Record<string, number>> {
      const morph = morphTable();
      const rows = (await (trx ?? strapi.db.connection)(morph.table)
        .where({ [morph.idColumn]: itemId, [morph.typeColumn]: UID.item })
        .whereIn('field', [...fields])
        .groupBy('field')
        .select('field')
        .count({ count: '*' })) as Array<{ field: string; count: number | string }>;
      const counts = Object.fromEntries(fields.map((field) => [field, 0]));
      for (const row of rows) counts[row.field] = Number(row.count);
      return counts;
    },

    /** Whether the item holds a photo by reference (Open311 media_url, the owned field mediaUrl). */
    async hasMediaReference(itemId: number, trx?: Connection): Promise<boolean> {
      const row = (await (trx ?? strapi.db.connection)(tables(strapi).items)
        .where('id', itemId)
        .first('media_url')) as { media_url: string | null } | undefined;
      return typeof row?.media_url === 'string' && row.media_url !== '';
    },

    /** Links files to an item's media field, after those it has; inside the caller's transaction. */
    async attach(
      trx: Connection,
      itemId: number,
      field: string,
      fileIds: readonly number[]
    ): Promise<void> {
      if (fileIds.length === 0) return;
      const morph = morphTable();
      const last = await trx(morph.table)
        .where({ [morph.idColumn]: itemId, [morph.typeColumn]: UID.item, field })
        .max({ order: 'order' })
        .first();
      const start = Number(last?.order ?? 0);
      await trx(morph.table).insert(
        fileIds.map((fileId, index) => ({
          [morph.fileColumn]: fileId,
          [morph.idColumn]: itemId,
          [morph.typeColumn]: UID.item,
          field,
          order: start + index + 1,
        }))
      );
    },

    /** The photos of these items in these media fields, in their order, with their files' URLs. */
    async ofItems(itemIds: readonly number[], fields: readonly string[]): Promise<ItemPhotoRow[]> {
      const morph = morphTable();
      return (await strapi.db
        .connection(`${morph.table} as m`)
        .join('files as f', 'f.id', `m.${morph.fileColumn}`)
        .whereIn(`m.${morph.idColumn}`, [...itemIds])
        .where(`m.${morph.typeColumn}`, UID.item)
        .whereIn('m.field', [...fields])
        .orderBy([{ column: 'm.order' }, { column: 'm.id' }])
        .select(
          `m.${morph.idColumn} as itemId`,
          'm.field',
          'f.url',
          'f.width',
          'f.height',
          'f.formats'
        )) as ItemPhotoRow[];
    },
  };
}
