import type { Core } from '@strapi/strapi';
import { type LinkTable, linkOf, tableOf } from './metadata';
import { UID } from './uids';

/**
 * The tables and link tables the repositories' set-based statements join, as Strapi's metadata
 * names them, read once per Strapi instance. Columns keep the names Strapi gives attributes
 * (snake case); a schema that renames a table or a relation moves these with it.
 */
export interface Tables {
  items: string;
  itemEvents: string;
  grids: string;
  departments: string;
  categories: string;
  staff: string;
  item: {
    category: LinkTable;
    grid: LinkTable;
    assignedGrid: LinkTable;
    leadDepartment: LinkTable;
    coDepartments: LinkTable;
    leadLeader: LinkTable;
    firstResponder: LinkTable;
  };
  itemEvent: { item: LinkTable };
  staffGrid: LinkTable;
  gridParent: LinkTable;
  categoryDefaultDepartment: LinkTable;
}

const known = new WeakMap<Core.Strapi, Tables>();

export function tables(strapi: Core.Strapi): Tables {
  const found = known.get(strapi);
  if (found) return found;
  const item = (attribute: string) => linkOf(strapi, UID.item, attribute);
  const names: Tables = {
    items: tableOf(strapi, UID.item),
    itemEvents: tableOf(strapi, UID.itemEvent),
    grids: tableOf(strapi, UID.grid),
    departments: tableOf(strapi, UID.department),
    categories: tableOf(strapi, UID.category),
    staff: tableOf(strapi, UID.staff),
    item: {
      category: item('category'),
      grid: item('grid'),
      assignedGrid: item('assignedGrid'),
      leadDepartment: item('leadDepartment'),
      coDepartments: item('coDepartments'),
      leadLeader: item('leadLeader'),
      firstResponder: item('firstResponder'),
    },
    itemEvent: { item: linkOf(strapi, UID.itemEvent, 'item') },
    staffGrid: linkOf(strapi, UID.staff, 'grid'),
    gridParent: linkOf(strapi, UID.grid, 'parent'),
    categoryDefaultDepartment: linkOf(strapi, UID.category, 'defaultDepartment'),
  };
  known.set(strapi, names);
  return names;
}

/** `<table> as <alias>` for a knex from/join. */
export const as = (table: string, alias: string): string => `${table} as ${alias}`;
