import type { Core } from '@strapi/strapi';
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

    /** How many photos an item has in a media field. */
    async countOf(itemId: number, field: string, trx?: Connection): Promise<number> {
      const morph = morphTable();
      const row = await (trx ?? strapi.db.connection)(morph.table)
        .where({ [morph.idColumn]: itemId, [morph.typeColumn]: UID.item, field })
        .count({ count: '*' })
        .first();
      return Number(row?.count ?? 0);
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
