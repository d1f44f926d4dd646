import request from 'supertest';
import { seedDashboardCounty, type DashboardCounty } from '../helpers/dashboard-county';
import { minyiService } from '../../plugins/minyi/server/src/plugin';
import { parseDashboardQuery } from '../../plugins/minyi/server/src/domain/dashboard-query';
import type { ItemScope } from '../../plugins/minyi/server/src/domain/access-scope';
import { startApp, TEST_ADMIN, type TestApp } from '../helpers/strapi';

/**
 * The dashboard's month cells (minyi_dashboard_cells): for the county and a whole township, for a
 * month, a quarter and a year, the dashboard summed from the cells equals the dashboard counted
 * from the items with the grouped statements — and keeps equal after each kind of change, written
 * past the workflow on purpose (the triggers mark whatever writer): a state, the times, the
 * satisfaction, an escalation, a move to another township or month, a new lead department or
 * category (a link row), a new item, a deleted item. After each refresh the cells equal a full
 * rebuild from the items; a refresh with nothing changed changes nothing; no personal data.
 *
 * The build from all items runs in chunks (a build row, one transaction per chunk of item ids):
 * stepped one small chunk at a time while items are inserted, changed and deleted in ranges
 * already read and not yet read, the cells after it and one refresh equal a build in one go; a
 * second caller during a fresh build leaves it alone; a stale one is taken over; a dashboard
 * request while the cells are not built answers at once, counted from the items.
 */
let app: TestApp;
let county: DashboardCounty;
const knex = () => app.strapi.db.connection;
const cells = () => minyiService(app.strapi, 'dashboard-cells');
const dashboard = () => minyiService(app.strapi, 'dashboard');
const ZONE = 'Asia/Shanghai';
const NOW = new Date('2026-12-01T10:00:00+08:00');
const PERIODS = ['2026-10', '2026-09', '2026-11', '2026-Q4', '2026'];
const SCOPES: ItemScope[] = [{ kind: 'county' }, { kind: 'grid-subtree', gridPath: '/C/T1/' }];

beforeAll(async () => {
  app = await startApp({ MINYI_METRICS_MIN_SAMPLE: '3', MINYI_STATS_CACHE_SECONDS: '0' });
  county = await seedDashboardCounty(app);
}, 240000);

afterAll(async () => {
  await app?.stop();
});

/** Every period and scope: summed from the cells = counted from the items; the cells = a rebuild. */
async function expectCellsMatchItems(): Promise<void> {
  for (const key of PERIODS) {
    const parsed = parseDashboardQuery({ period: key }, NOW, ZONE);
    if (!parsed.ok) throw new Error(`period ${key}`);
    for (const scope of SCOPES) {
      const { countedFrom, ...fromCells } = await dashboard().data(parsed.value, scope, NOW);
      const { countedFrom: itemsCounted, ...fromItems } = await dashboard().data(
        parsed.value,
        scope,
        NOW,
        { source: 'items' }
      );
      expect({ key, asked: scope, countedFrom, itemsCounted }).toEqual({
        key,
        asked: scope,
        countedFrom: 'cells',
        itemsCounted: 'items',
      });
      expect({ key, asked: scope, ...fromCells }).toEqual({ key, asked: scope, ...fromItems });
    }
  }
  const refreshed = await cells().cells();
  await cells().refresh({ full: true });
  expect(refreshed).toEqual(await cells().cells());
}

const itemIds = async () =>
  (await knex()('items').orderBy('id').select('id')).map((r: { id: number }) => r.id);

it('sums to the counts of the items, for the county and a township, month, quarter and year', async () => {
  const summary = await cells().refresh({ full: true });
  expect(summary).toMatchObject({ mode: 'full' });
  expect(summary.items).toBeGreaterThan(5);
  await expectCellsMatchItems();
  const year = parseDashboardQuery({ period: '2026-10' }, NOW, ZONE);
  if (!year.ok) throw new Error('period');
  const october = await dashboard().data(year.value, { kind: 'county' }, NOW);
  expect(october.current).toMatchObject({ received: 10, handled: 6, escalated: 2 });
});

