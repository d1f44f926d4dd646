import request from 'supertest';
import { startApp, TEST_ADMIN, type TestApp } from '../helpers/strapi';
import { fixtureDocuments } from '../helpers/fixtures';

/**
 * Handling routes (办理) end to end: the admin panel route and the field-staff REST route, the
 * state machine's 409s, input 400s, role/level 403s, and that a refused request writes nothing.
 */
let app: TestApp;
let superToken: string;
let gridHeadToken: string;
let townshipJwt: string;
let gridDocumentId: string;
const docs = () => fixtureDocuments(app.strapi);

async function adminLogin(email: string, password: string): Promise<string> {
  const response = await request(app.server)
    .post('/admin/login')
    .send({ email, password })
    .expect(200);
  return response.body.data.token;
}

beforeAll(async () => {
  app = await startApp();
  const strapi = app.strapi;
  const county = await docs()('api::grid.grid').create({
    data: { name: '安乡县', code: 'C', level: 'county' },
  });
  const township = await docs()('api::grid.grid').create({
    data: { name: '深柳镇', code: 'T', level: 'township', parent: county.documentId },
  });
  const grid = await docs()('api::grid.grid').create({
    data: { name: '一网格', code: 'G', level: 'grid', parent: township.documentId },
  });
  gridDocumentId = grid.documentId;
  await docs()('api::category.category').create({
    data: {
      name: '环境卫生',
      code: 'ENV',
      defaultLevel: 'grid',
      gridDays: 2,
      townshipDays: 5,
      countyDays: 10,
      warningOffsetHours: 8,
    },
  });
  await docs()('api::department.department').create({
    data: {
      name: '县城管局',
      code: 'CGJ',
      kind: 'county-department',
      contactEmail: 'cgj@example.invalid',
    },
  });

  // A grid head who works in the admin panel, with the grid worker role created on first start.
  const gridWorkerRole = await strapi.service('admin::role').findOne({ code: 'minyi-grid-worker' });
  const adminUser = await strapi.service('admin::user').create({
    email: 'gridhead@test.local',
    firstname: '网格',
    lastname: '长',
    password: 'Grid-Head-2026',
    isActive: true,
    roles: [gridWorkerRole.id],
  });
  await docs()('api::staff.staff').create({
    data: {
      name: '王网格长',
      role: 'grid-head',
      email: 'gridhead@example.invalid',
      grid: grid.documentId,
      adminUser: adminUser.id,
    },
  });
  superToken = await adminLogin(TEST_ADMIN.email, TEST_ADMIN.password);
  gridHeadToken = await adminLogin('gridhead@test.local', 'Grid-Head-2026');

  // A township officer in the field, over REST with users-permissions.
  const authenticated = await strapi.db
    .query('plugin::users-permissions.role')
    .findOne({ where: { type: 'authenticated' } });
  await strapi.db.query('plugin::users-permissions.permission').create({
    data: { action: 'plugin::minyi.workflow.actAsStaff', role: authenticated.id },
  });
  const user = await strapi.plugin('users-permissions').service('user').add({
    username: 'township-officer',
    email: 'officer@test.local',
    password: 'Officer-2026',
    provider: 'local',
    confirmed: true,
    role: authenticated.id,
  });
  await docs()('api::staff.staff').create({
    data: {
      name: '李干部',
      role: 'township-officer',
      email: 'officer@example.invalid',
      grid: township.documentId,
      user: user.id,
    },
  });
  const login = await request(app.server)
    .post('/api/auth/local')
    .send({ identifier: 'officer@test.local', password: 'Officer-2026' })
    .expect(200);
  townshipJwt = login.body.jwt;
});

afterAll(async () => {
  await app?.stop();
});

/** An item in grid G: inside the unit of both the grid head and the township officer. */
async function newItem(extra: Record<string, unknown> = {}) {
  return docs()('api::item.item').create({
    data: {
      grid: gridDocumentId,
      title: '垃圾未清运',
      content: '三天没人收垃圾',
      type: 'complaint',
      channel: 'website',
      state: 'submitted',
      level: 'grid',
      complexity: 'simple',
      ...extra,
    },
  });
}

const adminAct = (token: string, documentId: string, action: string, data: unknown = {}) =>
  request(app.server)
    .post(`/minyi/items/${documentId}/actions/${action}`)
    .set('Authorization', `Bearer ${token}`)
    .send({ data });
const fieldAct = (documentId: string, action: string, data: unknown = {}) =>
  request(app.server)
    .post(`/api/minyi/items/${documentId}/actions/${action}`)
    .set('Authorization', `Bearer ${townshipJwt}`)
    .send({ data });

