import { createTask } from 'node-cron';
import request from 'supertest';
import type { JobsService } from '../../plugins/minyi/server/src/jobs/engine/jobs-service';
import { runJobCli } from '../helpers/cli';
import { startApp, TEST_ADMIN, type TestApp } from '../helpers/strapi';
import { minyiService } from '../../plugins/minyi/server/src/plugin';

let app: TestApp;
let jobs: JobsService;

const RUNS = 'minyi_job_runs';
const LEASES = 'minyi_job_leases';
const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  app = await startApp();
  jobs = minyiService(app.strapi, 'jobs');
});

afterAll(async () => {
  await app?.stop();
});

const knex = () => app.strapi.db.connection;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function adminToken(): Promise<string> {
  const response = await request(app.server).post('/admin/login').send(TEST_ADMIN).expect(200);
  return response.body.data.token as string;
}

async function runRows(
  job: string
): Promise<Array<{ period: string; status: string; holder: string }>> {
  return knex()(RUNS).where({ job }).orderBy('period').select('period', 'status', 'holder');
}

/** Runs scripts/job.js as an operator would, against the test database (its DATABASE_* are in process.env). */
const cli = runJobCli;

describe('job tables', () => {
  it('are the plugin content types, hidden from the content manager, with their own table names', () => {
    // The plugin's content types are not in types/generated until `strapi develop` regenerates it.
    type ContentTypeUid = Parameters<TestApp['strapi']['contentType']>[0];
    for (const uid of [
      'plugin::minyi.job-lease',
      'plugin::minyi.job-run',
    ] as unknown as ContentTypeUid[]) {
      const contentType = app.strapi.contentType(uid);
      expect(contentType.pluginOptions).toEqual({
        'content-manager': { visible: false },
        'content-type-builder': { visible: false },
      });
      expect(contentType.options?.draftAndPublish).toBe(false);
    }
    expect(app.strapi.db.metadata.get('plugin::minyi.job-lease').tableName).toBe(LEASES);
    expect(app.strapi.db.metadata.get('plugin::minyi.job-run').tableName).toBe(RUNS);
  });

  it('have a unique index on job-run (job, period) and on the lease name, created after the schema sync', async () => {
    const row = {
      document_id: 'uniq-test-1',
      job: 'uniq-test',
      period: '2026-12',
      status: 'succeeded',
    };
    await knex()(RUNS).insert(row);
    // Compared as text: the driver's error class may come from another jest realm.
    expect(
      String(
        await knex()(RUNS)
          .insert({ ...row, document_id: 'uniq-test-2' })
          .then(
            () => 'inserted',
            (error: unknown) => error
          )
      )
    ).toMatch(/unique|duplicate/i);
    await knex()(RUNS).where({ job: 'uniq-test' }).del();
    const lease = {
      document_id: 'uniq-lease-1',
      name: 'uniq-test',
      holder: 'x',
      expires_at: new Date(),
    };
    await knex()(LEASES).insert(lease);
    // Compared as text: the driver's error class may come from another jest realm.
    expect(
      String(
        await knex()(LEASES)
          .insert({ ...lease, document_id: 'uniq-lease-2' })
          .then(
            () => 'inserted',
            (error: unknown) => error
          )
      )
    ).toMatch(/unique|duplicate/i);
    await knex()(LEASES).where({ name: 'uniq-test' }).del();
  });
});

