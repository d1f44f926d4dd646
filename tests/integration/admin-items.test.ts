import request from 'supertest';
import { startApp, TEST_ADMIN, type TestApp } from '../helpers/strapi';
import { fixtureDocuments } from '../helpers/fixtures';
import type { GridData, ItemData, StaffData } from '../helpers/content-data';

/**
 * The admin routes of issue 10 (item panel, workbench, bulk, 督办) on the real app: what each
 * role sees and may do, 400 field by field, 403 outside the unit, 404 unknown, 409 on a
 * conflicting move, and nothing written when a request is refused.
 */
let app: TestApp;
const docs = () => fixtureDocuments(app.strapi);
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};

async function adminUser(
  name: string,
  roleCode: string,
  staff: Pick<StaffData, 'role' | 'grid' | 'department'> | null
) {
  const role = await app.strapi.service('admin::role').findOne({ code: roleCode });
  const email = `${name}@test.local`;
  const user = await app.strapi.service('admin::user').create({
    email,
    firstname: name,
    lastname: 'test',
    password: 'Admin-Items-2026',
    isActive: true,
    roles: [role.id],
  });
  if (staff)
    await docs()('api::staff.staff').create({
      data: {
        name: `${name}员`,
        ...staff,
        email: `${name}@example.invalid`,
        adminUser: user.id,
      },
    });
  tokens[name] = (
    await request(app.server)
      .post('/admin/login')
      .send({ email, password: 'Admin-Items-2026' })
      .expect(200)
  ).body.data.token;
}

beforeAll(async () => {
  app = await startApp();
  const county = await docs()('api::grid.grid').create({
    data: { name: '安乡县', code: 'C', level: 'county' },
  });
  const grid = (name: string, code: string, level: GridData['level'], parent: string) =>
    docs()('api::grid.grid').create({ data: { name, code, level, parent } });
  const ta = await grid('深柳镇', 'TA', 'township', county.documentId);
  const tb = await grid('黄山头镇', 'TB', 'township', county.documentId);
  const ga = await grid('深柳一网格', 'GA', 'grid', ta.documentId);
  const gb = await grid('黄山一网格', 'GB', 'grid', tb.documentId);
  Object.assign(ids, {
    TA: ta.documentId,
    TB: tb.documentId,
    GA: ga.documentId,
    GB: gb.documentId,
  });
  // The grid head of GA gets GA's mails (交办, 督办).
  await docs()('api::staff.staff').create({
    data: {
      name: '王网格长',
      role: 'grid-head',
      grid: ga.documentId,
      email: 'wang@example.invalid',
    },
  });
  const department = await docs()('api::department.department').create({
    data: {
      name: '县住建局',
      code: 'ZJJ',
      kind: 'county-department',
      contactEmail: 'zjj@example.invalid',
    },
  });
  ids.D = department.documentId;

  await adminUser('coordinator', 'minyi-county-coordinator', {
    role: 'county-coordinator',
    grid: county.documentId,
  });
  await adminUser('township', 'minyi-township-officer', {
    role: 'township-officer',
    grid: ta.documentId,
  });
  await adminUser('department', 'minyi-department-officer', {
    role: 'liaison',
    department: department.documentId,
  });
  await adminUser('auditor', 'minyi-auditor', null);
  tokens.superAdmin = (
    await request(app.server).post('/admin/login').send(TEST_ADMIN).expect(200)
  ).body.data.token;
}, 300_000);

afterAll(async () => {
  await app?.stop();
});

const now = Date.now();
async function newItem(gridDocumentId: string, extra: Partial<ItemData> = {}) {
  const item = await docs()('api::item.item').create({
    data: {
      title: '路灯不亮',
      content: '村口路灯坏了',
      type: 'request',
      channel: 'grid-worker',
      grid: gridDocumentId,
      state: 'submitted',
      level: 'grid',
      receivedAt: new Date(now - 3 * 86_400_000),
      dueAt: new Date(now + 30 * 86_400_000),
      submitterPhone: '13900001111',
      ...extra,
    },
  });
  return item.documentId as string;
}

const get = (token: string, path: string) =>
  request(app.server).get(path).set('Authorization', `Bearer ${token}`);
const post = (token: string, path: string, body: object) =>
  request(app.server).post(path).set('Authorization', `Bearer ${token}`).send(body);

async function eventsOf(documentId: string) {
  return app.strapi.db
    .query('api::item-event.item-event')
    .count({ where: { item: { documentId } } });
}
async function rowOf(documentId: string) {
  return JSON.stringify(
    await app.strapi.db.query('api::item.item').findOne({ where: { documentId } })
  );
}

