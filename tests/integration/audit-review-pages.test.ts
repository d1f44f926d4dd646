import request from 'supertest';
import { startApp, TEST_ADMIN, type TestApp } from '../helpers/strapi';
import { fixtureDocuments } from '../helpers/fixtures';
import type { GridData } from '../helpers/content-data';
import { minyiService } from '../../plugins/minyi/server/src/plugin';

/**
 * What the 月度抽查 and 通报与整改 pages read, beyond who may (tests/integration/audit-access.test.ts):
 * the resident's phone on the sheet only for a role whose content-manager permission covers it;
 * past months in the history; the callback's time in the stored review; the notice list's
 * filters; the strata setting applied to the next draw.
 *
 * County: C ─ T1 ─ G1; C ─ T2 ─ G2; department D1. Items handled in September and October 2026.
 */
let app: TestApp;
const docs = () => fixtureDocuments(app.strapi);
const ids: Record<string, string> = {};
const at = (iso: string) => new Date(`${iso}+08:00`);
let superToken: string;
let coordinatorToken: string;
let auditorToken: string;
const checks: Record<string, string> = {};

async function grid(code: string, level: GridData['level'], parent?: string) {
  const created = await docs()('api::grid.grid').create({
    data: { name: `网格${code}`, code, level, parent: parent ? ids[parent] : undefined },
  });
  ids[code] = created.documentId;
}

let counter = 0;
async function closedItem(month: string, placement: { grid?: string; department?: string }) {
  counter++;
  const day = String(3 + (counter % 20)).padStart(2, '0');
  const receivedAt = at(`${month}-${day}T09:00:00`);
  await docs()('api::item.item').create({
    data: {
      title: `抽查事项 ${counter}`,
      content: '路灯不亮',
      type: 'request',
      channel: 'grid-worker',
      state: 'closed',
      level: 'grid',
      complexity: 'simple',
      receivedAt,
      acceptedAt: receivedAt,
      dueAt: at(`${month}-${day}T18:00:00`),
      resolvedAt: at(`${month}-${day}T15:00:00`),
      satisfaction: 'satisfied',
      submitterName: '李回访',
      submitterPhone: `1390000${String(counter).padStart(4, '0')}`,
      ...(placement.grid ? { grid: ids[placement.grid], assignedGrid: ids[placement.grid] } : {}),
      ...(placement.department ? { leadDepartment: ids[placement.department] } : {}),
    },
  });
}

async function login(email: string, password: string): Promise<string> {
  const res = await request(app.server).post('/admin/login').send({ email, password }).expect(200);
  return res.body.data.token;
}

async function adminUser(email: string, roleCode: string, staffGrid?: string): Promise<string> {
  const role = await app.strapi.service('admin::role').findOne({ code: roleCode });
  const password = 'Review-Test-2026';
  const user = await app.strapi.service('admin::user').create({
    email,
    firstname: roleCode,
    lastname: 'test',
    password,
    isActive: true,
    roles: [role.id],
  });
  if (staffGrid)
    await docs()('api::staff.staff').create({
      data: {
        name: '统筹员',
        role: 'county-coordinator',
        grid: ids[staffGrid],
        adminUser: user.id,
      },
    });
  return login(email, password);
}

interface StoredPermission {
  action: string;
  subject: string | null;
  properties: { fields?: string[] } & Record<string, unknown>;
  conditions: string[];
}

/**
 * The auditor's role without the resident's phone: its content-manager read of items lists
 * every field but submitterPhone (an administrator's change under Settings → Roles).
 */
async function auditorWithoutPhone() {
  const role = await app.strapi.service('admin::role').findOne({ code: 'minyi-auditor' });
  const permissions: StoredPermission[] = await app.strapi
    .service('admin::permission')
    .findMany({ where: { role: { id: role.id } } });
  const fields = Object.keys(app.strapi.contentType('api::item.item').attributes).filter(
    (name) =>
      !['submitterPhone', 'id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt'].includes(
        name
      ) && !['createdBy', 'updatedBy', 'localizations', 'locale'].includes(name)
  );
  const changed = permissions.map((p) => ({
    action: p.action,
    subject: p.subject,
    conditions: p.conditions ?? [],
    properties:
      p.action === 'plugin::content-manager.explorer.read' && p.subject === 'api::item.item'
        ? { ...p.properties, fields }
        : (p.properties ?? {}),
  }));
  expect(changed.some((p) => p.properties.fields === fields)).toBe(true);
  await app.strapi.service('admin::role').assignPermissions(role.id, changed);
}

