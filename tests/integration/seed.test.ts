import request from 'supertest';
import { addSyntheticItems, generateDemoCounty, seedDemoCounty } from '../../src/seed';
import { isWellFormedTrackingCode } from '../../plugins/minyi/server/src/domain/tracking-code';
import { startApp, type TestApp } from '../helpers/strapi';
import { minyiService } from '../../plugins/minyi/server/src/plugin';

let app: TestApp;

beforeAll(async () => {
  app = await startApp({ DEMO_DATA: 'true' });
});

afterAll(async () => {
  await app?.stop();
});

const COUNTY_PATH = '/430721/';

const count = (uid: string, where: Record<string, unknown> = {}): Promise<number> =>
  app.strapi.db.query(uid as 'api::item.item').count({ where });

const knex = () => app.strapi.db.connection;

interface ItemIdentityRow {
  id: number;
  tracking_code: string | null;
  grid_path: string | null;
  grid_id: number | null;
  path: string | null;
}

/** Every item with its own tracking code and path, and its grid's path (one query, any size). */
async function itemIdentities(): Promise<ItemIdentityRow[]> {
  return knex()('items as i')
    .leftJoin('items_grid_lnk as l', 'l.item_id', 'i.id')
    .leftJoin('grids as g', 'g.id', 'l.grid_id')
    .select('i.id', 'i.tracking_code', 'i.grid_path', 'l.grid_id', 'g.path');
}