describe('item panel', () => {
  it('shows status, level, unit in Chinese, the countdown, the timeline newest first and the mails', async () => {
    const documentId = await newItem(ids.GA);
    await post(tokens.township, `/minyi/items/${documentId}/actions/accept`, { data: {} }).expect(
      200
    );
    await post(tokens.township, `/minyi/items/${documentId}/actions/assign`, {
      data: { grid: ids.GA, note: '请网格长核实' },
    }).expect(200);
    const response = await get(tokens.township, `/minyi/items/${documentId}/panel`).expect(200);
    const panel = response.body.data;
    expect(panel.status).toEqual({ value: 'assigned', label: '已交办' });
    expect(panel.level).toEqual({ value: 'grid', label: '网格' });
    expect(panel.owningUnit).toMatchObject({ kind: 'grid', name: '深柳一网格', kindLabel: '网格' });
    expect(panel.due.overdue).toBe(false);
    expect(panel.due.workingMinutesLeft).toBeGreaterThan(0);
    expect(panel.due.label).toMatch(/^剩余 /);
    expect(panel.timeline.map((entry: { type: { label: string } }) => entry.type.label)).toEqual([
      '交办',
      '受理',
    ]);
    expect(panel.timeline[0]).toMatchObject({
      actor: 'township员',
      fromStatus: { value: 'accepted', label: '已受理' },
      toStatus: { value: 'assigned', label: '已交办' },
      note: '请网格长核实',
    });
    expect(
      panel.mails.some((mail: { template: { label: string } }) => mail.template.label === '交办')
    ).toBe(true);
    expect(JSON.stringify(panel)).not.toContain('13900001111');
    // A township officer on an assigned grid item: start, re-assign … but no 督办 (coordinator and leaders).
    const actions = panel.allowedActions.map((entry: { action: string }) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['start', 'assign', 'escalate']));
    expect(actions).not.toContain('supervise');
    const assign = panel.allowedActions.find(
      (entry: { action: string }) => entry.action === 'assign'
    );
    const gridInput = assign.inputs.find((input: { name: string }) => input.name === 'grid');
    // Valid targets only: the officer's own township and its grids, never the other township.
    const targetCodes = gridInput.targets.map((target: { code: string }) => target.code);
    expect(targetCodes).toEqual(expect.arrayContaining(['TA', 'GA']));
    expect(targetCodes).not.toContain('GB');
  });

  it('offers exactly what the handling route accepts: every offered action goes through for some input', async () => {
    const documentId = await newItem(ids.GA, { state: 'in-progress' });
    const coordinator = (
      await get(tokens.coordinator, `/minyi/items/${documentId}/panel`).expect(200)
    ).body.data;
    const offered = coordinator.allowedActions.map((entry: { action: string }) => entry.action);
    expect(offered).toContain('supervise');
    expect(offered).not.toContain('accept');
    // The auditor reads (workbench.read) but handles nothing.
    const auditor = (await get(tokens.auditor, `/minyi/items/${documentId}/panel`).expect(200)).body
      .data;
    expect(auditor.allowedActions).toEqual([]);
    // An action not offered is refused by the handling route.
    await post(tokens.coordinator, `/minyi/items/${documentId}/actions/accept`, {
      data: {},
    }).expect(409);
  });

  it('answers 404 for an unknown item and 403 outside the unit, for the panel', async () => {
    const other = await newItem(ids.GB);
    await get(tokens.township, '/minyi/items/no-such-item/panel').expect(404);
    const outside = await get(tokens.township, `/minyi/items/${other}/panel`).expect(403);
    expect(outside.body.error.details.code).toBe('OUTSIDE_UNIT');
    expect(JSON.stringify(outside.body)).not.toContain('路灯');
  });
});

describe('督办 (supervise)', () => {
  it('writes a note to the timeline, keeps the state, mails the owning unit, and is counted', async () => {
    const documentId = await newItem(ids.GA);
    await post(tokens.township, `/minyi/items/${documentId}/actions/accept`, { data: {} }).expect(
      200
    );
    await post(tokens.township, `/minyi/items/${documentId}/actions/assign`, {
      data: { leadDepartment: ids.D },
    }).expect(200);
    const before = await eventsOf(documentId);
    // 400 field by field, nothing written.
    const missing = await post(tokens.coordinator, `/minyi/items/${documentId}/actions/supervise`, {
      data: {},
    }).expect(400);
    expect(missing.body.error.details.errors.map((e: { field: string }) => e.field)).toEqual([
      'note',
    ]);
    // Township officers may not supervise: 403 from the state machine's roles.
    await post(tokens.township, `/minyi/items/${documentId}/actions/supervise`, {
      data: { note: '抓紧' },
    }).expect(403);
    expect(await eventsOf(documentId)).toBe(before);

    const done = await post(tokens.coordinator, `/minyi/items/${documentId}/actions/supervise`, {
      data: { note: '群众多次反映,请本周内办结' },
    }).expect(200);
    expect(done.body.data.status).toBe('assigned');
    const panel = (await get(tokens.department, `/minyi/items/${documentId}/panel`).expect(200))
      .body.data;
    expect(panel.supervisionCount).toBe(1);
    expect(panel.callerPart).toBe('lead');
    expect(panel.timeline[0]).toMatchObject({
      type: { value: 'supervised', label: '督办' },
      note: '群众多次反映,请本周内办结',
      fromStatus: { value: 'assigned' },
      toStatus: { value: 'assigned' },
    });
    const mails = await app.strapi.db
      .query('plugin::minyi.outbox-message')
      .findMany({ where: { itemDocumentId: documentId, template: 'supervised' } });
    expect(mails.map((mail: { recipient: string }) => mail.recipient)).toContain(
      'zjj@example.invalid'
    );

    // On a closed item: 409.
    const closed = await newItem(ids.GA, { state: 'closed' });
    await post(tokens.coordinator, `/minyi/items/${closed}/actions/supervise`, {
      data: { note: '已关闭' },
    }).expect(409);
  });
});

