import fc from 'fast-check';
import request from 'supertest';
import { runJobCli } from '../helpers/cli';
import { startApp, type TestApp } from '../helpers/strapi';
import { minyiService } from '../../plugins/minyi/server/src/plugin';
import type { UnitCounts } from '../../plugins/minyi/server/src/domain/metrics';
import { fixtureDocuments } from '../helpers/fixtures';

/**
 * GET /api/stats sums pre-aggregated (local day, township) cells. They must equal what the direct
 * SQL statement and the JavaScript reference count from the items themselves: on generated item
 * sets, for every kind of period, and after each kind of change (state, satisfaction, a new item,
 * a move between townships, a deletion, a different received day) once the refresh has run; a
 * refresh with nothing changed changes nothing; the cells hold no personal data.
 */
let app: TestApp;
const knex = () => app.strapi.db.connection;
const metrics = () => minyiService(app.strapi, 'metrics');
const aggregate = () => minyiService(app.strapi, 'stats-aggregate');
const docs = () => fixtureDocuments(app.strapi);
const at = (iso: string) => new Date(`${iso}+08:00`);
const ZONE = 'Asia/Shanghai';
const STATES = [
  'submitted',
  'accepted',
  'in-progress',
  'resolved',
  'closed',
  'rejected',
  'reopened',
];
const SATISFACTION = ['very-satisfied', 'satisfied', 'basically-satisfied', 'dissatisfied'];
const PERIODS: Array<[string, 'month' | 'week' | 'quarter' | 'year']> = [
  ['2026-10', 'month'],
  ['2026-12', 'month'],
  ['2026-W44', 'week'],
  ['2026-Q4', 'quarter'],
  ['2026', 'year'],
  ['2027', 'year'],
];
let serial = 0;

interface Generated {
  state: string;
  receivedMinutes: number;
  satisfaction: string | null;
  township: 'T1' | 'T2' | 'T3' | null;
}

const generated: fc.Arbitrary<Generated> = fc.record({
  state: fc.constantFrom(...STATES),
  // 2026-09-25 … 2027-01-10, minute resolution; some exactly on local midnights (period edges).
  receivedMinutes: fc.oneof(
    fc.integer({ min: 0, max: 107 * 24 * 60 }),
    fc.constantFrom(6 * 24 * 60, 6 * 24 * 60 - 1, 98 * 24 * 60, 98 * 24 * 60 - 1)
  ),
  satisfaction: fc.option(fc.constantFrom(...SATISFACTION)),
  township: fc.constantFrom('T1', 'T2', 'T3', null),
});

async function insertItem(item: Generated): Promise<number> {
  serial++;
  const receivedAt = new Date(at('2026-09-25T00:00:00').getTime() + item.receivedMinutes * 60_000);
  const [row] = await knex()('items')
    .insert({
      document_id: `agg${serial}`,
      title: `事项${serial}`,
      content: '生成的事项',
      type: 'request',
      channel: 'website',
      state: item.state,
      level: 'grid',
      complexity: 'simple',
      tracking_code: `MYAGG${String(serial).padStart(9, '0')}`,
      received_at: receivedAt,
      satisfaction: item.satisfaction,
      grid_path: item.township ? `/C/${item.township}/${item.township}G/` : null,
      submitter_name: '张三',
      submitter_phone: '13900001111',
      created_at: receivedAt,
      updated_at: receivedAt,
      published_at: receivedAt,
    })
    .returning('id');
  return typeof row === 'object' ? row.id : row;
}

/** The figures the public stats answer, of a unit's counts. */
type PublicFigures = Pick<UnitCounts, 'received' | 'handled' | 'rated' | 'satisfied'>;

const pick = ({ received, handled, rated, satisfied }: PublicFigures) => ({
  received,
  handled,
  rated,
  satisfied,
});
const picked = (map: Map<string, PublicFigures>) =>
  Object.fromEntries([...map].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, pick(v)]));

