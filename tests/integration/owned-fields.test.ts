import request from 'supertest';
import { startApp, TEST_ADMIN, type TestApp } from '../helpers/strapi';
import { fixtureDocuments } from '../helpers/fixtures';
import { contentDocuments, type NoticeData } from '../helpers/content-data';

/**
 * The workflow owns its fields (issue 10): every protected field of an item, a spot-check and an
 * issued notice, sent to the content-manager API and to REST, by a super admin and by a unit role,
 * is refused with a 4xx that names the field, and the row and the event log stay as they were.
 * Saving the content manager's form as it is (every field sent back) still works.
 */
let app: TestApp;
const docs = () => fixtureDocuments(app.strapi);
const ids: Record<string, string> = {};
const tokens: Record<'superAdmin' | 'unitAdmin' | 'fullToken' | 'unitRest', string> = {
  superAdmin: '',
  unitAdmin: '',
  fullToken: '',
  unitRest: '',
};
let itemDocumentId: string;
let spotCheckDocumentId: string;
let issuedNoticeDocumentId: string;
let draftNoticeDocumentId: string;

const LATER = '2030-01-02T03:04:05.000Z';

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
  const otherGrid = await docs()('api::grid.grid').create({
    data: { name: '二网格', code: 'G2', level: 'grid', parent: township.documentId },
  });
  Object.assign(ids, { T: township.documentId, G: grid.documentId, G2: otherGrid.documentId });
  for (const code of ['D1', 'D2']) {
    const department = await docs()('api::department.department').create({
      data: { name: `部门${code}`, code, kind: 'county-department' },
    });
    ids[code] = department.documentId;
  }
  const leader = await docs()('api::staff.staff').create({
    data: { name: '县领导', role: 'leader', grid: county.documentId },
  });
  ids.leader = leader.documentId;

  // A township officer in the admin panel (unit role) and a grid head over REST (unit role).
  const officerRole = await strapi
    .service('admin::role')
    .findOne({ code: 'minyi-township-officer' });
  const officer = await strapi.service('admin::user').create({
    email: 'officer@test.local',
    firstname: '李',
    lastname: '干部',
    password: 'Officer-Test-2026',
    isActive: true,
    roles: [officerRole.id],
  });
  const officerStaff = await docs()('api::staff.staff').create({
    data: {
      name: '李干部',
      role: 'township-officer',
      grid: township.documentId,
      adminUser: officer.id,
    },
  });
  ids.officer = officerStaff.documentId;

  const authenticated = await strapi.db
    .query('plugin::users-permissions.role')
    .findOne({ where: { type: 'authenticated' } });
  // The REST unit role may update these types at all, so what refuses is the owned-fields guard.
  for (const action of [
    'api::item.item.update',
    'api::spot-check.spot-check.update',
    'api::notice.notice.update',
  ]) {
    await strapi.db
      .query('plugin::users-permissions.permission')
      .create({ data: { action, role: authenticated.id } });
  }
  const user = await strapi.plugin('users-permissions').service('user').add({
    username: 'grid-head',
    email: 'gridhead@test.local',
    password: 'Grid-Head-2026',
    provider: 'local',
    confirmed: true,
    role: authenticated.id,
  });
  await docs()('api::staff.staff').create({
    data: { name: '王网格长', role: 'grid-head', grid: grid.documentId, user: user.id },
  });

  const login = async (email: string, password: string) =>
    (await request(app.server).post('/admin/login').send({ email, password }).expect(200)).body.data
      .token as string;
  tokens.superAdmin = await login(TEST_ADMIN.email, TEST_ADMIN.password);
  tokens.unitAdmin = await login('officer@test.local', 'Officer-Test-2026');
  tokens.unitRest = (
    await request(app.server)
      .post('/api/auth/local')
      .send({ identifier: 'gridhead@test.local', password: 'Grid-Head-2026' })
      .expect(200)
  ).body.jwt;
  tokens.fullToken = (
    await strapi.service('admin::api-token').create({
      kind: 'content-api',
      name: 'full access',
      type: 'full-access',
      lifespan: null,
    })
  ).accessKey;

  // An item being handled, with one event written by the workflow.
  const item = await docs()('api::item.item').create({
    data: {
      title: '路灯不亮',
      content: '村口路灯坏了',
      type: 'request',
      channel: 'grid-worker',
      grid: grid.documentId,
      state: 'submitted',
      level: 'grid',
      receivedAt: new Date('2026-11-02T01:00:00Z'),
      dueAt: new Date('2026-11-04T10:00:00Z'),
      coDepartments: [ids.D1],
    },
  });
  itemDocumentId = item.documentId;
  await request(app.server)
    .post(`/minyi/items/${itemDocumentId}/actions/accept`)
    .set('Authorization', `Bearer ${tokens.superAdmin}`)
    .send({ data: {} })
    .expect(200);

  const spotCheck = await docs()('api::spot-check.spot-check').create({
    data: {
      period: '2026-10',
      seed: 'abc123',
      samplingRule: { percent: 10, min: 2, max: 20 },
      sample: [{ trackingCode: item.trackingCode, review: null }],
      results: { candidates: 1 },
      state: 'sampled',
      sampledAt: new Date('2026-11-01T01:00:00Z'),
      items: [itemDocumentId],
    },
  });
  spotCheckDocumentId = spotCheck.documentId;

  const notice = (state: NoticeData['state'], title: string) =>
    docs()('api::notice.notice').create({
      data: {
        kind: 'rectification',
        title,
        body: '整改要求',
        period: '2026-10',
        metrics: { paragraphs: ['办结率低'] },
        state,
        issuedAt: state === 'draft' ? null : new Date('2026-11-05T01:00:00Z'),
        rectifyBy: '2026-11-19',
        targetGrids: [ids.T],
        spotCheck: spotCheckDocumentId,
      },
    });
  issuedNoticeDocumentId = (await notice('issued', '整改通知书')).documentId;
  draftNoticeDocumentId = (await notice('draft', '草稿通报')).documentId;
}, 300_000);

