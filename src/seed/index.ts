import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { COUNTY } from './anxiang';
import { BulkWriter, GrowthAnalyzer, type BulkRow } from './bulk-writer';
import { generateDemoCounty, type DemoCounty, type DemoItem } from './demo-county';
import { minyiService } from '../minyi';
import { seedReferenceRepository } from '../repositories/seed-reference';

export { addSyntheticItems, type SyntheticOptions, type SyntheticResult } from './synthetic';
export { generateDemoCounty } from './demo-county';

/** DEMO_DATA defaults to true outside production, where a county loads its own structure. */
export function demoDataEnabled(env: NodeJS.ProcessEnv): boolean {
  const value = env.DEMO_DATA ?? (env.NODE_ENV === 'production' ? 'false' : 'true');
  return ['true', '1', 'yes'].includes(value.toLowerCase());
}

export interface SeedResult {
  created: boolean;
  counts: Record<string, number>;
}

export const UID = {
  grid: 'api::grid.grid',
  department: 'api::department.department',
  staff: 'api::staff.staff',
  category: 'api::category.category',
  item: 'api::item.item',
  itemEvent: 'api::item-event.item-event',
} as const;

export interface SeedDemoOptions {
  /** The moment the demo's dates are relative to; the current time by default. */
  now?: Date;
}

/**
 * Loads the demo county (Anxiang-like: 12 townships, ~40 departments, ~600 items with their
 * histories) unless its county grid is already there. One transaction: a crash leaves nothing.
 */
export async function seedDemoCounty(
  strapi: Core.Strapi,
  options: SeedDemoOptions = {}
): Promise<SeedResult> {
  const now = options.now ?? new Date();
  const reference = seedReferenceRepository(strapi);
  // Fixed, so the check needs no generation of the whole county.
  const countyExists = (trx?: Knex.Transaction) => reference.gridCodeExists(COUNTY.code, trx);

  if (await countyExists()) return { created: false, counts: {} };
  // Deadlines come from the workflow plugin's calendar (holidays and 调休), as real items' do.
  const calendar = minyiService(strapi, 'calendar').get();
  const county = generateDemoCounty(now, undefined, (from, days) =>
    calendar.addWorkingDays(from, days)
  );

  try {
    return await strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
      if (await countyExists(trx)) return { created: false, counts: {} };
      const counts = await writeDemoCounty(strapi, trx, county, now);
      return { created: true, counts };
    });
  } catch (error) {
    // Another instance sharing the database may have loaded it at the same moment: that is fine.
    if (await countyExists()) return { created: false, counts: {} };
    throw error;
  }
}