it('follows every kind of change once refreshed, whoever wrote it', async () => {
  const ids = await itemIds();
  const changes: Array<[string, () => Promise<unknown>]> = [
    ['a state', () => knex()('items').where('id', ids[4]).update({ state: 'resolved' })],
    [
      'the resolved and due times',
      () =>
        knex()('items')
          .where('id', ids[0])
          .update({ resolved_at: new Date('2026-10-09T00:00:00+08:00') }),
    ],
    [
      'a rating',
      () => knex()('items').where('id', ids[3]).update({ satisfaction: 'dissatisfied' }),
    ],
    ['an escalation', () => knex()('items').where('id', ids[1]).update({ escalation_count: 2 })],
    ['a refusal', () => knex()('items').where('id', ids[2]).update({ state: 'rejected' })],
    [
      'a move to another township',
      () => knex()('items').where('id', ids[0]).update({ grid_path: '/C/T2/T2G/' }),
    ],
    [
      'another month',
      () =>
        knex()('items')
          .where('id', ids[1])
          .update({ received_at: new Date('2026-11-03T08:00:00+08:00') }),
    ],
    [
      'another lead department (a link row)',
      async () => {
        await knex()('items_lead_department_lnk').where('item_id', ids[0]).delete();
        await knex()('items_lead_department_lnk').insert({
          item_id: ids[0],
          department_id: county.ids.D2.id,
        });
      },
    ],
    [
      'a category removed and one given',
      async () => {
        await knex()('items_category_lnk').where('item_id', ids[1]).delete();
        await knex()('items_category_lnk').insert({
          item_id: ids[3],
          category_id: county.ids.water.id,
        });
      },
    ],
    [
      'a new item and a deleted one',
      async () => {
        await knex()('items').insert({
          document_id: 'cells-new',
          title: '新事项',
          content: '看板测试',
          type: 'request',
          channel: 'mayor-hotline',
          state: 'closed',
          level: 'grid',
          complexity: 'simple',
          tracking_code: 'MYCELLS0000001',
          received_at: new Date('2026-10-15T10:00:00+08:00'),
          resolved_at: new Date('2026-10-16T10:00:00+08:00'),
          grid_path: '/C/T1/T1G/',
          escalation_count: 0,
          created_at: NOW,
          updated_at: NOW,
        });
        await knex()('items_lead_department_lnk').where('item_id', ids[5]).delete();
        await knex()('items_category_lnk').where('item_id', ids[5]).delete();
        await knex()('items_co_departments_lnk').where('item_id', ids[5]).delete();
        await knex()('items').where('id', ids[5]).delete();
      },
    ],
  ];
  for (const [what, change] of changes) {
    const before = await cells().cells();
    await change();
    const summary = await cells().refresh();
    expect({ what, mode: summary.mode }).toEqual({ what, mode: 'cells' });
    expect({ what, cells: await cells().cells() }).not.toEqual({ what, cells: before });
    await expectCellsMatchItems();
  }
});

it('changes nothing when nothing changed, and keeps no personal data', async () => {
  await cells().refresh();
  const stored = await cells().cells();
  expect(await cells().refresh()).toMatchObject({ mode: 'none', items: 0, cells: 0 });
  expect(await cells().cells()).toEqual(stored);
  const columns = async (table: string) => Object.keys(await knex()(table).columnInfo()).sort();
  expect(await columns('minyi_dashboard_cells')).toEqual(
    [
      'month',
      'township',
      'facet',
      'unit_key',
      'received',
      'signed_off',
      'handled',
      'on_time',
      'rated',
      'satisfied',
      'escalated',
    ].sort()
  );
  expect(await columns('minyi_dashboard_dirty')).toEqual(['id', 'item_id']);
  expect(JSON.stringify(stored)).not.toMatch(/看板|1380000|dash\d/);
});

let serial = 0;
/** A new item written as a row (past the workflow, as the triggers see any writer). */
async function insertItem(fields: Record<string, unknown> = {}): Promise<number> {
  serial += 1;
  await knex()('items').insert({
    document_id: `cells-build-${serial}`,
    title: '分块构建',
    content: '看板测试',
    type: 'request',
    channel: 'website',
    state: 'closed',
    level: 'grid',
    complexity: 'simple',
    tracking_code: `MYBUILD${String(serial).padStart(7, '0')}`,
    received_at: new Date('2026-10-20T10:00:00+08:00'),
    resolved_at: new Date('2026-10-21T10:00:00+08:00'),
    grid_path: '/C/T2/T2G/',
    escalation_count: 0,
    created_at: NOW,
    updated_at: NOW,
    ...fields,
  });
  const row = await knex()('items').where('document_id', `cells-build-${serial}`).first('id');
  return Number(row.id);
}

