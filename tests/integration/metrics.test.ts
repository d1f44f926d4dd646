import type { Data } from '@strapi/strapi';
import fc from 'fast-check';
import request from 'supertest';
import { startApp, type TestApp } from '../helpers/strapi';
import { minyiService } from '../../plugins/minyi/server/src/plugin';
import type { UnitCounts } from '../../plugins/minyi/server/src/domain/metrics';
import { fixtureDocuments } from '../helpers/fixtures';

/**
 * Unit metrics computed by set-based SQL agree with the same metrics computed in JavaScript from
 * the loaded rows, on generated item sets (fast-check), by township, by department and county-wide,
 * including the working days to resolve; the seed's own figure comes out as 93.76%; and the public
 * GET /api/stats answers aggregates only, needs no token, and refuses bad queries with a 400.
 */
let app: TestApp;
const knex = () => app.strapi.db.connection;
const metrics = () => minyiService(app.strapi, 'metrics');
const docs = () => fixtureDocuments(app.strapi);
const at = (iso: string) => new Date(`${iso}+08:00`);
const OCTOBER = { start: at('2026-10-01T00:00:00'), end: at('2026-11-01T00:00:00') };
const STATES = [
  'submitted',
  'accepted',
  'assigned',
  'in-progress',
  'resolved',
  'closed',
  'escalated',
  'extended',
  'returned',
  'rejected',
  'reopened',
];
const SATISFACTION = ['very-satisfied', 'satisfied', 'basically-satisfied', 'dissatisfied'];
const departmentIds: Record<string, Data.ID> = {};
let serial = 0;

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
  for (const code of ['D1', 'D2']) {
    const department = await docs()('api::department.department').create({
      data: {
        name: `部门${code}`,
        code,
        kind: 'county-department',
        contactEmail: `${code}@example.invalid`,
      },
    });
    departmentIds[code] = department.id;
  }
});

afterAll(async () => {
  await app?.stop();
});

interface Generated {
  state: string;
  receivedMinutes: number;
  accepted: boolean;
  resolveMinutes: number | null;
  dueMinutes: number | null;
  satisfaction: string | null;
  township: 'T1' | 'T2' | null;
  department: 'D1' | 'D2' | null;
}

const generated: fc.Arbitrary<Generated> = fc.record({
  state: fc.constantFrom(...STATES),
  // 2026-09-25 … 2026-11-05, minute resolution: some items fall outside October, some on its edges.
  receivedMinutes: fc.oneof(
    fc.integer({ min: 0, max: 41 * 24 * 60 }),
    fc.constantFrom(6 * 24 * 60 - 8 * 60, 37 * 24 * 60 - 8 * 60 - 1)
  ),
  accepted: fc.boolean(),
  resolveMinutes: fc.option(fc.integer({ min: 0, max: 30 * 24 * 60 })),
  dueMinutes: fc.option(fc.integer({ min: -2 * 24 * 60, max: 20 * 24 * 60 })),
  satisfaction: fc.option(fc.constantFrom(...SATISFACTION)),
  township: fc.constantFrom('T1', 'T2', null),
  department: fc.constantFrom('D1', 'D2', null),
});

async function replaceItems(items: readonly Generated[]): Promise<void> {
  await knex()('items_lead_department_lnk').delete();
  await knex()('items').delete();
  const base = at('2026-09-25T00:00:00').getTime();
  const minute = 60_000;
  for (const item of items) {
    serial++;
    const receivedAt = new Date(base + item.receivedMinutes * minute);
    const [row] = await knex()('items')
      .insert({
        document_id: `gen${serial}`,
        title: `事项${serial}`,
        content: '生成的事项',
        type: 'request',
        channel: 'website',
        state: item.state,
        level: 'grid',
        complexity: 'simple',
        tracking_code: `MYGEN${String(serial).padStart(9, '0')}`,
        received_at: receivedAt,
        accepted_at: item.accepted ? receivedAt : null,
        resolved_at:
          item.resolveMinutes === null
            ? null
            : new Date(receivedAt.getTime() + item.resolveMinutes * minute),
        due_at:
          item.dueMinutes === null
            ? null
            : new Date(receivedAt.getTime() + item.dueMinutes * minute),
        satisfaction: item.satisfaction,
        grid_path: item.township ? `/C/${item.township}/${item.township}G/` : null,
        created_at: receivedAt,
        updated_at: receivedAt,
        published_at: receivedAt,
      })
      .returning('id');
    const id = typeof row === 'object' ? row.id : row;
    if (item.department)
      await knex()('items_lead_department_lnk').insert({
        item_id: id,
        department_id: departmentIds[item.department],
      });
  }
}

