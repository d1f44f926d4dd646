import type { Core } from '@strapi/strapi';

/**
 * Table, column and link-table names as Strapi's database layer gives them (strapi.db.metadata),
 * for the repositories' set-based statements: a schema that renames a table or a relation moves
 * the SQL with it, and no service spells a name.
 */
type Strapi = Core.Strapi;

export function tableOf(strapi: Strapi, uid: string): string {
  return strapi.db.metadata.get(uid).tableName;
}

/** The column of a scalar attribute (Strapi snake-cases the attribute's name). */
export function columnOf(strapi: Strapi, uid: string, attribute: string): string {
  const found = strapi.db.metadata.get(uid).attributes[attribute];
  if (!found || !('columnName' in found) || typeof found.columnName !== 'string')
    throw new Error(`[minyi] ${uid} has no column for "${attribute}"`);
  return found.columnName;
}

export interface LinkTable {
  /** The link table (`<table>_<attribute>_lnk`). */
  name: string;
  /** Its column holding the owning row's id. */
  ownerColumn: string;
  /** Its column holding the target row's id. */
  targetColumn: string;
}

/** The link table of a relation attribute (Strapi 5 keeps every relation in one). */
export function linkOf(strapi: Strapi, uid: string, attribute: string): LinkTable {
  const found = strapi.db.metadata.get(uid).attributes[attribute];
  const joinTable = found && 'joinTable' in found ? found.joinTable : undefined;
  if (!joinTable || !('inverseJoinColumn' in joinTable))
    throw new Error(`[minyi] ${uid}.${attribute} is not a relation with a link table`);
  return {
    name: joinTable.name,
    ownerColumn: joinTable.joinColumn.name,
    targetColumn: joinTable.inverseJoinColumn.name,
  };
}