describe('lease coordinator (node-cron RunCoordinator on the lease table)', () => {
  it('grants a key to exactly one of two instances until the lease expires, then lets another take it', async () => {
    let t = Date.parse('2026-12-01T01:00:00Z');
    const clock = () => new Date(t);
    const a = jobs.createCoordinator({ holder: 'instance-a', clock });
    const b = jobs.createCoordinator({ holder: 'instance-b', clock });
    const key = 'slot:test:2026-12-01T01:00:00.000Z';

    const answers = await Promise.all([a.shouldRun(key, 30_000), b.shouldRun(key, 30_000)]);
    expect(answers.filter(Boolean)).toHaveLength(1);
    const [winner, loser] = answers[0] ? [a, b] : [b, a];
    expect(await loser.shouldRun(key, 30_000)).toBe(false);
    expect(await winner.shouldRun(key, 30_000)).toBe(false); // not re-entrant: a slot runs once

    t += 29_999;
    expect(await loser.shouldRun(key, 30_000)).toBe(false);
    t += 1; // expired: the lease may be stolen
    expect(await loser.shouldRun(key, 30_000)).toBe(true);
    expect((await a.read(key))?.holder).toBe(loser.holder);
    expect(await winner.renew(key, 30_000)).toBe(false);
    expect(await winner.release(key)).toBe(false);
    expect(await loser.renew(key, 30_000)).toBe(true);

    // Keys are independent.
    expect(await winner.shouldRun('slot:test:2026-12-01T01:05:00.000Z', 30_000)).toBe(true);
  });

  it('lets exactly one of many racing instances win a fresh key', async () => {
    const coordinators = Array.from({ length: 8 }, (_, i) =>
      jobs.createCoordinator({ holder: `racer-${i}` })
    );
    for (let round = 0; round < 5; round++) {
      const key = `slot:race:${round}`;
      const answers = await Promise.all(coordinators.map((c) => c.shouldRun(key, 60_000)));
      expect(answers.filter(Boolean)).toHaveLength(1);
    }
  });

  it('elects one runner per cron slot when two node-cron tasks with the same name share the database', async () => {
    const ran: Array<{ instance: string; slot: string }> = [];
    const tasks = ['instance-1', 'instance-2'].map((instance) =>
      createTask(
        '* * * * * *',
        ({ date }) => {
          ran.push({ instance, slot: date.toISOString() });
        },
        {
          name: 'slot:cron-election-test',
          distributed: true,
          runCoordinator: jobs.createCoordinator({ holder: instance }),
          distributedLease: 5000,
        }
      )
    );
    for (const task of tasks) await task.start();
    await sleep(3200);
    for (const task of tasks) await task.destroy();
    const slots = ran.map((r) => r.slot);
    expect(slots.length).toBeGreaterThanOrEqual(2);
    expect(new Set(slots).size).toBe(slots.length); // no slot ran twice
    const leases = await knex()(LEASES)
      .where('name', 'like', 'slot:cron-election-test:%')
      .select('name', 'holder');
    expect(leases.length).toBeGreaterThanOrEqual(slots.length);
  });
});

