import request from 'supertest';
import { startApp, TEST_ADMIN, type TestApp } from '../helpers/strapi';
import { startWorker } from '../helpers/worker';
import { minyiConfig, minyiService } from '../../plugins/minyi/server/src/plugin';
import { fixtureDocuments } from '../helpers/fixtures';
import { DEMO_PASSWORD, ensureDemoLogins } from '../../src/seed/demo-logins';

/**
 * The settings routes on the real app: bad values answer 400 field by field and store nothing;
 * good ones are stored, logged (who, when, old, new) and applied — a category's time limit and an
 * entered year's holiday arrangement change the due time of the next item — and a second
 * instance on the same database applies a change without a restart.
 */
let app: TestApp;
let superToken: string;
let auditorToken: string;
let categoryId: string;

/** 2027's arrangement for the test: a 7-day Spring Festival and two 调休 Saturdays. */
const ARRANGEMENT_2027 = {
  source: '测试用安排(非官方)',
  off: ['2027-02-06/2027-02-12'],
  work: ['2027-01-30', '2027-02-20'],
};

/** Monday 1 February 2027, 09:00 in Shanghai. */
const FEB_1_2027 = new Date('2027-02-01T09:00:00+08:00');

beforeAll(async () => {
  app = await startApp({ MINYI_SETTINGS_POLL_MS: '60000' });
  superToken = (await request(app.server).post('/admin/login').send(TEST_ADMIN).expect(200)).body
    .data.token;
  const auditorRole = await app.strapi.service('admin::role').findOne({ code: 'minyi-auditor' });
  await app.strapi.service('admin::user').create({
    email: 'auditor@test.local',
    firstname: '审计',
    lastname: '员',
    password: 'Auditor-2026-x',
    isActive: true,
    roles: [auditorRole.id],
  });
  auditorToken = (
    await request(app.server)
      .post('/admin/login')
      .send({ email: 'auditor@test.local', password: 'Auditor-2026-x' })
      .expect(200)
  ).body.data.token;

  const docs = fixtureDocuments(app.strapi);
  const county = await docs('api::grid.grid').create({
    data: { name: '安乡县', code: 'C', level: 'county' },
  });
  const township = await docs('api::grid.grid').create({
    data: { name: '深柳镇', code: 'T', level: 'township', parent: county.documentId },
  });
  await docs('api::grid.grid').create({
    data: { name: '一网格', code: 'G', level: 'grid', parent: township.documentId },
  });
  const category = await docs('api::category.category').create({
    data: {
      name: '村镇道路',
      code: 'ROAD',
      defaultLevel: 'township',
      gridDays: 3,
      townshipDays: 5,
      countyDays: 10,
      warningOffsetHours: 8,
    },
  });
  categoryId = category.documentId;
});

afterAll(async () => {
  await app?.stop();
});

const as = (token: string) => ({
  get: (url: string) => request(app.server).get(url).set('Authorization', `Bearer ${token}`),
  put: (url: string, body: object) =>
    request(app.server).put(url).set('Authorization', `Bearer ${token}`).send(body),
});

async function storedRows() {
  const knex = app.strapi.db.connection;
  return {
    settings: await knex('minyi_settings').orderBy('id').select('section', 'value', 'revision'),
    changes: Number((await knex('minyi_settings_changes').count({ n: '*' }))[0].n),
    category: await knex('categories')
      .where({ document_id: categoryId })
      .first('grid_days', 'township_days', 'county_days', 'urgent_hours', 'warning_offset_hours'),
  };
}

/** A resident's item submitted through the public submission service at `now`. */
async function submitAt(now: Date) {
  return minyiService(app.strapi, 'public-submission').submit(
    { title: '路面塌陷', content: '村道有坑', grid: 'G', category: 'ROAD' },
    { channel: 'website', actorLabel: '群众' },
    now
  );
}

const shanghaiDate = (iso: string) =>
  new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);