/** The figures the public stats answer, of a unit's counts. */
type PublicFigures = Pick<UnitCounts, 'received' | 'handled' | 'rated' | 'satisfied'>;

const plain = (map: Map<string, unknown>) =>
  Object.fromEntries([...map.entries()].sort(([a], [b]) => a.localeCompare(b)));

it('computes the same unit counts in SQL as in JavaScript, for generated item sets', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(generated, { maxLength: 40 }), async (items) => {
      await replaceItems(items);
      for (const grouping of ['township', 'department', 'county'] as const) {
        const sql = await metrics().countsInSql(OCTOBER, grouping);
        const js = await metrics().countsInJs(OCTOBER, grouping);
        expect(plain(sql)).toEqual(plain(js));
      }
      // The county as the report derives it: the sum of the township groups, items without a township included.
      const withUnassigned = await metrics().countsInSql(OCTOBER, 'township', {
        includeUnassigned: true,
      });
      const summed = [...withUnassigned.values()].reduce(
        (a: Record<string, number>, b: UnitCounts) =>
          Object.fromEntries(
            // Object.keys types an object's own keys as strings; these are UnitCounts' keys.
            (Object.keys(b) as Array<keyof UnitCounts>).map((k) => [k, (a[k] ?? 0) + b[k]])
          ),
        {}
      );
      const countyJs = (await metrics().countsInJs(OCTOBER, 'county')).get('*');
      if (countyJs) expect(summed).toEqual(countyJs);
      else expect(withUnassigned.size).toBe(0);
      // The public stats' single statement: the same received / handled / rated / satisfied.
      const pick = ({ received, handled, rated, satisfied }: PublicFigures) => ({
        received,
        handled,
        rated,
        satisfied,
      });
      const lean = await metrics().publicCountsInSql(OCTOBER);
      const byTownship = await metrics().countsInJs(OCTOBER, 'township');
      expect(Object.fromEntries([...lean.townships].map(([k, v]) => [k, pick(v)]))).toEqual(
        Object.fromEntries([...byTownship].map(([k, v]) => [k, pick(v)]))
      );
      const county = (await metrics().countsInJs(OCTOBER, 'county')).get('*');
      expect(pick(lean.county)).toEqual(
        pick(county ?? { received: 0, handled: 0, rated: 0, satisfied: 0 })
      );
    }),
    { numRuns: 25 }
  );
});

it('counts working days to resolve across a national holiday the same way in SQL and JS', async () => {
  // Received on 1 October (National Day holidays run to the 7th), resolved on the 9th: the working
  // days after the 1st up to and including the 9th are the 8th and the 9th.
  await replaceItems([]);
  // Written by Strapi's Document Service, as the app writes items (its datetime storage, its grid path sync).
  const grid = await app.strapi.db.query('api::grid.grid').findOne({ where: { code: 'T1G' } });
  await docs()('api::item.item').create({
    data: {
      title: '国庆前后',
      content: '跨节假日',
      type: 'request',
      channel: 'website',
      state: 'closed',
      level: 'grid',
      complexity: 'simple',
      receivedAt: at('2026-10-01T09:00:00'),
      resolvedAt: at('2026-10-09T10:00:00'),
      grid: grid.documentId,
    },
  });
  const sql = (await metrics().countsInSql(OCTOBER, 'township')).get('T1');
  const js = (await metrics().countsInJs(OCTOBER, 'township')).get('T1');
  expect(sql).toEqual(js);
  const expected = minyiService(app.strapi, 'calendar')
    .get()
    .workingDaysInRange('2026-10-02', '2026-10-09');
  expect(sql?.workingDaysToResolve).toBe(expected);
  expect(expected).toBe(2);
});