async function writeDemoCounty(
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  county: DemoCounty,
  now: Date
): Promise<Record<string, number>> {
  const identity = minyiService(strapi, 'item-identity');
  const gridTree = minyiService(strapi, 'grid-tree');
  const writer = new BulkWriter(strapi, trx, { now, analyzer: new GrowthAnalyzer() });

  // Departments.
  const departmentIds = new Map<string, number>();
  const departmentRowIds = await writer.insert(
    UID.department,
    county.departments.map((department) => ({
      data: {
        name: department.name,
        code: department.code,
        kind: department.kind,
        contactEmail: department.contactEmail,
      },
    }))
  );
  county.departments.forEach((department, index) =>
    departmentIds.set(department.code, departmentRowIds[index])
  );

  // Grids, one level at a time so that every parent (and its path) exists before its children.
  const gridIds = new Map<string, number>();
  const gridPaths = new Map<string, string>();
  for (const level of ['county', 'township', 'village', 'grid'] as const) {
    const grids = county.grids.filter((grid) => grid.level === level);
    const rows: BulkRow[] = grids.map((grid) => {
      const parentPath = grid.parentCode ? (gridPaths.get(grid.parentCode) ?? null) : null;
      const path = gridTree.childPath(parentPath, grid.code);
      gridPaths.set(grid.code, path);
      return {
        data: { name: grid.name, code: grid.code, level: grid.level, path },
        links: { parent: grid.parentCode ? requireId(gridIds, grid.parentCode, 'grid') : null },
      };
    });
    const ids = await writer.insert(UID.grid, rows);
    grids.forEach((grid, index) => gridIds.set(grid.code, ids[index]));
  }

  // Categories: roots, then children.
  const categoryIds = new Map<string, number>();
  for (const roots of [true, false]) {
    const categories = county.categories.filter(
      (category) => (category.parentCode === null) === roots
    );
    const ids = await writer.insert(
      UID.category,
      categories.map((category) => ({
        data: {
          name: category.name,
          code: category.code,
          defaultLevel: category.defaultLevel,
          gridDays: category.gridDays,
          townshipDays: category.townshipDays,
          countyDays: category.countyDays,
          urgentHours: category.urgentHours,
          warningOffsetHours: category.warningOffsetHours,
          gridWarningOffsetHours: category.gridWarningOffsetHours,
          townshipWarningOffsetHours: category.townshipWarningOffsetHours,
          countyWarningOffsetHours: category.countyWarningOffsetHours,
          open311ServiceCode: category.open311ServiceCode,
          open311Keywords: category.open311Keywords,
          open311Attributes: category.open311Attributes,
        },
        links: {
          parent: category.parentCode
            ? requireId(categoryIds, category.parentCode, 'category')
            : null,
          defaultDepartment: requireId(departmentIds, category.defaultDepartmentCode, 'department'),
        },
      }))
    );
    categories.forEach((category, index) => categoryIds.set(category.code, ids[index]));
  }

  // Staff.
  const staffIds = new Map<string, number>();
  const staffRowIds = await writer.insert(
    UID.staff,
    county.staff.map((person) => ({
      data: {
        name: person.name,
        phone: person.phone,
        email: person.email,
        role: person.role,
        active: person.active,
      },
      links: {
        grid: person.gridCode ? requireId(gridIds, person.gridCode, 'grid') : null,
        department: person.departmentCode
          ? requireId(departmentIds, person.departmentCode, 'department')
          : null,
      },
    }))
  );
  county.staff.forEach((person, index) => staffIds.set(person.key, staffRowIds[index]));

  // Items, in order of receipt.
  const optionalId = (ids: Map<string, number>, key: string | null, what: string) =>
    key ? requireId(ids, key, what) : null;
  const itemRows: BulkRow[] = county.items.map((item: DemoItem) => ({
    data: {
      trackingCode: identity.newTrackingCode(),
      title: item.title,
      content: item.content,
      type: item.type,
      channel: item.channel,
      submitterName: item.submitterName,
      submitterPhone: item.submitterPhone,
      anonymous: item.anonymous,
      address: item.address,
      latitude: item.latitude,
      longitude: item.longitude,
      gridPath: requireId(gridPaths, item.gridCode, 'grid path'),
      level: item.level,
      state: item.status,
      complexity: item.complexity,
      receivedAt: item.receivedAt,
      dueAt: item.dueAt,
      warnedAt: item.warnedAt,
      overdueFlaggedAt: item.overdueFlaggedAt,
      escalationCount: item.escalationCount,
      acceptedAt: item.acceptedAt,
      resolvedAt: item.resolvedAt,
      closedAt: item.closedAt,
      resolution: item.resolution,
      satisfaction: item.satisfaction,
      callbackSolved: item.callbackSolved,
      callbackAt: item.callbackAt,
      callbackNote: item.callbackNote,
      createdAt: item.receivedAt,
      updatedAt: item.events[item.events.length - 1].at,
      publishedAt: item.receivedAt,
    },
    links: {
      category: requireId(categoryIds, item.categoryCode, 'category'),
      grid: requireId(gridIds, item.gridCode, 'grid'),
      firstResponder: optionalId(staffIds, item.firstResponderKey, 'staff'),
      assignedGrid: optionalId(gridIds, item.assignedGridCode, 'grid'),
      leadDepartment: optionalId(departmentIds, item.leadDepartmentCode, 'department'),
      coDepartments: item.coDepartmentCodes.map((code) =>
        requireId(departmentIds, code, 'department')
      ),
      leadLeader: optionalId(staffIds, item.leadLeaderKey, 'staff'),
    },
  }));
  const itemIds = await writer.insert(UID.item, itemRows);
  await writer.link(
    UID.item,
    'duplicateOf',
    county.items
      .filter((item) => item.duplicateOfKey !== null)
      .map((item) => ({ id: itemIds[item.key], targets: [itemIds[item.duplicateOfKey as number]] }))
  );

  // Their histories.
  const eventRows: BulkRow[] = county.items.flatMap((item) =>
    item.events.map((event) => ({
      data: {
        type: event.type,
        fromStatus: event.fromStatus,
        toStatus: event.toStatus,
        fromLevel: event.fromLevel,
        toLevel: event.toLevel,
        actorLabel: event.actorLabel,
        note: event.note,
        at: event.at,
        createdAt: event.at,
        updatedAt: event.at,
        publishedAt: event.at,
      },
      links: { item: itemIds[item.key], actor: optionalId(staffIds, event.actorKey, 'staff') },
    }))
  );
  await writer.insert(UID.itemEvent, eventRows);

  return {
    grids: county.grids.length,
    townships: county.grids.filter((grid) => grid.level === 'township').length,
    departments: county.departments.length,
    staff: county.staff.length,
    categories: county.categories.length,
    items: county.items.length,
    itemEvents: eventRows.length,
  };
}

function requireId<T>(map: Map<string, T>, key: string, what: string): T {
  const value = map.get(key);
  if (value === undefined) throw new Error(`demo county: unknown ${what} "${key}"`);
  return value;
}
