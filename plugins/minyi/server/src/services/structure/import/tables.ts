import type { Core } from '@strapi/strapi';

/**
 * Table, column and join-table names of the structure's content types, read from Strapi's own
 * metadata (as the seed's bulk writer does) so a renamed attribute cannot silently miss its column.
 */
export interface JoinInfo {
  table: string;
  ownerColumn: string;
  targetColumn: string;
  orderColumn: string | null;
  inverseOrderColumn: string | null;
}

export interface TableNames {
  table: string;
  has(attribute: string): boolean;
  column(attribute: string): string;
  join(attribute: string): JoinInfo;
}

export const UIDS = {
  grid: 'api::grid.grid',
  department: 'api::department.department',
  staff: 'api::staff.staff',
  category: 'api::category.category',
  item: 'api::item.item',
} as const;

export function tableNames(strapi: Core.Strapi, uid: string): TableNames {
  const meta = strapi.db.metadata.get(uid);
  if (!meta) throw new Error(`structure import: no database metadata for ${uid}`);
  return {
    table: meta.tableName,
    has(attribute) {
      return attribute in meta.attributes;
    },
    column(attribute) {
      const found = meta.attributes[attribute] as { columnName?: string } | undefined;
      if (!found) throw new Error(`structure import: ${uid} has no attribute ${attribute}`);
      return found.columnName ?? attribute;
    },
    join(attribute) {
      const found = meta.attributes[attribute] as
        | {
            joinTable?: {
              name: string;
              joinColumn: { name: string };
              inverseJoinColumn?: { name: string };
              orderColumnName?: string;
              inverseOrderColumnName?: string;
            };
          }
        | undefined;
      const joinTable = found?.joinTable;
      if (!joinTable?.inverseJoinColumn)
        throw new Error(`structure import: ${uid}.${attribute} is not a join-table relation`);
      return {
        table: joinTable.name,
        ownerColumn: joinTable.joinColumn.name,
        targetColumn: joinTable.inverseJoinColumn.name,
        orderColumn: joinTable.orderColumnName ?? null,
        inverseOrderColumn: joinTable.inverseOrderColumnName ?? null,
      };
    },
  };
}