describe('the demo county, loaded by the first boot (DEMO_DATA=true)', () => {
  it('has a county, twelve townships with villages and grids, ~40 departments and ~600 items', async () => {
    expect(await count('api::grid.grid', { level: 'county' })).toBe(1);
    expect(await count('api::grid.grid', { level: 'township' })).toBe(12);
    expect(await count('api::grid.grid', { level: 'village' })).toBeGreaterThan(30);
    expect(await count('api::grid.grid', { level: 'grid' })).toBeGreaterThan(80);
    const departments = await count('api::department.department');
    expect(departments).toBeGreaterThanOrEqual(35);
    expect(departments).toBeLessThanOrEqual(45);
    expect(await count('api::department.department', { name: '县委社会工作部' })).toBe(1);
    expect(
      await count('api::category.category', { parent: { id: { $null: true } } })
    ).toBeGreaterThanOrEqual(10);
    expect(await count('api::item.item')).toBe(600);
  });

  it('gives every grid a path under the county and every item a unique tracking code and its grid path', async () => {
    const grids: Array<{ code: string; path: string }> = await app.strapi.db
      .query('api::grid.grid')
      .findMany({ select: ['code', 'path'] });
    for (const grid of grids) {
      expect(grid.path.startsWith(COUNTY_PATH)).toBe(true);
      expect(grid.path.endsWith(`/${grid.code}/`)).toBe(true);
    }

    const items = await itemIdentities();
    expect(items).toHaveLength(600);
    const codes = new Set(items.map((item) => item.tracking_code));
    expect(codes.size).toBe(items.length);
    for (const item of items) {
      expect(isWellFormedTrackingCode(item.tracking_code ?? '')).toBe(true);
      expect(item.grid_id).not.toBeNull();
      expect(item.grid_path).toBe(item.path);
      expect(item.grid_path?.startsWith(COUNTY_PATH)).toBe(true);
    }
  });

  it('links item-events to items: every item has a history that starts with "created"', async () => {
    const events = await count('api::item-event.item-event');
    expect(events).toBeGreaterThan(600 * 4);
    const linked = await knex()('item_events_item_lnk').count({ n: '*' }).first();
    expect(Number(linked?.n)).toBe(events);
    const firsts: Array<{ item_id: number; type: string }> = await knex()('item_events as e')
      .join('item_events_item_lnk as l', 'l.item_event_id', 'e.id')
      .whereIn(
        'e.id',
        knex()('item_events as e2')
          .join('item_events_item_lnk as l2', 'l2.item_event_id', 'e2.id')
          .groupBy('l2.item_id')
          .min('e2.id')
      )
      .select('l.item_id', 'e.type');
    expect(firsts).toHaveLength(600);
    expect(new Set(firsts.map((first) => first.type))).toEqual(new Set(['created']));
  });

  it('staffs every grid 1+1+1+N: instructor, grid head, grid member and neighbour heads or volunteers', async () => {
    const leaves: Array<{ id: number; staff: Array<{ role: string }> }> = await app.strapi.db
      .query('api::grid.grid')
      .findMany({
        where: { level: 'grid' },
        select: ['id'],
        populate: { staff: { select: ['role'] } },
      });
    expect(leaves.length).toBeGreaterThan(80);
    for (const grid of leaves) {
      const roles = grid.staff.map((person) => person.role);
      const of = (role: string) => roles.filter((r) => r === role).length;
      expect([of('instructor'), of('grid-head'), of('grid-member')]).toEqual([1, 1, 1]);
      expect(of('neighbour-head') + of('volunteer')).toBeGreaterThanOrEqual(1);
    }
  });

  it('reproduces a resolution rate in the nineties (resolved + closed among accepted-or-later items)', async () => {
    const received = await count('api::item.item', {
      state: { $notIn: ['submitted', 'rejected'] },
    });
    const handled = await count('api::item.item', { state: { $in: ['resolved', 'closed'] } });
    expect(await count('api::item.item', { acceptedAt: { $notNull: true } })).toBe(received);
    const rate = handled / received;
    expect(rate).toBeGreaterThan(0.9);
    expect(rate).toBeLessThan(0.99);
  });

  it('is read by the Document Service with populated relations', async () => {
    const items = await app.strapi.documents('api::item.item').findMany({
      populate: ['category', 'grid'],
      filters: { state: 'closed' },
      limit: 50,
    });
    expect(items).toHaveLength(50);
    for (const item of items) {
      expect(item.documentId).toEqual(expect.any(String));
      expect(item.category?.name).toEqual(expect.any(String));
      expect(item.grid?.path).toBe(item.gridPath);
      expect(item.closedAt).not.toBeNull();
      expect(item.resolvedAt).not.toBeNull();
    }
    expect(await app.strapi.documents('api::item.item').count({})).toBe(600);
  });

  it('is the same demo every time for the same "now"', () => {
    const now = new Date('2026-06-01T02:00:00Z');
    expect(generateDemoCounty(now)).toEqual(generateDemoCounty(now));
  });

  it('serves the townships to the public: GET /api/grids?filters[level][$eq]=township', async () => {
    const response = await request(app.server)
      .get('/api/grids')
      .query({ 'filters[level][$eq]': 'township' })
      .expect(200);
    const names = response.body.data.map((grid: { name: string }) => grid.name);
    expect(names).toHaveLength(12);
    expect(names).toEqual(expect.arrayContaining(['深柳镇', '官垱镇', '陈家嘴镇', '三岔河镇']));
  });
});

describe('the demo county and the escalation sweep', () => {
  it('agree: deadlines come from the working-day calendar, so a sweep right after loading escalates nothing', async () => {
    const summary = await minyiService(app.strapi, 'escalation-sweep').run(new Date());
    expect(summary).toMatchObject({ escalated: 0 });
  });
});

describe('seeding again', () => {
  it('creates nothing when the county is already there', async () => {
    const before = await Promise.all(
      ['api::grid.grid', 'api::staff.staff', 'api::item.item', 'api::item-event.item-event'].map(
        (uid) => count(uid)
      )
    );
    const result = await seedDemoCounty(app.strapi);
    expect(result).toEqual({ created: false, counts: {} });
    const after = await Promise.all(
      ['api::grid.grid', 'api::staff.staff', 'api::item.item', 'api::item-event.item-event'].map(
        (uid) => count(uid)
      )
    );
    expect(after).toEqual(before);
  });
});

