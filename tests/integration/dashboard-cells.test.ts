import { seedDashboardCounty, type DashboardCounty } from '../helpers/dashboard-county';
import { minyiService } from '../../plugins/minyi/server/src/plugin';
import { parseDashboardQuery } from '../../plugins/minyi/server/src/domain/dashboard-query';
import type { ItemScope } from '../../plugins/minyi/server/src/domain/access-scope';
import { startApp, type TestApp } from '../helpers/strapi';

/**
 * The dashboard's month cells (minyi_dashboard_cells): for the county and a whole township, for a
 * month, a quarter and a year, the dashboard summed from the cells equals the dashboard counted
 * from the items with the grouped statements — and keeps equal after each kind of change, written
 * past the workflow on purpose (the triggers mark whatever writer): a state, the times, the
 * satisfaction, an escalation, a move to another township or month, a new lead department or
 * category (a link row), a new item, a deleted item. After each refresh the cells equal a full
 * rebuild from the items; a refresh with nothing changed changes nothing; no personal data.
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
      const fromCells = await dashboard().data(parsed.value, scope, NOW);
      const fromItems = await dashboard().data(parsed.value, scope, NOW, { source: 'items' });
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
