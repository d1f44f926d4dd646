import request from 'supertest';
import { createPublicCounty, writableState } from '../helpers/public-county';
import { startApp, TEST_ADMIN, type TestApp } from '../helpers/strapi';

/**
 * Text input at the edge (issue 15): a NUL or another control character (but tab and line
 * breaks) or a lone surrogate in any text field is a 400 naming the field in English and Chinese,
 * and nothing is written — the same on SQLite and PostgreSQL (on PostgreSQL these were 500s:
 * "invalid byte sequence for encoding UTF8: 0x00"; on SQLite the NUL was stored).
 * The spot-check and notice routes are covered in audit-access.test.ts.
 */
let app: TestApp;
let adminToken: string;
let partnerToken: string;

beforeAll(async () => {
  app = await startApp({ MINYI_RATE_LIMIT_SUBMIT: '1000', MINYI_RATE_LIMIT_FEEDBACK: '1000' });
  await createPublicCounty(app.strapi);
  adminToken = (await request(app.server).post('/admin/login').send(TEST_ADMIN).expect(200)).body
    .data.token;
  const created = await app.strapi.service('admin::api-token').create({
    kind: 'content-api',
    name: 'hotline',
    description: 'channel: mayor-hotline',
    type: 'custom',
    lifespan: null,
    permissions: ['api::item.public-item.submit'],
  });
  partnerToken = created.accessKey as string;
});

afterAll(async () => {
  await app?.stop();
});

const valid = { title: '路灯不亮', content: '村口路灯坏了', grid: 'G', address: '幸福路' };
const HOSTILE: Array<[string, string]> = [
  ['NUL', 'a\u0000b'],
  ['escape', 'a\u001b[31mb'],
  ['DEL', 'a\u007fb'],
  ['lone high surrogate', 'a\ud800b'],
  ['lone low surrogate', '\udc00'],
];

function submit(data: Record<string, unknown>, token?: string) {
  const req = request(app.server).post('/api/items');
  if (token) req.set('Authorization', `Bearer ${token}`);
  return req.send({ data });
}

describe('public and partner submission', () => {
  it.each(HOSTILE)(
    'refuses %s in every text field with a bilingual 400, writing nothing',
    async (_, bad) => {
      for (const field of ['title', 'content', 'address', 'submitterName', 'grid', 'category']) {
        for (const token of [undefined, partnerToken]) {
          const before = await writableState(app.strapi);
          const response = await submit({ ...valid, [field]: bad }, token);
          expect(response.status).toBe(400);
          const errors = response.body.error.details.errors as Array<{
            path: string[];
            message: string;
            messageZh: string;
          }>;
          expect(errors).toContainEqual({
            path: ['data', field],
            message: expect.stringMatching(new RegExp(`^${field} contains`)),
            messageZh: expect.stringMatching(/含有(不允许的控制字符|无效的 Unicode 字符)/),
          });
          expect(await writableState(app.strapi)).toEqual(before);
        }
      }
    }
  );

  it('still accepts tabs, line breaks, emoji and rare CJK characters, and stores them as sent', async () => {
    const content = '第一行\r\n第二行\t缩进 😀 𠀀';
    const response = await submit({ ...valid, content }).expect(201);
    const row = await app.strapi.db
      .connection('items')
      .where('tracking_code', response.body.data.trackingCode)
      .first();
    expect(row.content).toBe(content);
  });
});

describe('resident feedback', () => {
  it.each(HOSTILE)('refuses %s in the receipt secret with 400', async (_, bad) => {
    const { trackingCode } = (await submit(valid).expect(201)).body.data;
    const response = await request(app.server)
      .post(`/api/items/track/${trackingCode}/feedback`)
      .send({ data: { solved: true, satisfaction: 'satisfied', receiptSecret: bad } });
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0]).toMatchObject({
      path: ['data', 'receiptSecret'],
      messageZh: expect.stringMatching(/^回执密钥含有/),
    });
  });
});