afterAll(async () => {
  await app?.stop();
});

/** A value each protected field does not hold, in the content manager's and REST's shapes. */
function newValue(uid: string, field: string, via: 'cm' | 'rest'): unknown {
  const ref = (documentId: string) =>
    via === 'cm' ? { connect: [{ documentId }], disconnect: [] } : documentId;
  const refs = (documentIds: string[]) =>
    via === 'cm' ? { connect: documentIds.map((documentId) => ({ documentId })) } : documentIds;
  const values: Record<string, unknown> = {
    state: 'resolved',
    level: 'county',
    assignedGrid: ref(ids.G2),
    leadDepartment: ref(ids.D2),
    coDepartments: refs([ids.D2]),
    leadLeader: ref(ids.leader),
    firstResponder: ref(ids.officer),
    extensionPending: true,
    extensionRequest: { reason: '伪造', until: LATER },
    escalationCount: 7,
    resolution: '已解决(伪造)',
    satisfaction: 'very-satisfied',
    callbackSolved: true,
    callbackNote: '伪造回访',
    trackingCode: 'FAKE-CODE-0001',
    gridPath: '/X/',
    // spot-check
    period: '2026-09',
    seed: 'forged',
    samplingRule: { percent: 100 },
    sample: [],
    results: { forged: true },
    items: via === 'cm' ? { connect: [], disconnect: [{ documentId: itemDocumentId }] } : [],
    // notice
    kind: 'bulletin',
    title: '改过的标题',
    body: '改过的正文',
    metrics: { forged: true },
    targetGrids: refs([ids.G2]),
    targetDepartments: refs([ids.D2]),
    spotCheck:
      via === 'cm' ? { connect: [], disconnect: [{ documentId: spotCheckDocumentId }] } : null,
    acknowledgedBy: '某人',
    rectifiedBy: '某人',
    rectificationNote: '已整改(伪造)',
    rectifyBy: '2031-01-01',
  };
  if (field === 'state' && uid !== 'api::item.item')
    return uid === 'api::notice.notice' ? 'rectified' : 'completed';
  if (field in values) return values[field];
  return LATER; // every remaining owned field is a time
}