describe('job runs', () => {
  let calls = 0;
  let failNext = true;
  let release: () => void = () => {};

  beforeAll(() => {
    jobs.register({
      name: 'test-count',
      schedule: '0 0 1 1 *',
      period: { unit: 'day' },
      async run({ now, period, reportProgress }) {
        calls++;
        reportProgress({ done: 1, total: 2 });
        reportProgress({ done: 2, total: 2 });
        return { calls, now: now.toISOString(), period };
      },
    });
    jobs.register({
      name: 'test-flaky',
      schedule: '0 0 1 1 *',
      period: { unit: 'month' },
      run() {
        if (failNext) {
          failNext = false;
          throw new Error('the mail server is down');
        }
        return { ok: true };
      },
    });
    jobs.register({
      name: 'test-slow',
      schedule: '0 0 1 1 *',
      period: (now) => now.toISOString().slice(0, 10),
      run: () => new Promise((resolve) => (release = () => resolve({ slow: true }))),
    });
  });

  it('runs once per period: the same period again is skipped, and the row records now, progress and summary', async () => {
    const first = await jobs.run('test-count', { now: '2026-12-01T09:00:00+08:00' });
    expect(first).toMatchObject({
      outcome: 'succeeded',
      job: 'test-count',
      period: '2026-12-01',
      now: '2026-12-01T01:00:00.000Z',
    });
    expect(first.outcome === 'succeeded' && first.summary).toEqual({
      calls: 1,
      now: '2026-12-01T01:00:00.000Z',
      period: '2026-12-01',
    });
    expect(first.run).toMatchObject({
      status: 'succeeded',
      now: '2026-12-01T01:00:00.000Z',
      progress: { done: 2, total: 2 },
      summary: { calls: 1 },
      error: null,
      holder: jobs.holder,
    });
    expect(first.run?.finishedAt).toEqual(expect.any(String));

    // Later the same county day (and given as local time without an offset): same period, skipped.
    const again = await jobs.run('test-count', { now: '2026-12-01T23:59' });
    expect(again).toMatchObject({
      outcome: 'skipped',
      reason: 'already-succeeded',
      period: '2026-12-01',
    });
    expect(calls).toBe(1);

    // 00:30 on 2 December in Shanghai is still 1 December in UTC: a new county day.
    expect(await jobs.run('test-count', { now: new Date('2026-12-01T16:30:00Z') })).toMatchObject({
      outcome: 'succeeded',
      period: '2026-12-02',
    });
    expect(calls).toBe(2);
    expect((await runRows('test-count')).map((r) => r.period)).toEqual([
      '2026-12-01',
      '2026-12-02',
    ]);
  });

  it('runs a succeeded period again with force, on the same row', async () => {
    const forced = await jobs.run('test-count', { now: '2026-12-01T10:00:00+08:00', force: true });
    expect(forced).toMatchObject({ outcome: 'succeeded', period: '2026-12-01' });
    expect(forced.outcome === 'succeeded' && forced.summary).toMatchObject({ calls: 3 });
    expect((await runRows('test-count')).filter((r) => r.period === '2026-12-01')).toHaveLength(1);
  });

  it('takes an explicit period, checked against the job period unit', async () => {
    expect(await jobs.run('test-count', { period: '2026-11-15' })).toMatchObject({
      outcome: 'succeeded',
      period: '2026-11-15',
    });
    await expect(jobs.run('test-count', { period: '2026-11' })).rejects.toThrow(
      /not a day period of job test-count/
    );
    await expect(jobs.run('test-count', { period: '2026 11' })).rejects.toThrow(/not a period key/);
  });

  it('records a failure on the row and runs a failed period again', async () => {
    const failed = await jobs.run('test-flaky', { now: '2026-12-01T09:00:00+08:00' });
    expect(failed).toMatchObject({
      outcome: 'failed',
      period: '2026-12',
      error: 'the mail server is down',
    });
    expect(failed.run).toMatchObject({ status: 'failed', error: 'the mail server is down' });
    const retried = await jobs.run('test-flaky', { now: '2026-12-20T09:00:00+08:00' });
    expect(retried).toMatchObject({
      outcome: 'succeeded',
      period: '2026-12',
      summary: { ok: true },
    });
    expect(retried.run).toMatchObject({ status: 'succeeded', error: null });
  });

  it('does not start a job twice while a live run holds its lease, here or on another instance', async () => {
    const slow = jobs.run('test-slow', { now: '2026-12-01T09:00:00+08:00' });
    for (let i = 0; i < 100 && (await runRows('test-slow')).length === 0; i++) await sleep(20);
    expect(await runRows('test-slow')).toEqual([
      expect.objectContaining({ status: 'running', holder: jobs.holder }),
    ]);

    const busy = await jobs.run('test-slow', { now: '2026-12-01T09:00:00+08:00' });
    expect(busy).toMatchObject({
      outcome: 'skipped',
      reason: 'busy',
      lease: { name: 'run:test-slow', holder: jobs.holder },
    });
    // Even forced, and even for another period: one live run per job.
    expect(
      await jobs.run('test-slow', { now: '2026-12-02T09:00:00+08:00', force: true })
    ).toMatchObject({ outcome: 'skipped', reason: 'busy' });

    const listed = (await jobs.describe()).jobs.find((job) => job.name === 'test-slow');
    expect(listed?.lease?.holder).toBe(jobs.holder);
    expect(listed?.lastRun?.status).toBe('running');

    release();
    expect(await slow).toMatchObject({ outcome: 'succeeded', summary: { slow: true } });
    expect(await knex()(LEASES).where({ name: 'run:test-slow' }).first()).toBeUndefined(); // released

    // Another instance's live lease blocks this one …
    const other = jobs.createCoordinator({ holder: 'other-instance' });
    expect(await other.acquire('run:test-count', 60_000)).toBe(true);
    expect(await jobs.run('test-count', { now: '2026-12-03T09:00:00+08:00' })).toMatchObject({
      outcome: 'skipped',
      reason: 'busy',
      lease: { holder: 'other-instance' },
    });
    await other.release('run:test-count');
  });

  it('takes over a period left running by an instance that died (its lease expired)', async () => {
    const crashedAt = Date.now() - 5 * 60_000;
    const crashed = jobs.createCoordinator({
      holder: 'crashed-instance',
      clock: () => new Date(crashedAt),
    });
    expect(await crashed.acquire('run:test-count', 60_000)).toBe(true);
    await knex()(RUNS).insert({
      document_id: 'crashed-run',
      job: 'test-count',
      period: '2026-12-04',
      status: 'running',
      started_at: new Date(crashedAt),
      holder: 'crashed-instance',
    });
    const result = await jobs.run('test-count', { now: '2026-12-04T09:00:00+08:00' });
    expect(result).toMatchObject({
      outcome: 'succeeded',
      run: { status: 'succeeded', holder: jobs.holder },
    });
  });

  it('refuses bad input with a ValidationError', async () => {
    await expect(jobs.run('no-such-job')).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining('job-runs-prune'),
    });
    await expect(jobs.run('test-count', { now: 'next tuesday' })).rejects.toMatchObject({
      name: 'ValidationError',
    });
    expect(() =>
      jobs.register({
        name: 'test-count',
        schedule: '* * * * *',
        period: { unit: 'day' },
        run: () => null,
      })
    ).toThrow(/already registered/);
    expect(() =>
      jobs.register({
        name: 'Bad_Name',
        schedule: '* * * * *',
        period: { unit: 'day' },
        run: () => null,
      })
    ).toThrow(/kebab-case/);
    expect(() =>
      jobs.register({
        name: 'bad-cron',
        schedule: 'every minute',
        period: { unit: 'day' },
        run: () => null,
      })
    ).toThrow(/cron/);
    expect(() =>
      jobs.register({
        name: 'bad-period',
        schedule: '* * * * *',
        period: { unit: 'minute', step: 7 },
        run: () => null,
      })
    ).toThrow(/divide 60/);
  });
});