describe('the admin handling route', () => {
  it.each(HOSTILE)(
    'refuses %s in a note or reason with 400, leaving the item as it was',
    async (_, bad) => {
      const { trackingCode } = (await submit(valid).expect(201)).body.data;
      const row = await app.strapi.db
        .connection('items')
        .where('tracking_code', trackingCode)
        .first();
      const act = (action: string, data: Record<string, unknown>) =>
        request(app.server)
          .post(`/minyi/items/${row.document_id}/actions/${action}`)
          .set('Authorization', `Bearer ${adminToken}`)
          .send({ data });
      const before = await writableState(app.strapi);
      for (const [action, data] of [
        ['accept', { note: bad }],
        ['reject', { reason: bad }],
        ['assign', { grid: 'G', note: bad }],
      ] as const) {
        const response = await act(action, data);
        expect(response.status).toBe(400);
        expect(response.body.error.details.code).toBe('INVALID_INPUT');
        expect(JSON.stringify(response.body.error.details.errors)).toMatch(
          /control character|lone surrogate/
        );
      }
      expect(await writableState(app.strapi)).toEqual(before);
      await act('accept', { note: '已受理\n第二行' }).expect(200);
    }
  );
});

/**
 * NUL and lone surrogates in the URL — a path parameter or a query string — never reach the
 * database as a 500 (PostgreSQL refuses 0x00 in text; the admin routes with a document id, the
 * spot-check and notice views and the content manager's document route answered 500 before
 * `plugin::minyi.url-text`): every route answers 400.
 */
describe('URL parameters and query strings', () => {
  const PATHS: Array<[string, string]> = [
    ['public tracking', '/api/items/track/MY%00X'],
    ['public tracking (surrogate)', '/api/items/track/MY%ED%A0%80X'],
    ['public feedback form', '/api/items/track/MY%00X/feedback'],
    ['public stats month', '/api/stats?month=2026-1%001'],
    ['public stats township', '/api/stats?township=a%00b'],
    ['public list filter', '/api/items?filters[title][$eq]=a%00b'],
    ['public list filter (surrogate)', '/api/items?filters[title][$contains]=%ED%A0%80'],
    ['public list sort', '/api/items?sort=title%00'],
    ['public download', '/api/notices/a%00b/download/pdf'],
  ];
  it.each(PATHS)('%s answers 400 naming the URL, never 500', async (_, path) => {
    const response = await request(app.server).get(path);
    expect(response.status).toBe(400);
    expect(response.body.error.details.code).toBe('INVALID_URL_TEXT');
  });

  const ADMIN_PATHS: Array<[string, string, string]> = [
    ['GET', 'item panel', '/minyi/items/a%00b/panel'],
    ['POST', 'handling action', '/minyi/items/a%00b/actions/accept'],
    ['POST', 'handling action name', '/minyi/items/abc/actions/acc%00ept'],
    ['GET', 'spot-check', '/minyi/spot-checks/a%00b'],
    ['GET', 'notice view', '/minyi/notices/a%00b/view'],
    ['GET', 'workbench search', '/minyi/workbench?q=a%00b'],
    ['GET', 'workbench tab', '/minyi/workbench?tab=a%ED%A0%80'],
    ['GET', 'intake duplicates', '/minyi/intake/duplicates?title=a%00b&address=x'],
    ['GET', 'settings section', '/minyi/settings/a%00b'],
    [
      'GET',
      'content manager list filter',
      '/content-manager/collection-types/api::item.item?filters[$and][0][title][$eq]=a%00b',
    ],
    ['GET', 'content manager search', '/content-manager/collection-types/api::item.item?_q=a%00b'],
    ['GET', 'content manager document', '/content-manager/collection-types/api::item.item/a%00b'],
  ];
  it.each(ADMIN_PATHS)('%s %s answers 400 naming the URL, never 500', async (method, _, path) => {
    const req =
      method === 'GET' ? request(app.server).get(path) : request(app.server).post(path).send({});
    const response = await req.set('Authorization', `Bearer ${adminToken}`);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/U\+0000|UTF-8/);
  });

  it("answers the Open311 routes with the spec's error list, in the format of the path", async () => {
    const json = await request(app.server).get('/api/open311/v2/requests/a%00b.json');
    expect(json.status).toBe(400);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(json.body).toEqual([{ code: 400, description: expect.stringMatching(/U\+0000/) }]);
    const xml = await request(app.server).get(
      '/api/open311/v2/requests.xml?service_code=%ED%A0%80'
    );
    expect(xml.status).toBe(400);
    expect(xml.headers['content-type']).toMatch(/^text\/xml/);
    expect(xml.text).toMatch(/^<\?xml[^>]*\?>\s*<errors><error><code>400<\/code><description>/);
  });

  it('still serves an ordinary encoded Chinese query string', async () => {
    const response = await request(app.server)
      .get(`/minyi/workbench?q=${encodeURIComponent('路灯 坏了')}`)
      .set('Authorization', `Bearer ${adminToken}`);
    expect(response.status).toBe(200);
  });
});
