import request from 'supertest';
import { createPublicCounty, type PublicCounty } from '../helpers/public-county';
import { fixtureDocuments } from '../helpers/fixtures';
import { REQUESTS, xmlList, XML_SHAPES } from '../helpers/open311-spec';
import { startApp, type TestApp } from '../helpers/strapi';
import { minyiService } from '../../plugins/minyi/server/src/plugin';

/**
 * A request submitted through Open311 is an ordinary item: it is in the admin (the document, in
 * the unit routing chose), the escalation sweep moves it when it is overdue, /api/stats counts it,
 * and every change of the workflow shows in the next Open311 answer.
 */
const BASE = '/api/open311/v2';
let app: TestApp;
let county: PublicCounty;
let partnerKey: string;
const db = () => app.strapi.db.connection;
const coordinator = { role: 'county-coordinator', label: '县委社会工作部' } as const;

beforeAll(async () => {
  app = await startApp({ MINYI_RATE_LIMIT_PARTNER: '1000' });
  county = await createPublicCounty(app.strapi);
  await fixtureDocuments(app.strapi)('api::category.category').update({
    documentId: county.gridCategory.documentId,
    data: { open311ServiceCode: 'ENV-01' },
  });
  const created = await app.strapi.service('admin::api-token').create({
    kind: 'content-api',
    name: 'FixMyStreet',
    description: 'FixMyStreet 安乡 channel: open311',
    type: 'custom',
    lifespan: null,
    permissions: ['api::item.public-item.submit'],
  });
  partnerKey = created.accessKey as string;
});

afterAll(async () => {
  await app?.stop();
});

async function submit(): Promise<string> {
  const response = await request(app.server)
    .post(`${BASE}/requests.json`)
    .type('form')
    .send({
      api_key: partnerKey,
      service_code: 'ENV-01',
      address_id: 'G',
      lat: '29.41',
      long: '112.17',
      description: '小区垃圾三天没人收',
    })
    .expect(200);
  return response.body[0].service_request_id as string;
}

async function open311View(id: string) {
  const json = REQUESTS.parse(
    (await request(app.server).get(`${BASE}/requests/${id}.json`).expect(200)).body
  )[0];
  const xml = xmlList(
    (await request(app.server).get(`${BASE}/requests/${id}.xml`).expect(200)).text,
    XML_SHAPES.requests
  )[0];
  // Both formats say the same.
  expect(xml).toMatchObject({
    status: json.status,
    status_notes: json.status_notes ?? '',
    agency_responsible: json.agency_responsible ?? '',
    updated_datetime: json.updated_datetime ?? '',
  });
  return json;
}

const documentIdOf = async (id: string) =>
  String((await db()('items').where('tracking_code', id).first('document_id')).document_id);

it('is an item in the admin, in the unit routing chose', async () => {
  const id = await submit();
  const item = await app.strapi.documents('api::item.item').findOne({
    documentId: await documentIdOf(id),
    populate: { assignedGrid: true, category: true, grid: true },
  });
  expect(item).toMatchObject({
    trackingCode: id,
    channel: 'open311',
    state: 'submitted',
    level: 'grid',
    assignedGrid: { code: 'G' },
    category: { code: 'ENV' },
    grid: { code: 'G' },
  });
  // The admin's own list (the content manager) shows it too.
  const login = await request(app.server)
    .post('/admin/login')
    .send({ email: 'admin@test.local', password: 'Test-Admin-2026' })
    .expect(200);
  const list = await request(app.server)
    .get('/content-manager/collection-types/api::item.item')
    .query({ filters: { trackingCode: { $eq: id } } })
    .set('Authorization', `Bearer ${login.body.data.token}`)
    .expect(200);
  expect(list.body.results.map((row: { trackingCode: string }) => row.trackingCode)).toEqual([id]);
  const view = await open311View(id);
  expect(view).toMatchObject({
    status: 'open',
    agency_responsible: '一网格',
    status_notes: '已提交(网格级)',
    interface_used: 'open311',
  });
  expect(Date.parse(String(view.expected_datetime))).toBe(Date.parse(String(item?.dueAt)));
});

it('escalates on the sweep once overdue, and the next answer says so', async () => {
  const id = await submit();
  const before = await open311View(id);
  const row = await db()('items').where('tracking_code', id).first('due_at');
  const due = new Date(/^\d+$/.test(String(row.due_at)) ? Number(row.due_at) : row.due_at);
  const later = new Date(due.getTime() + 2 * 24 * 3600 * 1000);
  const run = await minyiService(app.strapi, 'jobs').run('escalation', { now: later });
  expect(run.outcome).toBe('succeeded');
  const item = await app.strapi.documents('api::item.item').findOne({
    documentId: await documentIdOf(id),
    populate: { assignedGrid: true },
  });
  expect(item).toMatchObject({
    level: 'township',
    state: 'escalated',
    assignedGrid: { code: 'T' },
  });
  const after = await open311View(id);
  expect(after).toMatchObject({
    status: 'open',
    status_notes: '已上报(乡镇级)',
    agency_responsible: '深柳镇',
  });
  expect(after.expected_datetime).not.toBe(before.expected_datetime);
  expect(Date.parse(String(after.updated_datetime))).toBeGreaterThan(
    Date.parse(String(before.updated_datetime))
  );
});

it('counts in /api/stats', async () => {
  const stats = async () => {
    await minyiService(app.strapi, 'stats-aggregate').refresh();
    minyiService(app.strapi, 'stats').clearCache();
    return (await request(app.server).get('/api/stats').expect(200)).body.data as {
      county: { received: number };
      townships: Array<{ code: string; received: number }>;
    };
  };
  const before = await stats();
  await submit();
  const after = await stats();
  const township = (answer: { townships: Array<{ code: string; received: number }> }) =>
    answer.townships.find((entry) => entry.code === 'T')?.received;
  expect(after.county.received).toBe(before.county.received + 1);
  expect(township(after)).toBe(Number(township(before)) + 1);
});

it('shows each status change in the next answer: in progress, then closed', async () => {
  const id = await submit();
  const documentId = await documentIdOf(id);
  const workflow = minyiService(app.strapi, 'workflow');
  await workflow.act(documentId, 'accept', coordinator, {});
  expect((await open311View(id)).status_notes).toBe('已受理(网格级)');
  await workflow.act(documentId, 'assign', coordinator, { grid: 'G' });
  await workflow.act(documentId, 'start', coordinator, {});
  const started = await open311View(id);
  expect(started).toMatchObject({ status: 'open', status_notes: '开始办理(网格级)' });
  await workflow.act(documentId, 'resolve', coordinator, { reply: '已清运' });
  const resolved = await open311View(id);
  expect(resolved).toMatchObject({
    status: 'closed',
    status_notes: '已办结(网格级)',
    expected_datetime: null,
  });
  const closedList = REQUESTS.parse(
    (await request(app.server).get(`${BASE}/requests.json?status=closed`).expect(200)).body
  );
  expect(closedList.map((entry) => entry.service_request_id)).toContain(id);
  // The reply is for the resident who tracks the item, not for a public list.
  expect(JSON.stringify(resolved)).not.toContain('已清运');
});