describe('reading', () => {
  it('shows the environment defaults, the built-in years and the calendar status', async () => {
    const res = await as(superToken).get('/minyi/settings').expect(200);
    const overview = res.body.data;
    expect(overview.stored).toEqual([]);
    expect(overview.effective.metrics.minSample).toBe(10);
    expect(overview.effective.spotCheck).toEqual({ percent: 10, min: 2, max: 20 });
    expect(overview.effective.jobs.timezone).toBe('Asia/Shanghai');
    expect(Object.keys(overview.builtInCalendar)).toEqual(['2025', '2026']);
    expect(overview.jobNames).toContain('escalation');
    const status = await as(superToken).get('/minyi/settings/calendar-status').expect(200);
    expect(status.body.data).toMatchObject({ builtInYears: [2025, 2026], enteredYears: [] });
    expect(typeof status.body.data.warn).toBe('boolean');
  });

  it('lets the auditor read and refuses their changes', async () => {
    await as(auditorToken).get('/minyi/settings').expect(200);
    await as(auditorToken).get('/minyi/settings/changes').expect(200);
    const before = await storedRows();
    await as(auditorToken).put('/minyi/settings/metrics', { minSample: 5 }).expect(403);
    await as(auditorToken)
      .put(`/minyi/settings/categories/${categoryId}`, {
        gridDays: 1,
        townshipDays: 1,
        countyDays: 1,
        urgentHours: null,
        warningOffsetHours: 0,
      })
      .expect(403);
    expect(await storedRows()).toEqual(before);
  });

  it('refuses anyone not logged in', async () => {
    await request(app.server).get('/minyi/settings').expect(401);
  });
});

describe('bad values', () => {
  it('answers 400 naming each wrong field in Chinese and English, and stores nothing', async () => {
    const before = await storedRows();
    const metrics = await as(superToken)
      .put('/minyi/settings/metrics', {
        minSample: 0,
        thresholds: { resolutionRate: 120, satisfactionRate: 'high', spotCheckPassRate: 80 },
        extra: true,
      })
      .expect(400);
    const problems = metrics.body.error.details.errors as Array<{
      path: string[];
      message: string;
      messageZh: string;
    }>;
    expect(problems.map((p) => p.path.join('.')).sort()).toEqual(
      ['', 'minSample', 'thresholds.resolutionRate', 'thresholds.satisfactionRate'].sort()
    );
    const minSample = problems.find((p) => p.path.join('.') === 'minSample');
    expect(minSample?.messageZh).toContain('最小样本量');
    expect(minSample?.message).toContain('minSample');

    const spot = await as(superToken)
      .put('/minyi/settings/spotCheck', { percent: 0, min: 30, max: 20 })
      .expect(400);
    expect(spot.body.error.details.errors.map((p: { path: string[] }) => p.path[0]).sort()).toEqual(
      ['min', 'percent']
    );

    const jobs = await as(superToken)
      .put('/minyi/settings/jobs', {
        timezone: 'Mars/Olympus',
        schedules: { escalation: 'every minute', nosuchjob: '* * * * *' },
      })
      .expect(400);
    expect(
      jobs.body.error.details.errors.map((p: { path: string[] }) => p.path.join('.')).sort()
    ).toEqual(['schedules.escalation', 'schedules.nosuchjob', 'timezone']);

    const mail = await as(superToken)
      .put('/minyi/settings/notifications', { reportRecipients: ['ok@example.gov.cn', 'nope'] })
      .expect(400);
    expect(mail.body.error.details.errors[0].path).toEqual(['reportRecipients', 1]);

    const calendar = await as(superToken)
      .put('/minyi/settings/calendar', {
        years: {
          '2026': { off: ['2026-03-02'], work: [] },
          '2027': { off: ['2027-02-30', '2027-10-01/2027-09-01'], work: ['2027-02-08'] },
        },
      })
      .expect(400);
    const calendarProblems = calendar.body.error.details.errors as Array<{
      path: string[];
      messageZh: string;
    }>;
    expect(calendarProblems.find((p) => p.path.join('.') === 'years.2026')?.messageZh).toContain(
      '已内置'
    );
    expect(
      calendarProblems
        .map((p) => p.path.join('.'))
        .filter((at) => at.startsWith('years.2027'))
        .sort()
    ).toEqual(['years.2027.off.0', 'years.2027.off.1', 'years.2027.work.0']);
    expect(
      calendarProblems.find((p) => p.path.join('.') === 'years.2027.work.0')?.messageZh
    ).toContain('本来就是工作日');

    const category = await as(superToken)
      .put(`/minyi/settings/categories/${categoryId}`, {
        gridDays: 0,
        townshipDays: 2.5,
        countyDays: 10,
        urgentHours: 100,
        warningOffsetHours: 8,
      })
      .expect(400);
    expect(
      category.body.error.details.errors.map((p: { path: string[] }) => p.path[0]).sort()
    ).toEqual(['gridDays', 'townshipDays', 'urgentHours']);

    await as(superToken).put('/minyi/settings/nosuchsection', {}).expect(404);
    expect(await storedRows()).toEqual(before);
  });
});