it("prints the seed's figure, 541 handled of 577 received, as 93.76%, and lists units without items", async () => {
  await replaceItems(
    Array.from(
      { length: 577 },
      (_, i) =>
        ({
          state: i < 541 ? 'closed' : 'in-progress',
          receivedMinutes: 10 * 24 * 60 + i,
          accepted: true,
          resolveMinutes: i < 541 ? 60 : null,
          dueMinutes: 3 * 24 * 60,
          satisfaction: i < 541 ? 'satisfied' : null,
          township: i % 2 === 0 ? 'T1' : 'T2',
          department: null,
        }) satisfies Generated
    )
  );
  const report = await metrics().report(OCTOBER);
  expect(report.county).toMatchObject({ received: 577, handled: 541 });
  const { formatRate } = await import('../../plugins/minyi/server/src/domain/metrics');
  expect(formatRate(report.county.resolutionRate)).toBe('93.76%');
  const empty = report.townships.find((t: { unit: { code: string } }) => t.unit.code === 'T3');
  expect(empty).toMatchObject({
    rank: null,
    resolutionRate: null,
    satisfactionRate: null,
    counts: { received: 0 },
  });
  expect(
    report.departments.map((d: { unit: { code: string }; rank: number | null }) => [
      d.unit.code,
      d.rank,
    ])
  ).toEqual([
    ['D1', null],
    ['D2', null],
  ]);

  // The public stats: no token, aggregates only.
  const response = await request(app.server).get('/api/stats?period=2026-10').expect(200);
  expect(response.body.data.county).toEqual({
    received: 577,
    handled: 541,
    resolutionRate: 0.9376,
    resolutionRateText: '93.76%',
    satisfactionRate: 1,
    satisfactionRateText: '100.00%',
  });
  expect(
    response.body.data.townships.map((t: { code: string; received: number }) => [
      t.code,
      t.received,
    ])
  ).toEqual([
    ['T1', 289],
    ['T2', 288],
    ['T3', 0],
  ]);
  expect(response.body.data.townships[2].resolutionRate).toBeNull();
  const one = await request(app.server)
    .get('/api/stats')
    .query({ period: '2026-Q4', township: 'T2' })
    .expect(200);
  expect(one.body.data.townships).toEqual([
    expect.objectContaining({ code: 'T2', name: '黄山头镇', received: 288 }),
  ]);
  expect(one.body.data.start).toBe(at('2026-10-01T00:00:00').toISOString());

  // Kept for MINYI_STATS_CACHE_SECONDS (60): a new item shows once the answer expires (here: is cleared).
  expect(response.headers['cache-control']).toBe('public, max-age=60');
  await knex()('items').update({ state: 'closed' });
  expect(
    (await request(app.server).get('/api/stats?period=2026-10').expect(200)).body.data.county
      .handled
  ).toBe(541);
  minyiService(app.strapi, 'stats').clearCache();
  expect(
    (await request(app.server).get('/api/stats?period=2026-10').expect(200)).body.data.county
      .handled
  ).toBe(577);
});

it('refuses bad stats queries with a 400 naming the field, and leaks nothing personal', async () => {
  for (const [query, field] of [
    ['period=2026-13', 'period'],
    ['period=yesterday', 'period'],
    ['township=%27%3B--', 'township'],
    ['filters[submitterName][$eq]=x', 'filters'],
    ['populate=*', 'populate'],
  ] as const) {
    const response = await request(app.server).get(`/api/stats?${query}`).expect(400);
    expect(
      response.body.error.details.errors.map((e: { field: string }) => e.field).join(',')
    ).toContain(field);
    expect(response.body.error.message).toContain('查询参数有误');
  }
  await request(app.server).get('/api/stats?township=NOPE').expect(400);
  await knex()('items').update({ title: '张秘密反映', content: '电话13900001111' });
  const response = await request(app.server).get('/api/stats?period=2026').expect(200);
  expect(JSON.stringify(response.body)).not.toMatch(
    /张秘密|13900001111|submitter|trackingCode|title/
  );
  expect(Object.keys(response.body.data).sort()).toEqual([
    'county',
    'end',
    'period',
    'start',
    'townships',
  ]);
});