describe('job-runs-prune', () => {
  it('is registered with its default schedule, daily at 03:30 in the county zone', () => {
    expect(jobs.names()).toContain('job-runs-prune');
  });

  it('deletes job-run rows older than the retention (90 days) except running ones, and expired leases', async () => {
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);
    const rows = [
      { period: 'old-succeeded', status: 'succeeded', started_at: daysAgo(100) },
      { period: 'old-failed', status: 'failed', started_at: daysAgo(90.5) },
      { period: 'old-running', status: 'running', started_at: daysAgo(200) },
      { period: 'recent', status: 'succeeded', started_at: daysAgo(89.5) },
    ];
    await knex()(RUNS).insert(
      rows.map((row, i) => ({ ...row, job: 'prune-fixture', document_id: `prune-fixture-${i}` }))
    );
    const expired = jobs.createCoordinator({ holder: 'gone', clock: () => daysAgo(1) });
    expect(await expired.acquire('slot:prune-fixture:expired', 60_000)).toBe(true);
    const live = jobs.createCoordinator({ holder: 'alive' });
    expect(await live.acquire('slot:prune-fixture:live', 60_000)).toBe(true);

    const result = await jobs.run('job-runs-prune', { now: now.toISOString() });
    expect(result).toMatchObject({ outcome: 'succeeded' });
    expect(result.outcome === 'succeeded' && result.summary).toMatchObject({
      retentionDays: 90,
      cutoff: daysAgo(90).toISOString(),
      deletedRuns: 2,
    });
    expect((await runRows('prune-fixture')).map((r) => r.period)).toEqual([
      'old-running',
      'recent',
    ]);
    expect(
      await knex()(LEASES).where({ name: 'slot:prune-fixture:expired' }).first()
    ).toBeUndefined();
    expect(await knex()(LEASES).where({ name: 'slot:prune-fixture:live' }).first()).toBeDefined();
    // The rows of the other tests (started just now) are untouched.
    expect((await runRows('test-count')).length).toBeGreaterThan(0);
  });
});