async function deleteItem(id: number): Promise<void> {
  for (const table of [
    'items_lead_department_lnk',
    'items_category_lnk',
    'items_co_departments_lnk',
  ])
    await knex()(table).where('item_id', id).delete();
  await knex()('items').where('id', id).delete();
}

async function setCategory(id: number, categoryId: number): Promise<void> {
  await knex()('items_category_lnk').where('item_id', id).delete();
  await knex()('items_category_lnk').insert({ item_id: id, category_id: categoryId });
}

async function setLead(id: number, departmentId: number): Promise<void> {
  await knex()('items_lead_department_lnk').where('item_id', id).delete();
  await knex()('items_lead_department_lnk').insert({ item_id: id, department_id: departmentId });
}

const buildRow = async () => (await knex()('minyi_dashboard_build').select('*'))[0];
const stateRow = async () => (await knex()('minyi_dashboard_state').select('*'))[0];
const marks = async () =>
  (await knex()('minyi_dashboard_dirty').select('item_id')).map((r: { item_id: number }) =>
    Number(r.item_id)
  );

it('builds chunk by chunk while items change before and behind the cursor; one refresh later the cells equal a build in one go', async () => {
  const BATCH = 2;
  const started = await cells().refresh({ full: true, batch: BATCH, steps: 1 });
  expect(started).toMatchObject({ mode: 'building', steps: 1, items: 0 });
  expect(await stateRow()).toBeUndefined();
  expect(await cells().cells()).toEqual([]);
  const ids = await itemIds();
  expect(ids.length).toBeGreaterThan(8);
  expect(Number((await buildRow()).next_id)).toBe(ids[0]);

  // What is written before each step (the cursor is the smallest id not read yet).
  const before: Array<[string, () => Promise<unknown>]> = [
    [
      'an unread item changes state and grid; a read one does not exist yet',
      () =>
        knex()('items').where('id', ids[4]).update({ state: 'resolved', grid_path: '/C/T1/T1G/' }),
    ],
    [
      'read items change state, grid, lead department and category; an unread one is deleted',
      async () => {
        await knex()('items').where('id', ids[0]).update({ state: 'resolved' });
        await knex()('items').where('id', ids[1]).update({ grid_path: '/C/T2/T2G/' });
        await setLead(ids[0], county.ids.D2.id);
        await setCategory(ids[1], county.ids.light.id);
        await deleteItem(ids[7]);
      },
    ],
    [
      'a read item is deleted; unread ones change lead department and category; a new item',
      async () => {
        await deleteItem(ids[2]);
        await setLead(ids[8], county.ids.D1.id);
        await setCategory(ids[ids.length - 1], county.ids.water.id);
        await insertItem();
      },
    ],
    [
      'a read item changes month and satisfaction; a new item is inserted and deleted again',
      async () => {
        await knex()('items')
          .where('id', ids[3])
          .update({
            received_at: new Date('2026-09-10T10:00:00+08:00'),
            satisfaction: 'satisfied',
          });
        await deleteItem(await insertItem({ channel: 'mayor-hotline' }));
      },
    ],
  ];
  let step = 0;
  let summary;
  for (;;) {
    const cursor = Number((await buildRow()).next_id);
    const change = before[step % before.length];
    await change[1]();
    // Also a change at whatever the cursor is now: read by the next step, not counted twice.
    const next = await knex()('items').where('id', '>=', cursor).min('id as id').first();
    if (next?.id !== null && next?.id !== undefined)
      await knex()('items').where('id', next.id).update({ escalation_count: 3 });
    summary = await cells().refresh({ batch: BATCH, steps: 1 });
    step += 1;
    expect({ step, steps: summary.steps }).toEqual({ step, steps: 1 });
    if (summary.mode === 'full') break;
    expect({ step, mode: summary.mode }).toEqual({ step, mode: 'building' });
    expect(Number((await buildRow()).next_id)).toBeGreaterThan(cursor);
    expect(step).toBeLessThan(50);
  }
  expect(step).toBeGreaterThan(3);
  expect(await buildRow()).toBeUndefined();
  expect(await stateRow()).toMatchObject({ zone: ZONE });
  // The marks of ranges read before their change stay, for the refresh after the build.
  expect((await marks()).length).toBeGreaterThan(0);
  expect(await cells().refresh()).toMatchObject({ mode: 'cells' });
  expect(await marks()).toEqual([]);
  await expectCellsMatchItems();
});