describe('changes', () => {
  it('stores a section, logs who changed what from what to what, and applies it', async () => {
    const res = await as(superToken)
      .put('/minyi/settings/metrics', {
        minSample: 5,
        thresholds: { resolutionRate: 85, satisfactionRate: 90, spotCheckPassRate: 80 },
      })
      .expect(200);
    expect(res.body.data.stored).toEqual(['metrics']);
    expect(res.body.data.effective.metrics.minSample).toBe(5);
    expect(minyiConfig(app.strapi).audit).toMatchObject({
      minSample: 5,
      thresholds: { resolutionRate: 85 },
    });
    const log = await as(auditorToken).get('/minyi/settings/changes').expect(200);
    expect(log.body.data.total).toBe(1);
    expect(log.body.data.results[0]).toMatchObject({
      section: 'metrics',
      oldValue: { minSample: 10, thresholds: { resolutionRate: 90 } },
      newValue: { minSample: 5, thresholds: { resolutionRate: 85 } },
      changedBy: { email: TEST_ADMIN.email },
    });
    expect(Date.now() - new Date(log.body.data.results[0].changedAt).getTime()).toBeLessThan(
      60_000
    );
  });

  it("follows a category's township time limit for the next item, without a restart", async () => {
    const before = await submitAt(FEB_1_2027);
    expect(before.level).toBe('township');
    // Five working days from Monday 1 February 2027 (no 2027 arrangement yet): Monday 8 February.
    expect(shanghaiDate(before.dueAt)).toBe('2027-02-08');

    await as(superToken)
      .put(`/minyi/settings/categories/${categoryId}`, {
        gridDays: 3,
        townshipDays: 2,
        countyDays: 10,
        urgentHours: null,
        warningOffsetHours: 4,
      })
      .expect(200);
    const after = await submitAt(FEB_1_2027);
    expect(shanghaiDate(after.dueAt)).toBe('2027-02-03');

    const row = await as(superToken).get('/minyi/settings/categories').expect(200);
    expect(row.body.data.find((c: { code: string }) => c.code === 'ROAD')).toMatchObject({
      townshipDays: 2,
      warningOffsetHours: 4,
    });
    const log = await as(superToken).get('/minyi/settings/changes?section=category').expect(200);
    expect(log.body.data.results[0]).toMatchObject({
      target: categoryId,
      targetLabel: '村镇道路 (ROAD)',
      oldValue: { townshipDays: 5, warningOffsetHours: 8 },
      newValue: { townshipDays: 2, warningOffsetHours: 4 },
    });
    // Back to five for the calendar test below.
    await as(superToken)
      .put(`/minyi/settings/categories/${categoryId}`, {
        gridDays: 3,
        townshipDays: 5,
        countyDays: 10,
        urgentHours: null,
        warningOffsetHours: 8,
      })
      .expect(200);
  });

  it("moves the due time of an item spanning 2027's entered Spring Festival", async () => {
    expect(shanghaiDate((await submitAt(FEB_1_2027)).dueAt)).toBe('2027-02-08');
    const res = await as(superToken)
      .put('/minyi/settings/calendar', { years: { '2027': ARRANGEMENT_2027 } })
      .expect(200);
    expect(res.body.data.calendarStatus).toMatchObject({
      enteredYears: [2027],
      arrangedYears: [2025, 2026, 2027],
    });
    // Feb 2–5 are working days, Feb 6–12 the holiday, Feb 13–14 a weekend: the fifth is Monday the 15th.
    expect(shanghaiDate((await submitAt(FEB_1_2027)).dueAt)).toBe('2027-02-15');
    // An item from Friday 19 February counts Saturday 20th, a 调休 working day: due Thursday 25th.
    expect(shanghaiDate((await submitAt(new Date('2027-02-19T09:00:00+08:00'))).dueAt)).toBe(
      '2027-02-25'
    );
    const status = await as(superToken).get('/minyi/settings/calendar-status').expect(200);
    expect(status.body.data.enteredYears).toEqual([2027]);
  });

  it('goes back to the default when a stored section is removed (logged too)', async () => {
    const res = await request(app.server)
      .delete('/minyi/settings/metrics')
      .set('Authorization', `Bearer ${superToken}`)
      .expect(200);
    expect(res.body.data.stored).toEqual(['calendar']);
    expect(res.body.data.effective.metrics.minSample).toBe(10);
    const log = await as(superToken).get('/minyi/settings/changes?section=metrics').expect(200);
    expect(log.body.data.results[0]).toMatchObject({
      oldValue: { minSample: 5 },
      newValue: { minSample: 10 },
    });
  });

  it('keeps the change log append-only', async () => {
    await expect(
      app.strapi.db.query('plugin::minyi.settings-change').deleteMany({ where: {} })
    ).rejects.toThrow(/append-only/);
  });
});

