import type { Core } from '@strapi/strapi';
import { fixtureDocuments } from './fixtures';

/** Personal data planted in the fixture: none of it may ever appear in a public answer. */
export const PERSONAL = {
  submitterName: '李居民',
  submitterPhone: '13912345678',
  submitterEmail: 'resident@example.invalid',
  address: '深柳镇幸福路 88 号',
  staffName: '张网格长',
  staffPhone: '13700001111',
  staffEmail: 'gridhead@example.invalid',
  officerEmail: 'township@example.invalid',
  departmentEmail: 'zjj@example.invalid',
} as const;

export interface PublicCounty {
  county: { documentId: string };
  township: { documentId: string };
  grid: { documentId: string };
  gridCategory: { documentId: string };
  townshipCategory: { documentId: string };
  department: { documentId: string };
}

/**
 * A small county for the public API tests: 安乡县 (C) > 深柳镇 (T) > 一网格 (T/G), a grid head and a
 * township officer with emails, a county department, two categories (grid level; township level).
 */
export async function createPublicCounty(strapi: Core.Strapi): Promise<PublicCounty> {
  const docs = fixtureDocuments(strapi);
  const county = await docs('api::grid.grid').create({
    data: { name: '安乡县', code: 'C', level: 'county' },
  });
  const township = await docs('api::grid.grid').create({
    data: { name: '深柳镇', code: 'T', level: 'township', parent: county.documentId },
  });
  const grid = await docs('api::grid.grid').create({
    data: { name: '一网格', code: 'G', level: 'grid', parent: township.documentId },
  });
  const department = await docs('api::department.department').create({
    data: {
      name: '县住建局',
      code: 'ZJJ',
      kind: 'county-department',
      contactEmail: PERSONAL.departmentEmail,
    },
  });
  await docs('api::staff.staff').create({
    data: {
      name: PERSONAL.staffName,
      phone: PERSONAL.staffPhone,
      email: PERSONAL.staffEmail,
      role: 'grid-head',
      grid: grid.documentId,
    },
  });
  await docs('api::staff.staff').create({
    data: {
      name: '王干部',
      phone: '13600002222',
      email: PERSONAL.officerEmail,
      role: 'township-officer',
      grid: township.documentId,
    },
  });
  const gridCategory = await docs('api::category.category').create({
    data: {
      name: '环境卫生',
      code: 'ENV',
      defaultLevel: 'grid',
      gridDays: 2,
      townshipDays: 5,
      countyDays: 10,
      warningOffsetHours: 8,
    },
  });
  const townshipCategory = await docs('api::category.category').create({
    data: {
      name: '道路交通',
      code: 'ROAD',
      defaultLevel: 'township',
      defaultDepartment: department.documentId,
      gridDays: 3,
      townshipDays: 4,
      countyDays: 10,
      warningOffsetHours: 8,
    },
  });
  return { county, township, grid, gridCategory, townshipCategory, department };
}

/** Row counts and a checksum of the tables a public request may write: the proof that a refused one wrote nothing. */
export async function writableState(strapi: Core.Strapi): Promise<Record<string, string>> {
  const db = strapi.db.connection;
  const state: Record<string, string> = {};
  for (const table of [
    'items',
    'item_events',
    'item_events_item_lnk',
    'items_grid_lnk',
    'minyi_outbox_messages',
  ]) {
    const [row] = await db(table).count({ n: '*' }).max({ last: 'id' });
    state[table] = `${row.n}/${row.last ?? 0}`;
  }
  const [items] = await db('items')
    .max({ updated: 'updated_at' })
    // knex cannot see the raw column's alias; the row holds both aggregates, as the drivers return them.
    .select<Array<{ updated: unknown; digest: unknown }>>(
      db.raw("sum(length(coalesce(state, '')) + coalesce(escalation_count, 0)) as digest")
    );
  state.itemsDigest = `${String(items.updated)}/${String(items.digest)}`;
  return state;
}