it('leaves a fresh build held elsewhere alone, and takes a stale one over from its cursor', async () => {
  await cells().refresh({ full: true, batch: 3, steps: 2 });
  const ours = await buildRow();
  expect(ours).toBeDefined();
  await knex()('minyi_dashboard_build').update({
    owner: 'another-instance:1:abcd',
    heartbeat_at: new Date(),
  });
  const held = await buildRow();
  const waiting = await cells().refresh({ batch: 3 });
  expect(waiting).toMatchObject({ mode: 'building', steps: 0, items: 0 });
  expect(await buildRow()).toEqual(held);
  // A dashboard does not start its own build either: it counts from the items.
  const parsed = parseDashboardQuery({ period: '2026-10' }, NOW, ZONE);
  if (!parsed.ok) throw new Error('period');
  const during = await dashboard().data(parsed.value, { kind: 'county' }, NOW);
  const { countedFrom, ...figures } = during;
  expect(countedFrom).toBe('items');
  const { countedFrom: _, ...counted } = await dashboard().data(
    parsed.value,
    { kind: 'county' },
    NOW,
    { source: 'items' }
  );
  expect(figures).toEqual(counted);
  expect(await cells().prepare()).toBe(false);
  expect(cells().backgroundBuild()).toBeNull();
  expect(await buildRow()).toEqual(held);

  // Abandoned three minutes ago: taken over, continued from its cursor, finished.
  await knex()('minyi_dashboard_build').update({
    heartbeat_at: new Date(Date.now() - 3 * 60_000),
  });
  const first = await cells().refresh({ batch: 3, steps: 1 });
  expect(first).toMatchObject({ mode: 'building', steps: 1 });
  const taken = await buildRow();
  expect(taken.owner).not.toBe('another-instance:1:abcd');
  expect(Number(taken.next_id)).toBe(Number(held.next_id) + 3);
  expect(await cells().refresh({ batch: 3 })).toMatchObject({ mode: 'full' });
  expect(await buildRow()).toBeUndefined();
  await cells().refresh();
  await expectCellsMatchItems();
});

it('runs one build at a time in this process: a concurrent call answers that cells are being built', async () => {
  const answers = await Promise.all([
    cells().refresh({ full: true, batch: 1 }),
    cells().refresh({ full: true, batch: 1 }),
  ]);
  expect(answers.map((a) => a.mode).sort()).toEqual(['building', 'full']);
  expect(answers.find((a) => a.mode === 'building')).toMatchObject({ steps: 0 });
  await expectCellsMatchItems();
});

it('a dashboard request while the cells are not built answers 200 at once from the items, and builds them behind', async () => {
  const token = (await request(app.server).post('/admin/login').send(TEST_ADMIN).expect(200)).body
    .data.token;
  const ask = () =>
    request(app.server)
      .get('/minyi/dashboard?period=2026-Q4')
      .set({ Authorization: `Bearer ${token}` })
      .expect(200);
  const parsed = parseDashboardQuery({ period: '2026-Q4' }, NOW, ZONE);
  if (!parsed.ok) throw new Error('period');
  const counted = await dashboard().data(parsed.value, { kind: 'county' }, new Date(), {
    source: 'items',
  });
  // A fresh database: no cells, no state row.
  await knex()('minyi_dashboard_state').delete();
  await knex()('minyi_dashboard_cells').delete();
  const first = (await ask()).body.data;
  expect(first.countedFrom).toBe('items');
  expect(first.current).toEqual(counted.current);
  expect(first.townships).toEqual(counted.townships);
  await cells().backgroundBuild();
  expect(await stateRow()).toMatchObject({ zone: ZONE });
  const second = (await ask()).body.data;
  expect(second.countedFrom).toBe('cells');
  expect(second.current).toEqual(counted.current);
  expect(second.trend).toEqual(counted.trend);
});