describe('a second instance on the same database', () => {
  it('applies a change made here without a restart', async () => {
    // Start from no 2027 arrangement, so the second instance boots without it.
    await request(app.server)
      .delete('/minyi/settings/calendar')
      .set('Authorization', `Bearer ${superToken}`)
      .expect(200);
    const worker = startWorker<{
      revisionAtBoot: number;
      revision: number;
      waitedMs: number;
      arrangedYears: number[];
      working20270208: boolean;
      working20270220: boolean;
      minSample: number;
      escalationSchedule: string;
      dueAt: string;
    }>('settings-worker.js', { MINYI_SETTINGS_POLL_MS: '300' });
    await worker.ready;

    await as(superToken)
      .put('/minyi/settings/metrics', {
        minSample: 7,
        thresholds: { resolutionRate: 90, satisfactionRate: 90, spotCheckPassRate: 80 },
      })
      .expect(200);
    await as(superToken)
      .put('/minyi/settings/jobs', {
        timezone: 'Asia/Shanghai',
        schedules: { escalation: '*/10 * * * *' },
      })
      .expect(200);
    await as(superToken)
      .put('/minyi/settings/calendar', { years: { '2027': ARRANGEMENT_2027 } })
      .expect(200);
    worker.go(FEB_1_2027);
    const seen = await worker.result;

    expect(seen.revision).toBeGreaterThan(seen.revisionAtBoot);
    expect(seen.arrangedYears).toEqual([2025, 2026, 2027]);
    expect(seen.working20270208).toBe(false);
    expect(seen.working20270220).toBe(true);
    expect(seen.minSample).toBe(7);
    expect(seen.escalationSchedule).toBe('*/10 * * * *');
    expect(shanghaiDate(seen.dueAt)).toBe('2027-02-15');
  });
});

describe('the demo roles', () => {
  // The demo logins as the demo seed makes them (src/seed/demo-logins.ts, password Minyi-Demo-2026),
  // linked to a coordinator and a township officer of this file's small county.
  const login = async (email: string) =>
    (
      await request(app.server)
        .post('/admin/login')
        .send({ email, password: DEMO_PASSWORD })
        .expect(200)
    ).body.data.token as string;
  const SPOT_CHECK = { percent: 15, min: 3, max: 12, strata: ['township'] };

  beforeAll(async () => {
    const docs = fixtureDocuments(app.strapi);
    const [county] = await docs('api::grid.grid').findMany({ filters: { code: 'C' } });
    const [township] = await docs('api::grid.grid').findMany({ filters: { code: 'T' } });
    await docs('api::staff.staff').create({
      data: { name: '李协调', role: 'county-coordinator', active: true, grid: county.documentId },
    });
    await docs('api::staff.staff').create({
      data: { name: '王乡干', role: 'township-officer', active: true, grid: township.documentId },
    });
    expect(await ensureDemoLogins(app.strapi)).toEqual(
      expect.arrayContaining([
        'coordinator@minyi.local',
        'township@minyi.local',
        'auditor@minyi.local',
      ])
    );
  });

  it('lets the coordinator change a setting, logged with their name', async () => {
    const coordinator = await login('coordinator@minyi.local');
    const res = await as(coordinator).put('/minyi/settings/spotCheck', SPOT_CHECK).expect(200);
    expect(res.body.data.effective.spotCheck).toEqual(SPOT_CHECK);
    expect(minyiConfig(app.strapi).audit.sampling).toMatchObject({ percent: 15, min: 3, max: 12 });
    const log = await as(coordinator).get('/minyi/settings/changes?section=spotCheck').expect(200);
    expect(log.body.data.results[0]).toMatchObject({
      section: 'spotCheck',
      oldValue: { percent: 10, min: 2, max: 20 },
      newValue: SPOT_CHECK,
      changedBy: { email: 'coordinator@minyi.local', name: expect.stringContaining('李协调') },
    });
  });

  it('refuses the township officer and the auditor with 403, storing nothing', async () => {
    const before = await storedRows();
    for (const email of ['township@minyi.local', 'auditor@minyi.local']) {
      await as(await login(email))
        .put('/minyi/settings/spotCheck', { ...SPOT_CHECK, percent: 50 })
        .expect(403);
    }
    expect(await storedRows()).toEqual(before);
  });
});