const as = (token: string) => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  app = await startApp();
  await grid('C', 'county');
  await grid('T1', 'township', 'C');
  await grid('G1', 'grid', 'T1');
  await grid('T2', 'township', 'C');
  await grid('G2', 'grid', 'T2');
  const d1 = await docs()('api::department.department').create({
    data: { name: '部门D1', code: 'D1', kind: 'county-department' },
  });
  ids.D1 = d1.documentId;
  for (const month of ['2026-09', '2026-10'])
    for (let i = 0; i < 3; i++) {
      await closedItem(month, { grid: 'G1' });
      await closedItem(month, { grid: 'G2' });
      await closedItem(month, { department: 'D1' });
    }
  superToken = await login(TEST_ADMIN.email, TEST_ADMIN.password);
  coordinatorToken = await adminUser('coordinator@review.local', 'minyi-county-coordinator', 'C');
  await auditorWithoutPhone();
  auditorToken = await adminUser('auditor@review.local', 'minyi-auditor');
  for (const period of ['2026-09', '2026-10']) {
    await request(app.server)
      .post('/minyi/jobs/spot-check/run')
      .set(as(superToken))
      .send({ period })
      .expect(200);
    const row = await app.strapi.db
      .query('api::spot-check.spot-check')
      .findOne({ where: { period } });
    checks[period] = row.documentId;
  }
}, 300_000);

afterAll(async () => {
  await app?.stop();
});

describe('月度抽查 sheet and history', () => {
  it("shows the resident's phone to the coordinator, not to a role whose permission leaves it out", async () => {
    const sheet = (token: string) =>
      request(app.server).get(`/minyi/spot-checks/${checks['2026-10']}/sheet`).set(as(token));
    const coordinator = (await sheet(coordinatorToken).expect(200)).body.data;
    const auditor = (await sheet(auditorToken).expect(200)).body.data;
    expect(coordinator.mayReadPhone).toBe(true);
    expect(coordinator.entries.length).toBeGreaterThan(0);
    for (const entry of coordinator.entries) expect(entry.phone).toMatch(/^1390000\d{4}$/);
    // The auditor sees the same entries (county-wide), without any phone.
    expect(auditor.mayReadPhone).toBe(false);
    expect(auditor.entries.map((e: { documentId: string }) => e.documentId)).toEqual(
      coordinator.entries.map((e: { documentId: string }) => e.documentId)
    );
    for (const entry of auditor.entries) expect(entry.phone).toBeNull();
    expect(JSON.stringify(auditor)).not.toMatch(/1390000\d{4}/);
  });

  it("lists an earlier month's spot-check in the history, newest first", async () => {
    const list = await request(app.server)
      .get('/minyi/spot-checks')
      .set(as(auditorToken))
      .expect(200);
    const rows = list.body.data as Array<{ documentId: string; period: string; sampled: number }>;
    expect(rows.map((row) => row.period)).toEqual(['2026-10', '2026-09']);
    expect(rows[1].documentId).toBe(checks['2026-09']);
    expect(rows[1].sampled).toBeGreaterThan(0);
    // The earlier month opens as its own sheet.
    const sheet = await request(app.server)
      .get(`/minyi/spot-checks/${checks['2026-09']}/sheet`)
      .set(as(auditorToken))
      .expect(200);
    expect(sheet.body.data.period).toBe('2026-09');
  });

  it('stores the time the call was made on the review, apart from when it was entered', async () => {
    const sheet = await request(app.server)
      .get(`/minyi/spot-checks/${checks['2026-10']}/sheet`)
      .set(as(coordinatorToken))
      .expect(200);
    const [first, second] = sheet.body.data.entries as Array<{ documentId: string }>;
    const base = `/minyi/spot-checks/${checks['2026-10']}/items`;
    await request(app.server)
      .post(`${base}/${first.documentId}/review`)
      .set(as(coordinatorToken))
      .send({ data: { reached: false, calledAt: '2026-11-02T09:05:00+08:00', note: '无人接听' } })
      .expect(200);
    await request(app.server)
      .post(`${base}/${first.documentId}/review`)
      .set(as(coordinatorToken))
      .send({
        data: {
          solved: true,
          satisfaction: 'satisfied',
          calledAt: '2026-11-03T10:15:00+08:00',
          note: '已解决',
        },
      })
      .expect(200);
    const row = await app.strapi.db
      .query('api::spot-check.spot-check')
      .findOne({ where: { documentId: checks['2026-10'] } });
    const stored = (
      row.sample as Array<{
        documentId: string;
        review: { calledAt?: string; reviewedAt: string; note?: string } | null;
        attempts?: Array<{ calledAt: string }>;
      }>
    ).find((entry) => entry.documentId === first.documentId);
    expect(new Date(stored?.review?.calledAt ?? '').getTime()).toBe(
      new Date('2026-11-03T10:15:00+08:00').getTime()
    );
    expect(stored?.review?.calledAt).not.toBe(stored?.review?.reviewedAt);
    expect(stored?.review?.note).toBe('已解决');
    expect(new Date(stored?.attempts?.[0]?.calledAt ?? '').getTime()).toBe(
      new Date('2026-11-02T09:05:00+08:00').getTime()
    );
    // Without calledAt the call is taken as made when it is entered.
    await request(app.server)
      .post(`${base}/${second.documentId}/review`)
      .set(as(coordinatorToken))
      .send({ data: { solved: true, satisfaction: 'satisfied' } })
      .expect(200);
  });
});