const ITEM_FIELDS = [
  'state',
  'level',
  'assignedGrid',
  'leadDepartment',
  'coDepartments',
  'leadLeader',
  'receivedAt',
  'acceptedAt',
  'resolvedAt',
  'closedAt',
  'dueAt',
  'warnedAt',
  'overdueFlaggedAt',
  'pausedAt',
  'extensionPending',
  'extensionRequest',
  'escalationCount',
  'resolution',
  'satisfaction',
  'callbackSolved',
  'callbackAt',
  'callbackNote',
  'firstResponder',
  'trackingCode',
  'gridPath',
];
const SPOT_CHECK_FIELDS = [
  'period',
  'seed',
  'samplingRule',
  'sample',
  'results',
  'state',
  'sampledAt',
  'completedAt',
  'items',
];
const NOTICE_FIELDS = [
  'state',
  'issuedAt',
  'acknowledgedAt',
  'acknowledgedBy',
  'rectifiedAt',
  'rectifiedBy',
  'rectificationNote',
  'kind',
  'title',
  'body',
  'period',
  'targetGrids',
  'targetDepartments',
  'metrics',
  'rectifyBy',
  'spotCheck',
];

const POPULATE: Record<string, string[]> = {
  'api::item.item': [
    'assignedGrid',
    'leadDepartment',
    'coDepartments',
    'leadLeader',
    'firstResponder',
    'grid',
  ],
  'api::spot-check.spot-check': ['items'],
  'api::notice.notice': ['targetGrids', 'targetDepartments', 'spotCheck', 'items'],
};

/** The row with its relations, and the item's event count: what a refusal must leave alone. */
async function snapshot(uid: string, documentId: string) {
  const row = await app.strapi.db.query(uid as 'api::item.item').findOne({
    where: { documentId },
    populate: Object.fromEntries(POPULATE[uid].map((name) => [name, { select: ['documentId'] }])),
  });
  const events = await app.strapi.db
    .query('api::item-event.item-event')
    .count({ where: { item: { documentId: itemDocumentId } } });
  return stableJson({ row, events });
}

/** JSON with keys sorted: PostgreSQL populates relations in no fixed order. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))
        )
      : inner
  );
}

type Writer = keyof typeof tokens;
const RELATIONS = [
  'assignedGrid',
  'leadDepartment',
  'coDepartments',
  'leadLeader',
  'firstResponder',
  'items',
  'targetGrids',
  'targetDepartments',
  'spotCheck',
];
const REST_PATH: Record<string, string> = {
  'api::item.item': '/api/items',
  'api::spot-check.spot-check': '/api/spot-checks',
  'api::notice.notice': '/api/notices',
};

function send(writer: Writer, uid: string, documentId: string, data: Record<string, unknown>) {
  if (writer === 'superAdmin' || writer === 'unitAdmin') {
    return request(app.server)
      .put(`/content-manager/collection-types/${uid}/${documentId}`)
      .set('Authorization', `Bearer ${tokens[writer]}`)
      .send(data);
  }
  return request(app.server)
    .put(`${REST_PATH[uid]}/${documentId}`)
    .set('Authorization', `Bearer ${tokens[writer]}`)
    .send({ data });
}

const WRITERS: Writer[] = ['superAdmin', 'unitAdmin', 'fullToken', 'unitRest'];
/** Writers that hold an update permission on the type, so the owned-fields refusal answers. */
const GUARD_ANSWERS: Record<string, Writer[]> = {
  'api::item.item': ['superAdmin', 'unitAdmin', 'fullToken', 'unitRest'],
  'api::spot-check.spot-check': ['superAdmin', 'fullToken', 'unitRest'],
  'api::notice.notice': ['superAdmin', 'fullToken', 'unitRest'],
};

