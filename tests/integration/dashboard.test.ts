import request from 'supertest';
import { at, seedDashboardCounty, type DashboardCounty } from '../helpers/dashboard-county';
import { minyiService } from '../../plugins/minyi/server/src/plugin';
import { startApp, TEST_ADMIN, type TestApp } from '../helpers/strapi';

/**
 * 数据看板 (GET /minyi/dashboard): for the same month and scope, its headline figures equal
 * GET /api/stats and the monthly report (月研判) — one metrics definition; a township officer's
 * dashboard counts their township only; a department officer's the items their department leads
 * or co-handles; bad queries answer 400 field by field; an account without a unit gets 403.
 */
let app: TestApp;
let county: DashboardCounty;
const tokens: Record<string, string> = {};
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  app = await startApp({ MINYI_METRICS_MIN_SAMPLE: '3', MINYI_STATS_CACHE_SECONDS: '0' });
  county = await seedDashboardCounty(app);
  const { ids } = county;
  const superLogin = await request(app.server).post('/admin/login').send(TEST_ADMIN).expect(200);
  tokens.super = superLogin.body.data.token;
  tokens.coordinator = (
    await county.adminUser('coordinator', 'minyi-county-coordinator', {
      role: 'county-coordinator',
      grid: ids.C.documentId,
    })
  ).token;
  tokens.township = (
    await county.adminUser('township', 'minyi-township-officer', {
      role: 'township-officer',
      grid: ids.T1.documentId,
    })
  ).token;
  tokens.department = (
    await county.adminUser('department', 'minyi-department-officer', {
      role: 'liaison',
      department: ids.D1.documentId,
    })
  ).token;
  tokens.nobody = (await county.adminUser('nobody', 'minyi-township-officer', null)).token;
}, 240000);

afterAll(async () => {
  await app?.stop();
});

const pct = (value: number | null) =>
  value === null ? '—' : `${(Math.round(value * 10000) / 100).toFixed(2)}%`;

it('for a month, the headline figures equal GET /api/stats and the monthly report', async () => {
  const dashboard = (
    await request(app.server)
      .get('/minyi/dashboard?period=2026-10')
      .set(auth(tokens.coordinator))
      .expect(200)
  ).body.data;
  const stats = (await request(app.server).get('/api/stats?period=2026-10').expect(200)).body.data;
  const run = await minyiService(app.strapi, 'reports').monthly(
    '2026-10',
    at('2026-11-01T10:00:00')
  );
  const monthly = await app.strapi.db.query('api::notice.notice').findOne({
    where: { kind: 'monthly', period: '2026-10' },
  });
  expect(run.notices.length).toBeGreaterThan(0);

  // 10 received in October (of 14 seeded: one refused, three outside October), 6 handled.
  expect(dashboard.current).toMatchObject({ received: 10, handled: 6, escalated: 2 });
  expect(dashboard.current.received).toBe(stats.county.received);
  expect(dashboard.current.handled).toBe(stats.county.handled);
  expect(pct(dashboard.current.resolutionRate)).toBe(stats.county.resolutionRateText);
  expect(pct(dashboard.current.satisfactionRate)).toBe(stats.county.satisfactionRateText);
  expect(monthly.metrics.paragraphs[0]).toBe(
    `全县共受理民意事项 ${dashboard.current.received} 件,办结 ${dashboard.current.handled} 件,` +
      `民意解决率 ${pct(dashboard.current.resolutionRate)},按期办结率 ${pct(dashboard.current.onTimeRate)},` +
      `群众满意率 ${pct(dashboard.current.satisfactionRate)}。`
  );

  // By township: the same counts and rates as /api/stats and the report's township table.
  const townshipTable = monthly.metrics.tables.find(
    (t: { name: string }) => t.name === '乡镇办理情况'
  );
  for (const row of dashboard.townships) {
    const statsRow = stats.townships.find((t: { code: string }) => t.code === row.code);
    expect([row.received, row.handled, pct(row.resolutionRate)]).toEqual([
      statsRow.received,
      statsRow.handled,
      statsRow.resolutionRateText,
    ]);
    const reportRow = townshipTable.rows.find((r: string[]) => r[1] === row.name);
    expect([
      reportRow[0],
      reportRow[2],
      reportRow[3],
      reportRow[4],
      reportRow[5],
      reportRow[7],
    ]).toEqual([
      row.rank === null ? '不排名(样本不足)' : String(row.rank),
      String(row.received),
      String(row.handled),
      pct(row.resolutionRate),
      pct(row.onTimeRate),
      pct(row.satisfactionRate),
    ]);
  }
  const departmentTable = monthly.metrics.tables.find(
    (t: { name: string }) => t.name === '部门办理情况'
  );
  for (const row of dashboard.departments) {
    const reportRow = departmentTable.rows.find((r: string[]) => r[1] === row.name);
    expect([reportRow[2], reportRow[3], reportRow[4]]).toEqual([
      String(row.received),
      String(row.handled),
      pct(row.resolutionRate),
    ]);
  }

  // The previous month, the trend (from the day cells) and the breakdowns.
  expect(dashboard.previous).toMatchObject({ received: 2, handled: 2 });
  expect(dashboard.trend).toHaveLength(12);
  expect(dashboard.trend.at(-1)).toMatchObject({ month: '2026-10', received: 10, handled: 6 });
  expect(dashboard.trend.at(-2)).toMatchObject({ month: '2026-09', received: 2, handled: 2 });
  expect(dashboard.channels[0]).toMatchObject({ key: 'website', label: '政府网站' });
  expect(dashboard.channels.find((c: { key: string }) => c.key === 'mayor-hotline')).toMatchObject({
    received: 2,
    handled: 2,
  });
  expect(dashboard.categories[0]).toMatchObject({ key: 'water', label: '供水', received: 3 });
  expect(dashboard.scope).toEqual({ kind: 'county' });
});

