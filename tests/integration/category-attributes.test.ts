import request from 'supertest';
import { fixtureDocuments } from '../helpers/fixtures';
import { startApp, TEST_ADMIN, type TestApp } from '../helpers/strapi';

/**
 * The admin's editor of a category's Open311 attributes (issue 12), on the real app and database:
 * a bad list answers 400 field by field in Chinese and stores nothing; a role without
 * settingsUpdate (领导) is refused 403; an unknown category 404; an accepted list, reordered, is
 * what the next GET services/{code}.json shows.
 */
let app: TestApp;
let category: string;
const tokens: Record<string, string> = {};

const path = (documentId: string) => `/minyi/categories/${documentId}/open311-attributes`;
const lamp = { code: 'lamp_no', datatype: 'string', description: '路灯编号', required: true };
const affects = {
  code: 'affects_traffic',
  datatype: 'singlevaluelist',
  description: '是否影响出行',
  required: false,
  values: [
    { key: 'yes', name: '是' },
    { key: 'no', name: '否' },
  ],
};

beforeAll(async () => {
  app = await startApp();
  const created = await fixtureDocuments(app.strapi)('api::category.category').create({
    data: { name: '路灯损坏', code: 'LAMP', open311ServiceCode: 'LAMP-09' },
  });
  category = created.documentId;
  const role = await app.strapi.service('admin::role').findOne({ code: 'minyi-leader' });
  await app.strapi.service('admin::user').create({
    email: 'leader@test.local',
    firstname: '县',
    lastname: '领导',
    password: 'Leader-Attributes-2026',
    isActive: true,
    roles: [role.id],
  });
  const login = async (email: string, password: string) =>
    (await request(app.server).post('/admin/login').send({ email, password }).expect(200)).body.data
      .token as string;
  tokens.admin = await login(TEST_ADMIN.email, TEST_ADMIN.password);
  tokens.leader = await login('leader@test.local', 'Leader-Attributes-2026');
}, 300_000);

afterAll(async () => {
  await app?.stop();
});

const put = (documentId: string, body: object, token = tokens.admin) =>
  request(app.server).put(path(documentId)).set('Authorization', `Bearer ${token}`).send(body);
const definition = async () =>
  (await request(app.server).get('/api/open311/v2/services/LAMP-09.json').expect(200)).body;

it('answers 400 field by field in Chinese and stores nothing', async () => {
  const response = await put(category, {
    attributes: [
      { ...lamp, code: '路灯 编号' },
      { ...affects, values: [] },
      { ...lamp, datatype: 'colour', description: '' },
    ],
  });
  expect(response.status).toBe(400);
  expect(response.body.error.details.code).toBe('INVALID_INPUT');
  expect(response.body.error.details.reason.zh).toBe('附加信息项有误,请按提示修改');
  const byPath = Object.fromEntries(
    response.body.error.details.errors.map((p: { path: string[]; messageZh: string }) => [
      p.path.join('.'),
      p.messageZh,
    ])
  );
  expect(byPath).toEqual({
    'attributes.0.code': '代码只能包含英文字母、数字和 _ . -',
    'attributes.2.datatype': '类型须为:短文本、数字、日期时间、长文本、单选列表、多选列表',
    'attributes.2.description': '问题(说明)不能为空',
  });
  const lists = await put(category, { attributes: [lamp, { ...affects, values: [] }, lamp] });
  expect(lists.body.error.details.errors.map((p: { path: string[] }) => p.path.join('.'))).toEqual([
    'attributes.1.values',
    'attributes.2.code',
  ]);
  expect((await definition()).attributes).toEqual([]);
});

it('refuses 403 to a role without the settings permission, 404 for an unknown category', async () => {
  const forbidden = await put(category, { attributes: [lamp] }, tokens.leader);
  expect(forbidden.status).toBe(403);
  // The leader may read them (settingsRead), not change them.
  expect(
    (await request(app.server).get(path(category)).set('Authorization', `Bearer ${tokens.leader}`))
      .status
  ).toBe(200);
  const unknown = await put('nosuchcategory000000000', { attributes: [lamp] });
  expect([unknown.status, unknown.body.error.details.code]).toEqual([404, 'NOT_FOUND']);
  expect((await definition()).attributes).toEqual([]);
});

it('stores the list in the order sent, and Open311 services/{code}.json shows it', async () => {
  const saved = await put(category, { attributes: [lamp, affects] });
  expect(saved.status).toBe(200);
  expect(saved.body.data.attributes.map((a: { code: string }) => a.code)).toEqual([
    'lamp_no',
    'affects_traffic',
  ]);
  expect((await definition()).attributes).toEqual([
    {
      variable: true,
      code: 'lamp_no',
      datatype: 'string',
      required: true,
      datatype_description: null,
      order: 1,
      description: '路灯编号',
      values: [],
    },
    {
      variable: true,
      code: 'affects_traffic',
      datatype: 'singlevaluelist',
      required: false,
      datatype_description: null,
      order: 2,
      description: '是否影响出行',
      values: [
        { key: 'yes', name: '是' },
        { key: 'no', name: '否' },
      ],
    },
  ]);
  // Reordered: the second row first.
  await put(category, { attributes: [affects, lamp] }).expect(200);
  const reordered = await definition();
  expect(
    reordered.attributes.map((a: { code: string; order: number }) => [a.code, a.order])
  ).toEqual([
    ['affects_traffic', 1],
    ['lamp_no', 2],
  ]);
  const services = (await request(app.server).get('/api/open311/v2/services.json')).body;
  expect(
    services.find((s: { service_code: string }) => s.service_code === 'LAMP-09')
  ).toMatchObject({ metadata: true });
});