/** For every period: the cells' sums = the direct statement = the JavaScript count of the rows. */
async function expectCellsMatchItems(): Promise<void> {
  const { periodBounds } = await import('../../plugins/minyi/server/src/domain/job-period');
  for (const [key, unit] of PERIODS) {
    const bounds = periodBounds(key, ZONE, { unit })!;
    const cells = await aggregate().publicCounts(bounds);
    // null only for bounds without a local day in them; every period here has days.
    if (!cells) throw new Error(`publicCounts found no day range for ${key}`);
    const direct = await metrics().publicCountsInSql(bounds);
    const js = await metrics().countsInJs(bounds, 'township');
    const jsCounty = (await metrics().countsInJs(bounds, 'county')).get('*') ?? {
      received: 0,
      handled: 0,
      rated: 0,
      satisfied: 0,
    };
    expect({ key, townships: picked(cells.townships), county: pick(cells.county) }).toEqual({
      key,
      townships: picked(direct.townships),
      county: pick(direct.county),
    });
    expect(picked(cells.townships)).toEqual(picked(js));
    expect(pick(cells.county)).toEqual(pick(jsCounty));
  }
}

beforeAll(async () => {
  app = await startApp();
  const county = await docs()('api::grid.grid').create({
    data: { name: '安乡县', code: 'C', level: 'county' },
  });
  for (const [code, name] of [
    ['T1', '深柳镇'],
    ['T2', '黄山头镇'],
    ['T3', '安康乡'],
  ]) {
    const township = await docs()('api::grid.grid').create({
      data: { name, code, level: 'township', parent: county.documentId },
    });
    await docs()('api::grid.grid').create({
      data: {
        name: `${name}一网格`,
        code: `${code}G`,
        level: 'grid',
        parent: township.documentId,
      },
    });
  }
});

afterAll(async () => {
  await app?.stop();
});

it('sums to the same counts as the direct statement and as JavaScript, on generated item sets, for month, week, quarter and year', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(generated, { maxLength: 40 }), async (items) => {
      await knex()('items').delete();
      for (const item of items) await insertItem(item);
      const refreshed = await aggregate().refresh();
      expect(['full', 'cells', 'none']).toContain(refreshed.mode);
      expect(
        await knex()('minyi_stats_changes')
          .count('* as n')
          .then((r) => Number(r[0].n))
      ).toBe(0);
      await expectCellsMatchItems();
    }),
    { numRuns: 15 }
  );
});

