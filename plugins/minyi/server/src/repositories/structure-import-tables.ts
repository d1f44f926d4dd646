import type { Core } from '@strapi/strapi';
import { linkOf } from './metadata';

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
      const { name, ...columns } = linkOf(strapi, uid, attribute);
      return { table: name, ...columns };
    },
  };
}