const cases = (uid: string, fields: string[], documentId: () => string) =>
  fields.flatMap((field) =>
    WRITERS.map(
      (writer) =>
        [`${uid.split('.')[1]} ${field} by ${writer}`, uid, field, writer, documentId] as const
    )
  );

describe.each([
  ['item', 'api::item.item', ITEM_FIELDS, () => itemDocumentId],
  ['spot-check', 'api::spot-check.spot-check', SPOT_CHECK_FIELDS, () => spotCheckDocumentId],
  ['issued notice', 'api::notice.notice', NOTICE_FIELDS, () => issuedNoticeDocumentId],
] as const)('%s', (_, uid, fields, documentId) => {
  it.each(cases(uid, [...fields], documentId))(
    '%s is refused and changes nothing',
    async (_name, uid, field, writer, documentIdOf) => {
      const documentId = documentIdOf();
      const before = await snapshot(uid, documentId);
      const via = writer === 'superAdmin' || writer === 'unitAdmin' ? 'cm' : 'rest';
      const response = await send(writer, uid, documentId, { [field]: newValue(uid, field, via) });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      // Over REST, Strapi checks a relation against the role's permissions on the related type
      // first: a unit role without them gets Strapi's own 400 before the guard is asked.
      const strapiAnswersFirst = writer === 'unitRest' && RELATIONS.includes(field);
      if (GUARD_ANSWERS[uid].includes(writer) && !strapiAnswersFirst) {
        expect(response.status).toBe(400);
        expect(response.body.error.details.code).toBe('WORKFLOW_OWNED_FIELDS');
        expect(response.body.error.details.fields).toEqual([field]);
        expect(response.body.error.message).toContain(field);
        expect(response.body.error.message).toMatch(/由系统流程维护/);
      }
      expect(await snapshot(uid, documentId)).toBe(before);
    }
  );
});

it('saves the content manager form sent back whole, with a corrected title', async () => {
  for (const token of [tokens.superAdmin, tokens.unitAdmin]) {
    const path = `/content-manager/collection-types/api::item.item/${itemDocumentId}`;
    const loaded = await request(app.server)
      .get(path)
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    const title = `路灯不亮(${token === tokens.superAdmin ? '管理员' : '乡镇'}核实)`;
    const saved = await request(app.server)
      .put(path)
      .set('Authorization', `Bearer ${token}`)
      .send({ ...loaded.body.data, title });
    expect(saved.status).toBe(200);
    const stored = await app.strapi.db
      .query('api::item.item')
      .findOne({ where: { documentId: itemDocumentId } });
    expect(stored.title).toBe(title);
    expect(stored.state).toBe('accepted');
  }
});

it('lets REST and the content manager edit registration fields and a draft notice', async () => {
  await send('fullToken', 'api::item.item', itemDocumentId, { content: '村口两盏路灯坏了' }).expect(
    200
  );
  await send('superAdmin', 'api::notice.notice', draftNoticeDocumentId, {
    title: '草稿通报(改)',
  }).expect(200);
  const draftState = await send('superAdmin', 'api::notice.notice', draftNoticeDocumentId, {
    state: 'issued',
  });
  expect(draftState.status).toBe(400);
  expect(draftState.body.error.details.fields).toEqual(['state']);
});

it('refuses a Document Service call from elsewhere, a create with owned fields and a clone', async () => {
  const before = await snapshot('api::item.item', itemDocumentId);
  await expect(
    contentDocuments(app.strapi)('api::item.item').update({
      documentId: itemDocumentId,
      data: { state: 'closed', dueAt: LATER },
    })
  ).rejects.toThrow(/state, dueAt/);
  expect(await snapshot('api::item.item', itemDocumentId)).toBe(before);

  const count = await app.strapi.db.query('api::item.item').count();
  const created = await request(app.server)
    .post('/content-manager/collection-types/api::item.item')
    .set('Authorization', `Bearer ${tokens.unitAdmin}`)
    .send({ title: '伪造', content: '已办结的新事项', grid: ids.G, state: 'closed' });
  expect(created.status).toBe(400);
  expect(created.body.error.details.fields).toEqual(['state']);
  const cloned = await request(app.server)
    .post(`/content-manager/collection-types/api::item.item/clone/${itemDocumentId}`)
    .set('Authorization', `Bearer ${tokens.superAdmin}`)
    .send({ title: '复制' });
  expect(cloned.status).toBe(400);
  expect(await app.strapi.db.query('api::item.item').count()).toBe(count);
});