async function snapshot(documentId: string) {
  const item = await docs()('api::item.item').findOne({ documentId });
  const events = await app.strapi.db
    .connection('item_events_item_lnk')
    .where('item_id', item?.id)
    .count({ n: '*' });
  const mail = await app.strapi.db
    .connection('minyi_outbox_messages')
    .where('item_document_id', documentId)
    .count({ n: '*' });
  return { item, events: Number(events[0].n), mail: Number(mail[0].n) };
}

it('takes an item from submitted to closed through the admin route, one event per step', async () => {
  const item = await newItem();
  const accepted = await adminAct(superToken, item.documentId, 'accept').expect(200);
  expect(accepted.body.data).toMatchObject({ status: 'accepted', level: 'grid' });
  expect(accepted.body.data.dueAt).toBeTruthy();

  await adminAct(superToken, item.documentId, 'assign', {
    grid: 'G',
    leadDepartment: 'CGJ',
  }).expect(200);
  const afterAssign = await snapshot(item.documentId);
  expect(afterAssign.item?.state).toBe('assigned');
  // The grid head and the lead department are told.
  const recipients = await app.strapi.db
    .connection('minyi_outbox_messages')
    .where('item_document_id', item.documentId)
    .pluck('recipient');
  expect(recipients.sort()).toEqual(['cgj@example.invalid', 'gridhead@example.invalid']);

  await adminAct(gridHeadToken, item.documentId, 'start').expect(200);
  await adminAct(gridHeadToken, item.documentId, 'resolve', {
    reply: '已安排清运并建立每日巡查',
  }).expect(200);
  const closed = await adminAct(gridHeadToken, item.documentId, 'close').expect(200);
  expect(closed.body.data.status).toBe('closed');

  const final = await snapshot(item.documentId);
  expect(final.item).toMatchObject({ state: 'closed', resolution: '已安排清运并建立每日巡查' });
  expect(final.events).toBe(5);
  const actors = await app.strapi.db
    .connection('item_events as e')
    .join('item_events_item_lnk as l', 'l.item_event_id', 'e.id')
    .where('l.item_id', item.id)
    .orderBy('e.id')
    .pluck('e.actor_label');
  expect(actors.slice(2)).toEqual(['王网格长', '王网格长', '王网格长']);
});

it('answers 409 with the reason for a move the state machine forbids, and writes nothing', async () => {
  const item = await newItem();
  const before = await snapshot(item.documentId);
  const response = await adminAct(superToken, item.documentId, 'close').expect(409);
  expect(response.body.error.details.code).toBe('TRANSITION_NOT_ALLOWED');
  expect(response.body.error.details.reason.zh).toMatch(/不能/);
  expect(await snapshot(item.documentId)).toEqual(before);
});

it('answers 400 field by field for bad input, and writes nothing', async () => {
  const item = await newItem({ state: 'in-progress' });
  const before = await snapshot(item.documentId);
  const missing = await adminAct(superToken, item.documentId, 'resolve', {}).expect(400);
  expect(missing.body.error.details.errors).toEqual([expect.objectContaining({ field: 'reply' })]);
  await adminAct(superToken, item.documentId, 'resolve', { reply: 'ok', status: 'closed' }).expect(
    400
  );
  await adminAct(superToken, item.documentId, 'assign', { grid: 'NO-SUCH-GRID' }).expect(400);
  expect(await snapshot(item.documentId)).toEqual(before);
});

it('answers 403 when a grid head acts on a county item, 404 for unknown items and actions, 401 without login', async () => {
  const county = await newItem({ state: 'assigned', level: 'county' });
  const forbidden = await adminAct(gridHeadToken, county.documentId, 'start').expect(403);
  expect(forbidden.body.error.details.code).toBe('LEVEL_NOT_ALLOWED');
  await adminAct(superToken, 'no-such-document', 'accept').expect(404);
  await adminAct(superToken, county.documentId, 'teleport').expect(404);
  await request(app.server)
    .post(`/minyi/items/${county.documentId}/actions/start`)
    .send({ data: {} })
    .expect(401);
  await request(app.server)
    .post(`/api/minyi/items/${county.documentId}/actions/start`)
    .send({ data: {} })
    .expect(403);
});