describe('workbench', () => {
  it('shows tab counts for the unit, overdue first, and differs by scope', async () => {
    const overdue = await newItem(ids.GA, {
      dueAt: new Date(now - 2 * 86_400_000),
      title: '已超期的事项',
    });
    await newItem(ids.GA, { title: '新事项' });
    await newItem(ids.GB, { title: '别镇的事项' });
    const township = (
      await get(tokens.township, '/minyi/workbench?tab=to-accept&pageSize=100').expect(200)
    ).body;
    expect(township.data.tabs.map((tab: { label: string }) => tab.label)).toEqual([
      '待受理',
      '办理中',
      '即将超期',
      '已超期',
      '待办结确认/待回访',
      '延期待审批',
    ]);
    expect(township.data.rows[0].documentId).toBe(overdue);
    expect(township.data.rows[0].overdue).toBe(true);
    expect(township.data.rows.every((row: { title: string }) => row.title !== '别镇的事项')).toBe(
      true
    );
    expect(township.data.rows[0].bulkActions).toContain('accept');
    const coordinator = (
      await get(tokens.coordinator, '/minyi/workbench?tab=to-accept&pageSize=100').expect(200)
    ).body;
    expect(coordinator.meta.pagination.total).toBeGreaterThan(township.meta.pagination.total);
    const overdueTab = (await get(tokens.township, '/minyi/workbench?tab=overdue').expect(200))
      .body;
    expect(overdueTab.data.tabs.find((tab: { tab: string }) => tab.tab === 'overdue').count).toBe(
      overdueTab.meta.pagination.total
    );
    // Search by tracking code and by phone (the township officer may read phones).
    const item = await app.strapi.db
      .query('api::item.item')
      .findOne({ where: { documentId: overdue } });
    const byCode = (
      await get(tokens.township, `/minyi/workbench?tab=to-accept&q=${item.trackingCode}`).expect(
        200
      )
    ).body;
    expect(byCode.data.rows.map((row: { documentId: string }) => row.documentId)).toEqual([
      overdue,
    ]);
    expect(byCode.data.searchesPhone).toBe(true);
    const byPhone = (
      await get(tokens.township, '/minyi/workbench?tab=to-accept&q=13900001111').expect(200)
    ).body;
    expect(byPhone.meta.pagination.total).toBeGreaterThan(0);
  });

  it('shows a department the items it leads and co-handles, its part marked', async () => {
    const led = await newItem(ids.GB, { state: 'assigned', leadDepartment: ids.D });
    const co = await newItem(ids.GB, { state: 'assigned', coDepartments: [ids.D] });
    const body = (
      await get(tokens.department, '/minyi/workbench?tab=in-progress&pageSize=100').expect(200)
    ).body;
    const parts = Object.fromEntries(
      body.data.rows.map((row: { documentId: string; part: string }) => [row.documentId, row.part])
    );
    expect(parts[led]).toBe('lead');
    expect(parts[co]).toBe('co-handling');
  });

  it('answers 400 field by field for a bad query', async () => {
    const bad = await get(tokens.township, '/minyi/workbench?tab=nope&pageSize=1000&page=0').expect(
      400
    );
    expect(bad.body.error.details.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'page',
      'pageSize',
      'tab',
    ]);
    await get(tokens.township, '/minyi/workbench?sort=title').expect(400);
  });

  it('bulk-accepts through the workflow with one result per item, and refuses what it may not', async () => {
    const a = await newItem(ids.GA);
    const b = await newItem(ids.GA, { state: 'closed' });
    const outside = await newItem(ids.GB);
    const before = await rowOf(outside);
    const response = await post(tokens.township, '/minyi/workbench/bulk', {
      data: { action: 'accept', documentIds: [a, b, outside, 'no-such-item'] },
    }).expect(200);
    expect(
      response.body.data.map((r: { ok: boolean; status: unknown }) => [r.ok, r.status])
    ).toEqual([
      [true, 'accepted'],
      [false, 409],
      [false, 403],
      [false, 404],
    ]);
    expect(await rowOf(outside)).toBe(before);
    expect(await eventsOf(b)).toBe(0);
    const bad = await post(tokens.township, '/minyi/workbench/bulk', {
      data: { action: 'close', documentIds: [] },
    }).expect(400);
    expect(bad.body.error.details.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'data.action',
      'data.documentIds',
    ]);
    // The auditor holds no 办理 permission: the route refuses before anything runs.
    await post(tokens.auditor, '/minyi/workbench/bulk', {
      data: { action: 'accept', documentIds: [a] },
    }).expect(403);
  });
});
