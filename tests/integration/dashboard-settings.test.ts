import request from 'supertest';
import { at, seedDashboardCounty } from '../helpers/dashboard-county';
import { startWorker } from '../helpers/worker';
import { parseDashboardQuery } from '../../plugins/minyi/server/src/domain/dashboard-query';
import { ITEM_CHANNELS } from '../../plugins/minyi/server/src/domain/partner-channel';
import { minyiService } from '../../plugins/minyi/server/src/plugin';
import { startApp, TEST_ADMIN, type TestApp } from '../helpers/strapi';

/**
 * The dashboard and the settings, with its answers kept (MINYI_STATS_CACHE_SECONDS 300, as in
 * production): the holiday-calendar warning from 1 November when next year has no arrangement,
 * carried in the dashboard's own answer (a township officer may not read the settings); a
 * settings change drops the kept answers on this instance and on a second one; 收集渠道 lists
 * every channel.
 */
let app: TestApp;
let superToken: string;
let townshipToken: string;
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/** 2027's arrangement for the test (not the official one). */
const ARRANGEMENT_2027 = {
  source: '测试用安排(非官方)',
  off: ['2027-02-06/2027-02-12'],
  work: ['2027-01-30', '2027-02-20'],
};

beforeAll(async () => {
  app = await startApp({
    MINYI_METRICS_MIN_SAMPLE: '3',
    MINYI_STATS_CACHE_SECONDS: '300',
    MINYI_SETTINGS_POLL_MS: '60000',
  });
  const county = await seedDashboardCounty(app);
  superToken = (await request(app.server).post('/admin/login').send(TEST_ADMIN).expect(200)).body
    .data.token;
  townshipToken = (
    await county.adminUser('township', 'minyi-township-officer', {
      role: 'township-officer',
      grid: county.ids.T1.documentId,
    })
  ).token;
}, 240000);

afterAll(async () => {
  await app?.stop();
});

const october = (now: Date) => {
  const parsed = parseDashboardQuery({ period: '2026-10' }, now, 'Asia/Shanghai');
  if (!parsed.ok) throw new Error('2026-10 should parse');
  return parsed.value;
};

describe('the holiday-calendar warning', () => {
  const statusAt = async (now: Date) =>
    (await minyiService(app.strapi, 'dashboard').data(october(now), { kind: 'county' }, now))
      .calendarStatus;

  it('warns from 1 November while next year has no arrangement, and not once it is entered', async () => {
    await request(app.server).delete('/minyi/settings/calendar').set(auth(superToken)).expect(200);
    // 31 October 23:59 in Shanghai (already 1 November in no zone that matters here): no warning yet.
    expect(await statusAt(at('2026-10-31T23:59:00'))).toMatchObject({
      year: 2026,
      nextYear: 2027,
      nextYearHasArrangement: false,
      warn: false,
    });
    // From 1 November 00:00 in Shanghai (still 31 October 16:00 UTC): the warning.
    expect(await statusAt(at('2026-11-01T00:00:00'))).toMatchObject({
      nextYear: 2027,
      nextYearHasArrangement: false,
      warn: true,
    });
    expect(await statusAt(at('2026-12-03T10:00:00'))).toMatchObject({ warn: true });

    await request(app.server)
      .put('/minyi/settings/calendar')
      .set(auth(superToken))
      .send({ years: { '2027': ARRANGEMENT_2027 } })
      .expect(200);
    // The same period and scope, its figures kept: the status is of this answer, not of the kept one.
    expect(await statusAt(at('2026-12-03T10:00:00'))).toMatchObject({
      nextYearHasArrangement: true,
      warn: false,
    });
    await request(app.server).delete('/minyi/settings/calendar').set(auth(superToken)).expect(200);
  });

  it("is in a township officer's dashboard, who may not read the settings", async () => {
    await request(app.server).get('/minyi/settings').set(auth(townshipToken)).expect(403);
    const data = (
      await request(app.server)
        .get('/minyi/dashboard?period=2026-10')
        .set(auth(townshipToken))
        .expect(200)
    ).body.data;
    expect(data.calendarStatus).toEqual(minyiService(app.strapi, 'settings').calendarStatus());
    expect(data.timeZone).toBe('Asia/Shanghai');
  });
});

describe('a settings change drops the kept dashboard answers', () => {
  const ranks = (data: { townships: Array<{ code: string; rank: number | null }> }) =>
    Object.fromEntries(data.townships.map((t) => [t.code, t.rank]));
  const county = async () =>
    (
      await request(app.server)
        .get('/minyi/dashboard?period=2026-10')
        .set(auth(superToken))
        .expect(200)
    ).body.data;

  it('uses a new minimum sample at once, here and on a second instance', async () => {
    const period = october(new Date());
    const worker = startWorker<{
      applied: number;
      before: { minSample: number; ranks: Record<string, number | null> };
      after: { minSample: number; ranks: Record<string, number | null> };
    }>('dashboard-cache-worker.js', {
      MINYI_SETTINGS_POLL_MS: '300',
      DASHBOARD_PERIOD: JSON.stringify(period),
      WANT_MIN_SAMPLE: '7',
    });
    await worker.ready;
    // Kept here: T1 (6 items) and T2 (3) both reach the minimum sample of 3 and are ranked.
    const before = await county();
    expect(before.minSample).toBe(3);
    expect(ranks(before)).toEqual({ T1: 1, T2: 2 });

    await request(app.server)
      .put('/minyi/settings/metrics')
      .set(auth(superToken))
      .send({
        minSample: 7,
        thresholds: { resolutionRate: 90, satisfactionRate: 90, spotCheckPassRate: 80 },
      })
      .expect(200);
    // The next answer here: neither township reaches 7, both listed without a rank.
    const after = await county();
    expect(after.minSample).toBe(7);
    expect(ranks(after)).toEqual({ T1: null, T2: null });

    worker.go(new Date());
    const seen = await worker.result;
    expect(seen.before).toEqual({ minSample: 3, ranks: { T1: 1, T2: 2 } });
    expect(seen.applied).toBe(7);
    expect(seen.after).toEqual({ minSample: 7, ranks: { T1: null, T2: null } });
    await request(app.server).delete('/minyi/settings/metrics').set(auth(superToken)).expect(200);
  }, 120000);
});

it('收集渠道 lists every channel, those without items in the period with zeros', async () => {
  const data = (
    await request(app.server)
      .get('/minyi/dashboard?period=2026-10')
      .set(auth(superToken))
      .expect(200)
  ).body.data as {
    channels: Array<{ key: string; label: string; received: number; handled: number }>;
  };
  expect(data.channels.map((c) => c.key).sort()).toEqual([...ITEM_CHANNELS].sort());
  // Received first, then by key: the seeded website and hotline items ahead of the empty channels.
  const order = [...data.channels].sort(
    (a, b) => b.received - a.received || a.key.localeCompare(b.key)
  );
  expect(data.channels).toEqual(order);
  expect(data.channels[0]).toMatchObject({ key: 'website', label: '政府网站' });
  expect(data.channels.find((c) => c.key === 'cppcc-cloud')).toEqual({
    key: 'cppcc-cloud',
    label: '政协云(便民车)',
    received: 0,
    handled: 0,
  });
  expect(data.channels.filter((c) => c.received === 0).length).toBeGreaterThan(0);
});