it('follows every kind of item change once the refresh has run, also through GET /api/stats', async () => {
  await knex()('items').delete();
  const ids: number[] = [];
  for (let i = 0; i < 30; i++)
    ids.push(
      await insertItem({
        state: i % 3 === 0 ? 'closed' : 'in-progress',
        receivedMinutes: (10 + i) * 24 * 60 + 600,
        satisfaction: i % 4 === 0 ? 'satisfied' : null,
        township: i % 2 === 0 ? 'T1' : 'T2',
      })
    );
  await aggregate().refresh();
  await expectCellsMatchItems();

  const item = (id: number) => app.strapi.db.query('api::item.item').findOne({ where: { id } });
  const changes: Array<[string, () => Promise<unknown>]> = [
    // As the app writes: the Document Service (its own updated_at, its own datetime storage).
    [
      'state change',
      async () =>
        docs()('api::item.item').update({
          documentId: (await item(ids[1])).documentId,
          data: { state: 'resolved', resolvedAt: new Date() },
        }),
    ],
    [
      'satisfaction change',
      async () =>
        docs()('api::item.item').update({
          documentId: (await item(ids[0])).documentId,
          data: { satisfaction: 'dissatisfied' },
        }),
    ],
    [
      'new item',
      () =>
        insertItem({
          state: 'closed',
          receivedMinutes: 40 * 24 * 60,
          satisfaction: 'very-satisfied',
          township: 'T3',
        }),
    ],
    [
      'moved between townships',
      () => knex()('items').where({ id: ids[2] }).update({ grid_path: '/C/T3/T3G/' }),
    ],
    ['refused', () => knex()('items').where({ id: ids[3] }).update({ state: 'rejected' })],
    [
      'received on another day (another month)',
      () =>
        knex()('items')
          .where({ id: ids[4] })
          .update({ received_at: at('2026-12-31T23:59:00') }),
    ],
    ['deleted', () => knex()('items').where({ id: ids[5] }).delete()],
  ];
  // The public answers for the year and for October (where most of these items were received).
  const answers = async () =>
    Promise.all(
      ['2026', '2026-10'].map(
        async (period) =>
          (await request(app.server).get(`/api/stats?period=${period}`).expect(200)).body.data
      )
    );
  for (const [what, change] of changes) {
    const before = await answers();
    await change();
    const summary = await aggregate().refresh();
    expect({ what, mode: summary.mode }).toEqual({ what, mode: 'cells' });
    await expectCellsMatchItems();
    minyiService(app.strapi, 'stats').clearCache();
    const after = await answers();
    expect({ what, changed: JSON.stringify(after) !== JSON.stringify(before) }).toEqual({
      what,
      changed: true,
    });
  }
  // A change the cells do not read marks nothing: a title, or a move between open states (what the
  // escalation sweep does to thousands of items at a time).
  await knex()('items').where({ id: ids[6] }).update({ title: '改了标题', updated_at: new Date() });
  expect(await aggregate().refresh()).toMatchObject({ mode: 'none', days: 0, marks: 0 });
  await knex()('items').where({ id: ids[7] }).update({ state: 'escalated', level: 'township' });
  expect(Number((await knex()('minyi_stats_changes').count({ n: '*' }))[0].n)).toBe(0);
  // … while leaving the open states (closing) is marked, old and new.
  await knex()('items').where({ id: ids[7] }).update({ state: 'closed' });
  expect(Number((await knex()('minyi_stats_changes').count({ n: '*' }))[0].n)).toBe(2);
  expect(await aggregate().refresh()).toMatchObject({ mode: 'cells', marks: 2 });
  await expectCellsMatchItems();
});

it('changes nothing when nothing changed, and the stats-refresh job runs it once per minute across instances', async () => {
  await knex()('items').delete();
  for (let i = 0; i < 12; i++)
    await insertItem({
      state: 'closed',
      receivedMinutes: i * 7 * 24 * 60,
      satisfaction: 'satisfied',
      township: 'T1',
    });
  await aggregate().refresh();
  const cells = await aggregate().cells();
  expect(cells.length).toBeGreaterThan(0);
  expect(await aggregate().refresh()).toMatchObject({ mode: 'none', days: 0, marks: 0 });
  expect(await aggregate().cells()).toEqual(cells);

  await insertItem({
    state: 'submitted',
    receivedMinutes: 3 * 24 * 60,
    satisfaction: null,
    township: 'T2',
  });
  const now = '2026-11-28T10:15:00';
  const run = await runJobCli(['stats-refresh', '--now', now]);
  expect(run.code).toBe(0);
  expect(await aggregate().cells()).not.toEqual(cells);
  await expectCellsMatchItems();
  const again = await runJobCli(['stats-refresh', '--now', now]);
  expect(again.stdout + again.stderr).toMatch(/already|skipped|已/i);
  const runs = await knex()('minyi_job_runs')
    .where({ job: 'stats-refresh' })
    .select('period', 'status');
  expect(runs).toEqual([{ period: '2026-11-28T10:15', status: 'succeeded' }]);
});

it('keeps no personal data: the cells are days, township codes and counts', async () => {
  const columns = Object.keys(await knex()('minyi_stats_days').columnInfo()).sort();
  expect(columns).toEqual(['day', 'handled', 'rated', 'received', 'satisfied', 'township']);
  const marks = Object.keys(await knex()('minyi_stats_changes').columnInfo()).sort();
  expect(marks).toEqual(['grid_path', 'id', 'received_at', 'satisfaction', 'sign', 'state']);
  const response = await request(app.server).get('/api/stats?period=2026').expect(200);
  expect(JSON.stringify(response.body)).not.toMatch(/张三|13900001111|submitter|title|事项/);
});
