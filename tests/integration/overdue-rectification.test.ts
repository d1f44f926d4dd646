import request from 'supertest';
import { at, seedDashboardCounty, type DashboardCounty } from '../helpers/dashboard-county';
import { fixtureDocuments } from '../helpers/fixtures';
import { minyiService } from '../../plugins/minyi/server/src/plugin';
import type { NoticeState } from '../../plugins/minyi/server/src/domain/notice-review';
import { startApp, TEST_ADMIN, type TestApp } from '../helpers/strapi';

/**
 * An overdue rectification (整改逾期): a rectification notice past its rectify-by date and not
 * rectified shows in the dashboard's overdue-rectification list — the county's, and the addressed
 * township's, not another township's — and is named in the next monthly bulletin, which the
 * spot-check job's sample leads to once every sampled item has its callback. A notice still within
 * its date, and one past it but accepted, are in neither.
 */
let app: TestApp;
let county: DashboardCounty;
const tokens: Record<string, string> = {};
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const docs = () => fixtureDocuments(app.strapi);

const notices: Record<string, { documentId: string }> = {};

async function rectification(key: string, township: string, rectifyBy: string, state: NoticeState) {
  notices[key] = await docs()('api::notice.notice').create({
    data: {
      kind: 'rectification',
      title: `关于${key}的整改通知书`,
      body: '请按期整改。',
      period: '2026-09',
      state,
      issuedAt: at('2026-10-09T10:00:00'),
      rectifyBy,
      targetGrids: [county.ids[township].documentId],
    },
  });
}

beforeAll(async () => {
  app = await startApp({ MINYI_METRICS_MIN_SAMPLE: '3', MINYI_STATS_CACHE_SECONDS: '0' });
  county = await seedDashboardCounty(app);
  const { ids } = county;
  tokens.super = (
    await request(app.server).post('/admin/login').send(TEST_ADMIN).expect(200)
  ).body.data.token;
  tokens.coordinator = (
    await county.adminUser('coordinator', 'minyi-county-coordinator', {
      role: 'county-coordinator',
      grid: ids.C.documentId,
    })
  ).token;
  tokens.t1 = (
    await county.adminUser('t1officer', 'minyi-township-officer', {
      role: 'township-officer',
      grid: ids.T1.documentId,
    })
  ).token;
  tokens.t2 = (
    await county.adminUser('t2officer', 'minyi-township-officer', {
      role: 'township-officer',
      grid: ids.T2.documentId,
    })
  ).token;
  // Overdue: signed for (已签收) on 9 October, due by 13 November, no report.
  await rectification('网格T1路灯', 'T1', '2026-11-13', 'acknowledged');
  // Not overdue: within its date (far ahead, so the test stays true), and one accepted in time.
  await rectification('网格T2供水', 'T2', '2099-12-31', 'issued');
  await rectification('网格T2路灯', 'T2', '2026-11-13', 'accepted');
}, 240000);

afterAll(async () => {
  await app?.stop();
});

const overdueOf = async (token: string) =>
  (
    (await request(app.server).get('/minyi/dashboard?period=2026-10').set(auth(token)).expect(200))
      .body.data.overdueRectifications as Array<{
      documentId: string;
      title: string;
      rectifyBy: string;
      state: string;
    }>
  ).map((n) => [n.title, n.rectifyBy, n.state]);

it("shows on the county's dashboard and the addressed township's, not another township's", async () => {
  const expected = [['关于网格T1路灯的整改通知书', '2026-11-13', 'acknowledged']];
  expect(await overdueOf(tokens.coordinator)).toEqual(expected);
  expect(await overdueOf(tokens.t1)).toEqual(expected);
  expect(await overdueOf(tokens.t2)).toEqual([]);
});

it('is named in the next monthly bulletin, in its text and its table', async () => {
  // The monthly spot-check job draws October's sample on 1 November …
  const run = await minyiService(app.strapi, 'jobs').run('spot-check', {
    now: at('2026-11-01T09:00:00'),
  });
  expect(run.outcome).toBe('succeeded');
  const spotCheck = await app.strapi.db
    .query('api::spot-check.spot-check')
    .findOne({ where: { period: '2026-10' } });
  const sample = spotCheck.sample as Array<{ documentId: string }>;
  expect(sample.length).toBeGreaterThan(0);
  expect(
    await app.strapi.db.query('api::notice.notice').count({ where: { kind: 'bulletin' } })
  ).toBe(0);

  // … and the review completes with the last callback, drafting the bulletin.
  let completed = false;
  for (const entry of sample) {
    const response = await request(app.server)
      .post(`/minyi/spot-checks/${spotCheck.documentId}/items/${entry.documentId}/review`)
      .set(auth(tokens.super))
      .send({ data: { solved: true, satisfaction: 'satisfied' } })
      .expect(200);
    completed = response.body.data.completed;
  }
  expect(completed).toBe(true);

  const bulletin = await app.strapi.db
    .query('api::notice.notice')
    .findOne({ where: { kind: 'bulletin', period: '2026-10' } });
  expect(bulletin.body).toContain('以下 1 份整改通知书已过整改期限仍未整改到位');
  expect(bulletin.body).toContain('网格T1(限 2026-11-13 前,已签收)');
  expect(bulletin.body).not.toContain('2099-12-31');
  const table = (bulletin.metrics.tables as Array<{ name: string; rows: string[][] }>).find(
    (t) => t.name === '逾期未整改'
  );
  expect(table?.rows).toEqual([['关于网格T1路灯的整改通知书', '网格T1', '2026-11-13', '已签收']]);
});