describe('admin routes', () => {
  it('refuse anonymous callers', async () => {
    await request(app.server).get('/minyi/jobs').expect(401);
    await request(app.server).post('/minyi/jobs/job-runs-prune/run').send({}).expect(401);
  });

  it('list the registered jobs with their schedules and last runs', async () => {
    const response = await request(app.server)
      .get('/minyi/jobs')
      .set('Authorization', `Bearer ${await adminToken()}`)
      .expect(200);
    const data = response.body.data;
    expect(data).toMatchObject({
      enabled: false,
      started: false,
      timezone: 'Asia/Shanghai',
      holder: jobs.holder,
    });
    const prune = data.jobs.find((job: { name: string }) => job.name === 'job-runs-prune');
    expect(prune).toMatchObject({
      schedule: '30 3 * * *',
      defaultSchedule: '30 3 * * *',
      scheduleEnv: 'MINYI_JOB_JOB_RUNS_PRUNE_CRON',
      timezone: 'Asia/Shanghai',
      scheduled: false,
      lastRun: { job: 'job-runs-prune', status: 'succeeded' },
      lease: null,
    });
    expect(data.jobs.map((job: { name: string }) => job.name)).toEqual(
      expect.arrayContaining(['test-count', 'test-flaky'])
    );
  });

  it('run a job with an explicit now, idempotently per period, and again with force', async () => {
    const token = await adminToken();
    const run = (body: object) =>
      request(app.server)
        .post('/minyi/jobs/test-count/run')
        .set('Authorization', `Bearer ${token}`)
        .send(body)
        .expect(200);
    const first = await run({ now: '2026-12-10T10:00:00+08:00' });
    expect(first.body.data).toMatchObject({
      outcome: 'succeeded',
      period: '2026-12-10',
      run: { status: 'succeeded', now: '2026-12-10T02:00:00.000Z' },
    });
    expect((await run({ now: '2026-12-10T11:00:00+08:00' })).body.data).toMatchObject({
      outcome: 'skipped',
      reason: 'already-succeeded',
    });
    expect((await run({ now: '2026-12-10T11:00:00+08:00', force: true })).body.data).toMatchObject({
      outcome: 'succeeded',
    });
    expect((await run({ period: '2026-12-11' })).body.data).toMatchObject({
      outcome: 'succeeded',
      period: '2026-12-11',
    });
  });

  it('answer bad input with 400 and a clear message', async () => {
    const token = await adminToken();
    const post = (name: string, body: unknown) =>
      request(app.server)
        .post(`/minyi/jobs/${name}/run`)
        .set('Authorization', `Bearer ${token}`)
        .send(body as object);
    const cases: Array<[string, unknown, RegExp]> = [
      ['no-such-job', {}, /unknown job "no-such-job".*job-runs-prune/],
      ['test-count', { now: 'not-a-date' }, /not an ISO 8601 date-time/],
      ['test-count', { now: 1733014800000 }, /now must be an ISO 8601/],
      ['test-count', { period: '2026-13-01' }, /not a day period/],
      ['test-count', { force: 'yes' }, /force must be true or false/],
      ['test-count', { foce: true }, /unknown field "foce"/],
    ];
    for (const [name, body, message] of cases) {
      const response = await post(name, body);
      expect({ name, body, status: response.status }).toEqual({ name, body, status: 400 });
      expect(response.body.error).toMatchObject({
        name: 'ValidationError',
        message: expect.stringMatching(message),
      });
    }
  });
});

describe('scheduling', () => {
  it('runs registered jobs on their cron through the lease coordinator when enabled, and stops cleanly', async () => {
    const config = app.strapi.config;
    config.set('plugin::minyi.jobs.enabled', true);
    let ticks = 0;
    jobs.register({
      name: 'test-tick',
      schedule: '* * * * * *',
      period: (now) => now.toISOString().slice(0, 19),
      run: () => ({ tick: ++ticks }),
    });
    try {
      jobs.start();
      const listed = (await jobs.describe()).jobs.find((job) => job.name === 'test-tick');
      expect(listed).toMatchObject({ scheduled: true, nextRunAt: expect.any(String) });
      await sleep(2600);
    } finally {
      await jobs.stop();
      config.set('plugin::minyi.jobs.enabled', false);
    }
    const rows = await runRows('test-tick');
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.every((row) => row.status === 'succeeded' && row.holder === jobs.holder)).toBe(
      true
    );
    const slots = await knex()(LEASES).where('name', 'like', 'slot:test-tick:%').select('holder');
    expect(slots.length).toBeGreaterThanOrEqual(rows.length);
    expect((await jobs.describe()).jobs.find((job) => job.name === 'test-tick')?.scheduled).toBe(
      false
    );
  });
});

describe('CLI (scripts/job.js)', () => {
  it('runs a job against the same database: its job-run row is visible here', async () => {
    const now = new Date(Date.now() + 3 * DAY); // a day no other test has pruned
    const localDay = new Date(now.getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
    const { code, stdout, stderr } = await cli(['job-runs-prune', '--now', now.toISOString()]);
    expect({ code, stderr }).toMatchObject({ code: 0 });
    expect(stdout).toContain(`job-runs-prune period ${localDay}`);
    expect(stdout).toMatch(/succeeded/);
    expect(stdout).toMatch(/summary: \{/);
    const row = await jobs.findRun('job-runs-prune', localDay);
    expect(row).toMatchObject({ status: 'succeeded', summary: { retentionDays: 90 } });
    expect(row?.holder).not.toBe(jobs.holder);
  });

  it('names the known jobs when asked for an unknown one, and exits 1', async () => {
    const { code, stderr } = await cli(['no-such-job']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/unknown job "no-such-job"\. Known jobs: .*job-runs-prune/);
  });

  it('refuses a bad --now with a clear message', async () => {
    const { code, stderr } = await cli(['job-runs-prune', '--now', 'yesterday']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/now "yesterday" .*is not an ISO 8601 date-time/);
  });
});
