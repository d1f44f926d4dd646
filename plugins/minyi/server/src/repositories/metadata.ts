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
  /** Position of the target within the owner's list (the "many" side of xToMany); null without. */
  orderColumn: string | null;
  /** Position of the owner within the target's inverse list; null without. */
  inverseOrderColumn: string | null;
}

type Attribute = ReturnType<Strapi['db']['metadata']['get']>['attributes'][string];

/** The link table of one attribute's metadata; null when it is not a relation with one. */
function linkTableOf(attribute: Attribute | undefined): LinkTable | null {
  const joinTable = attribute && 'joinTable' in attribute ? attribute.joinTable : undefined;
  if (!joinTable || !('inverseJoinColumn' in joinTable)) return null;
  return {
    name: joinTable.name,
    ownerColumn: joinTable.joinColumn.name,
    targetColumn: joinTable.inverseJoinColumn.name,
    orderColumn: ('orderColumnName' in joinTable && joinTable.orderColumnName) || null,
    inverseOrderColumn:
      ('inverseOrderColumnName' in joinTable && joinTable.inverseOrderColumnName) || null,
  };
}

/** The link table of a relation attribute (Strapi 5 keeps every relation in one). */
export function linkOf(strapi: Strapi, uid: string, attribute: string): LinkTable {
  const link = linkTableOf(strapi.db.metadata.get(uid).attributes[attribute]);
  if (!link) throw new Error(`[minyi] ${uid}.${attribute} is not a relation with a link table`);
  return link;
}

/** Every relation of a content type that has a link table, by attribute name. */
export function linksOf(strapi: Strapi, uid: string): Map<string, LinkTable> {
  const links = new Map<string, LinkTable>();
  for (const [name, attribute] of Object.entries(strapi.db.metadata.get(uid).attributes)) {
    const link = linkTableOf(attribute);
    if (link) links.set(name, link);
  }
  return links;
}