it('lets field staff request and decide an extension over REST with a later deadline', async () => {
  const item = await newItem();
  await adminAct(superToken, item.documentId, 'accept').expect(200);
  const dueBefore = (await snapshot(item.documentId)).item?.dueAt as string;
  await adminAct(gridHeadToken, item.documentId, 'request-extension', {
    reason: '需等待配件',
    workingDays: 2,
  }).expect(200);
  await adminAct(gridHeadToken, item.documentId, 'approve-extension').expect(403);
  const approved = await fieldAct(item.documentId, 'approve-extension').expect(200);
  expect(approved.body.data).toMatchObject({ status: 'extended', extensionPending: false });
  expect(new Date(approved.body.data.dueAt).getTime()).toBeGreaterThan(
    new Date(dueBefore).getTime()
  );
  const again = await fieldAct(item.documentId, 'approve-extension').expect(409);
  expect(again.body.error.details.code).toBe('NO_PENDING_EXTENSION');
});

it('lets only one of two simultaneous moves from the same state through', async () => {
  const item = await newItem({ state: 'assigned' });
  const results = await Promise.all([
    adminAct(superToken, item.documentId, 'start'),
    adminAct(gridHeadToken, item.documentId, 'start'),
  ]);
  expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  expect((await snapshot(item.documentId)).events).toBe(1);
});

it('escalates by hand (及时报告) one level up and links a duplicate as rejected', async () => {
  const item = await newItem({ state: 'in-progress' });
  const escalated = await adminAct(gridHeadToken, item.documentId, 'escalate', {
    reason: '涉及多个村,需乡镇协调',
  }).expect(200);
  expect(escalated.body.data).toMatchObject({
    status: 'escalated',
    level: 'township',
    escalationCount: 1,
  });

  const original = await newItem();
  const duplicate = await newItem();
  await adminAct(superToken, duplicate.documentId, 'link-duplicate', {
    duplicateOf: original.trackingCode,
  }).expect(200);
  const linked = await docs()('api::item.item').findOne({
    documentId: duplicate.documentId,
    populate: ['duplicateOf'],
  });
  expect(linked?.state).toBe('rejected');
  expect(linked?.duplicateOf?.documentId).toBe(original.documentId);
});

it('keeps the item history append-only: events cannot be changed or deleted, even by an admin', async () => {
  const item = await newItem();
  await adminAct(superToken, item.documentId, 'accept').expect(200);
  const event = await docs()('api::item-event.item-event').findFirst({
    filters: { item: { documentId: item.documentId } },
  });
  expect(event).toBeTruthy();
  await expect(
    docs()('api::item-event.item-event').update({
      documentId: event!.documentId,
      data: { note: '改写' },
    })
  ).rejects.toThrow(/append-only/);
  await expect(
    docs()('api::item-event.item-event').delete({ documentId: event!.documentId })
  ).rejects.toThrow(/append-only/);
  const response = await request(app.server)
    .delete(`/content-manager/collection-types/api::item-event.item-event/${event!.documentId}`)
    .set('Authorization', `Bearer ${superToken}`);
  expect(response.status).toBe(400);
  expect((await snapshot(item.documentId)).events).toBe(1);
});

it('records who registered an item as its first responder (首问负责制) and keeps them', async () => {
  const created = await request(app.server)
    .post('/content-manager/collection-types/api::item.item')
    .set('Authorization', `Bearer ${gridHeadToken}`)
    // The form sends every field, the item's state included (Strapi reserves `status` for draft/publish).
    .send({
      title: '井盖缺失',
      content: '路口井盖丢了',
      type: 'request',
      channel: 'grid-worker',
      state: 'submitted',
      level: 'grid',
      complexity: 'simple',
    });
  expect(created.status).toBe(201);
  const documentId = created.body.data.documentId as string;
  const item = await docs()('api::item.item').findOne({ documentId, populate: ['firstResponder'] });
  expect(item?.firstResponder?.name).toBe('王网格长');

  const other = await docs()('api::staff.staff').findFirst({ filters: { name: '李干部' } });
  await docs()('api::item.item').update({
    documentId,
    data: { firstResponder: other!.documentId, title: '井盖缺失(已核实)' },
  });
  // Saving the edit form in the admin works too.
  await request(app.server)
    .put(`/content-manager/collection-types/api::item.item/${documentId}`)
    .set('Authorization', `Bearer ${superToken}`)
    .send({ ...created.body.data, title: '井盖缺失(已核实)', state: 'submitted' })
    .expect(200);
  const kept = await docs()('api::item.item').findOne({ documentId, populate: ['firstResponder'] });
  expect(kept?.title).toBe('井盖缺失(已核实)');
  expect(kept?.firstResponder?.name).toBe('王网格长');
});