describe('通报与整改 list filters', () => {
  const titles: Record<string, string> = {
    A: '十月整改 T1',
    B: '九月整改 T2',
    C: '十月通报',
    D: '十月整改 D1',
  };

  beforeAll(async () => {
    const notices = minyiService(app.strapi, 'notices');
    const issue = (
      key: string,
      kind: 'rectification' | 'bulletin',
      period: string,
      targets: { townshipCodes?: string[]; departmentCodes?: string[] }
    ) =>
      app.strapi.db.transaction(({ trx }) =>
        notices.issue(
          trx,
          { kind, title: titles[key], period, paragraphs: ['请整改'], tables: [] },
          targets,
          [],
          new Date()
        )
      );
    await issue('A', 'rectification', '2026-10', { townshipCodes: ['T1'] });
    const b = await issue('B', 'rectification', '2026-09', { townshipCodes: ['T2'] });
    await notices.acknowledge(b.documentId, '测试');
    await issue('C', 'bulletin', '2026-10', {});
    await issue('D', 'rectification', '2026-10', { departmentCodes: ['D1'] });
  });

  const listed = async (query: Record<string, string>) => {
    const res = await request(app.server)
      .get('/minyi/notices')
      .query(query)
      .set(as(coordinatorToken))
      .expect(200);
    const byTitle = Object.fromEntries(Object.entries(titles).map(([key, t]) => [t, key]));
    return (res.body.data as Array<{ title: string }>)
      .map((row) => byTitle[row.title] ?? row.title)
      .sort();
  };

  it.each([
    ['no filter', {}, ['A', 'B', 'C', 'D']],
    ['kind', { kind: 'bulletin' }, ['C']],
    ['kind', { kind: 'rectification' }, ['A', 'B', 'D']],
    ['period', { period: '2026-09' }, ['B']],
    ['target unit (township)', { unit: 'T2' }, ['B']],
    ['target unit (department)', { unit: 'D1' }, ['D']],
    ['state', { state: 'acknowledged' }, ['B']],
    ['state', { state: 'issued' }, ['A', 'C', 'D']],
    ['kind and period', { kind: 'rectification', period: '2026-10' }, ['A', 'D']],
  ] as const)('narrows by %s %j', async (_, query, expected) => {
    expect(await listed({ ...query })).toEqual([...expected]);
  });

  it('refuses an unknown kind with a 400 naming the field', async () => {
    const res = await request(app.server)
      .get('/minyi/notices')
      .query({ kind: 'memo' })
      .set(as(coordinatorToken))
      .expect(400);
    expect(res.body.error.details.errors.map((e: { field: string }) => e.field)).toEqual(['kind']);
  });
});

describe('the strata setting', () => {
  it('changes the next draw: townships only after the setting names them alone', async () => {
    const spotCheck = minyiService(app.strapi, 'spot-check');
    const before = await spotCheck.preview('2026-10', 'strata-seed');
    expect(new Set(before.strata.map((s) => s.kind))).toEqual(new Set(['township', 'department']));
    await request(app.server)
      .put('/minyi/settings/spotCheck')
      .set(as(coordinatorToken))
      .send({ percent: 10, min: 2, max: 20, strata: ['township'] })
      .expect(200);
    const after = await spotCheck.preview('2026-10', 'strata-seed');
    expect(after.strata.map((s) => s.kind)).toEqual(['township', 'township']);
    // The department's own stratum is gone: fewer items drawn from the same candidates and seed.
    expect(after.keys.length).toBeLessThan(before.keys.length);
  });
});