it("a township officer's dashboard counts their township only", async () => {
  const township = (
    await request(app.server)
      .get('/minyi/dashboard?period=2026-10')
      .set(auth(tokens.township))
      .expect(200)
  ).body.data;
  const stats = (await request(app.server).get('/api/stats?period=2026-10&township=T1').expect(200))
    .body.data;
  expect(township.scope).toEqual({ kind: 'township', code: 'T1', name: '网格T1' });
  expect(township.current).toMatchObject({ received: 6, handled: 4, escalated: 2 });
  expect(township.current.received).toBe(stats.townships[0].received);
  expect(pct(township.current.onTimeRate)).toBe('75.00%');
  expect(township.townships.map((t: { code: string }) => t.code)).toEqual(['T1']);
  expect(township.trend.at(-1)).toMatchObject({ received: 6, handled: 4 });
  // Its open, overdue items are T1's only (due three days after receipt: all overdue by now).
  expect(township.overdueItems.every((i: { trackingCode: string }) => i.trackingCode)).toBe(true);
  expect(township.overdueNow).toBe(2);
});

it("a department officer's dashboard counts what the department leads or co-handles", async () => {
  const department = (
    await request(app.server)
      .get('/minyi/dashboard?period=2026-10')
      .set(auth(tokens.department))
      .expect(200)
  ).body.data;
  expect(department.scope).toMatchObject({ kind: 'department', code: 'D1' });
  expect(department.current).toMatchObject({ received: 3, handled: 3 });
  expect(department.trend.at(-1)).toMatchObject({ received: 3, handled: 3 });
});

it('answers a quarter, a year and a custom range; refuses bad queries field by field', async () => {
  const quarter = (
    await request(app.server)
      .get('/minyi/dashboard?period=2026-Q4')
      .set(auth(tokens.super))
      .expect(200)
  ).body.data;
  expect(quarter.current.received).toBe(11);
  expect(quarter.period.previousKey).toBe('2026-Q3');
  const range = (
    await request(app.server)
      .get('/minyi/dashboard?from=2026-10-01&to=2026-10-05')
      .set(auth(tokens.super))
      .expect(200)
  ).body.data;
  expect(range.current.received).toBe(5);
  expect(range.period.previousKey).toBe('2026-09-26~2026-09-30');
  expect(range.previous.received).toBe(1);

  const bad = await request(app.server)
    .get('/minyi/dashboard?period=2026-13&sort=x')
    .set(auth(tokens.super))
    .expect(400);
  expect(bad.body.error.details.errors.map((e: { field: string }) => e.field)).toEqual(['sort']);
  const noMonth = await request(app.server)
    .get('/minyi/dashboard?period=2026-13')
    .set(auth(tokens.super))
    .expect(400);
  expect(noMonth.body.error.details.errors[0].field).toBe('period');
  const reversed = await request(app.server)
    .get('/minyi/dashboard?from=2026-10-05&to=2026-10-01')
    .set(auth(tokens.super))
    .expect(400);
  expect(reversed.body.error.details.errors[0].field).toBe('to');
  await request(app.server).get('/minyi/dashboard').set(auth(tokens.nobody)).expect(403);
  await request(app.server).get('/minyi/dashboard').expect(401);
});

it('gives the home page widgets their unit figures', async () => {
  const home = (
    await request(app.server).get('/minyi/dashboard/home').set(auth(tokens.township)).expect(200)
  ).body.data;
  expect(home.scope).toMatchObject({ kind: 'township', code: 'T1' });
  expect(home.open).toBe(2);
  expect(home.overdue).toBe(2);
});