describe('addSyntheticItems', () => {
  it('adds exactly the requested number of readable items with unique tracking codes', async () => {
    const before = await count('api::item.item');
    const progress: number[] = [];
    const result = await addSyntheticItems(app.strapi, 3000, {
      batchSize: 1000,
      onProgress: (done) => progress.push(done),
    });
    expect(result).toMatchObject({ added: 3000, batches: 3 });
    expect(progress).toEqual([1000, 2000, 3000]);
    expect(await count('api::item.item')).toBe(before + 3000);
    expect(await app.strapi.documents('api::item.item').count({})).toBe(before + 3000);

    const items = await itemIdentities();
    expect(new Set(items.map((item) => item.tracking_code)).size).toBe(before + 3000);
    for (const item of items) {
      expect(isWellFormedTrackingCode(item.tracking_code ?? '')).toBe(true);
      expect(item.grid_path).toBe(item.path);
    }
    const categorised = await knex()('items_category_lnk').countDistinct({ n: 'item_id' }).first();
    expect(Number(categorised?.n)).toBe(before + 3000);

    const newest = await app.strapi.documents('api::item.item').findMany({
      sort: 'id:desc',
      limit: 20,
      populate: ['category', 'grid', 'assignedGrid', 'leadDepartment'],
    });
    expect(newest).toHaveLength(20);
    for (const item of newest) {
      expect(item.grid?.level).toBe('grid');
      expect(item.category?.name).toEqual(expect.any(String));
      expect(item.receivedAt).not.toBeNull();
    }
  });
});

describe('a large load (deferred indexes on PostgreSQL)', () => {
  /** Every index of items and its link tables, by name with its definition. */
  async function indexes(): Promise<string[]> {
    const tables = [
      'items',
      'items_grid_lnk',
      'items_category_lnk',
      'items_assigned_grid_lnk',
      'items_lead_department_lnk',
    ];
    if (app.strapi.db.dialect.client === 'postgres') {
      const result = (await knex().raw(
        `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename IN (${tables.map(() => '?').join(', ')}) ORDER BY indexname`,
        tables
      )) as { rows: Array<{ indexname: string; indexdef: string }> };
      return result.rows.map((row) => `${row.indexname}: ${row.indexdef}`);
    }
    const rows = (await knex().raw(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN (${tables.map(() => '?').join(', ')}) ORDER BY name`,
      tables
    )) as Array<{ name: string; sql: string | null }>;
    return rows.map((row) => `${row.name}: ${row.sql ?? ''}`);
  }

  it('writes every item and its links, and leaves the indexes exactly as they were', async () => {
    const before = await count('api::item.item');
    const indexesBefore = await indexes();
    expect(indexesBefore.some((entry) => entry.startsWith('items_workbench_open_due_idx'))).toBe(
      true
    );
    const result = await addSyntheticItems(app.strapi, 2500, {
      batchSize: 1000,
      deferIndexes: true,
    });
    expect(result).toMatchObject({ added: 2500, batches: 3 });
    if (app.strapi.db.dialect.client === 'postgres') {
      // Every plain (not partial) secondary index of items and the four link tables was built again.
      expect(result.indexes?.indexes).toBeGreaterThanOrEqual(12);
    } else expect(result.indexes).toBeNull();
    expect(await indexes()).toEqual(indexesBefore);
    expect(await count('api::item.item')).toBe(before + 2500);
    const linked = await knex()('items_grid_lnk').countDistinct({ n: 'item_id' }).first();
    expect(Number(linked?.n)).toBe(before + 2500);
    // The rebuilt indexes answer: the workbench's open-items walk and a tracking lookup.
    const newest = await knex()('items').orderBy('id', 'desc').first();
    const found = await knex()('items').where({ tracking_code: newest.tracking_code }).first();
    expect(found.id).toBe(newest.id);
  });
});