it('shows the owned fields read-only in the edit view', async () => {
  for (const [uid, fields] of [
    ['api::item.item', ITEM_FIELDS],
    ['api::spot-check.spot-check', SPOT_CHECK_FIELDS],
  ] as const) {
    const response = await request(app.server)
      .get(`/content-manager/content-types/${uid}/configuration`)
      .set('Authorization', `Bearer ${tokens.superAdmin}`)
      .expect(200);
    const metadatas = response.body.data.contentType.metadatas as Record<
      string,
      { edit: { editable?: boolean } }
    >;
    for (const field of fields)
      expect([field, metadatas[field].edit.editable]).toEqual([field, false]);
    expect(metadatas.title?.edit.editable ?? true).toBe(true);
    if (uid === 'api::item.item') {
      // The item list's default columns and sort (issue 10 point 6).
      const { layouts, settings } = response.body.data.contentType;
      expect(layouts.list).toEqual([
        'trackingCode',
        'title',
        'state',
        'level',
        'assignedGrid',
        'dueAt',
        'receivedAt',
      ]);
      expect([settings.defaultSortBy, settings.defaultSortOrder]).toEqual(['dueAt', 'ASC']);
    }
  }
});

// Last: it deletes the draft notice. A record the workflow owns is not deleted from outside it —
// an item's events would stay without it, and a deleted overdue item would leave every figure.
it('refuses to delete an item, a spot-check or an issued notice on every path; a draft notice may go', async () => {
  const records = [
    ['api::item.item', 'items', itemDocumentId],
    ['api::spot-check.spot-check', 'spot-checks', spotCheckDocumentId],
    ['api::notice.notice', 'notices', issuedNoticeDocumentId],
  ] as const;
  for (const [uid, restPath, documentId] of records) {
    const before = await snapshot(uid, documentId);
    const single = await request(app.server)
      .delete(`/content-manager/collection-types/${uid}/${documentId}`)
      .set('Authorization', `Bearer ${tokens.superAdmin}`);
    expect(single.status).toBe(400);
    expect(single.body.error.details.code).toBe('WORKFLOW_OWNED_RECORD');
    expect(single.body.error.message).toMatch(/不能删除/);
    const bulk = await request(app.server)
      .post(`/content-manager/collection-types/${uid}/actions/bulkDelete`)
      .set('Authorization', `Bearer ${tokens.superAdmin}`)
      .send({ documentIds: [documentId] });
    expect(bulk.status).toBe(400);
    const rest = await request(app.server)
      .delete(`/api/${restPath}/${documentId}`)
      .set('Authorization', `Bearer ${tokens.fullToken}`);
    expect(rest.status).toBeGreaterThanOrEqual(400);
    expect(rest.status).toBeLessThan(500);
    await expect(contentDocuments(app.strapi)(uid).delete({ documentId })).rejects.toThrow(
      /WORKFLOW_OWNED_RECORD|不能删除/
    );
    expect(await snapshot(uid, documentId)).toBe(before);
  }

  await request(app.server)
    .delete(`/content-manager/collection-types/api::notice.notice/${draftNoticeDocumentId}`)
    .set('Authorization', `Bearer ${tokens.superAdmin}`)
    .expect(200);
  expect(
    await app.strapi.db
      .query('api::notice.notice')
      .findOne({ where: { documentId: draftNoticeDocumentId } })
  ).toBeNull();
});
