import { createHash } from 'crypto';
import request from 'supertest';
import {
  createPublicCounty,
  PERSONAL,
  type PublicCounty,
  writableState,
} from '../helpers/public-county';
import { startApp, type TestApp } from '../helpers/strapi';
import { contentDocuments } from '../helpers/content-data';
import { minyiConfig, minyiService } from '../../plugins/minyi/server/src/plugin';
import type { Actor } from '../../plugins/minyi/server/src/services/handling/workflow';

/**
 * The public and partner item routes end to end on the real app: submission (routing, deadline,
 * event, mail, receipt secret stored only as a hash), tracking (no personal data), resident
 * feedback (closes or reopens through the workflow), partner tokens fixed to a channel, the
 * bilingual 400s, 401/403/404/409, the honeypot and the per-IP rate limit (429, Retry-After).
 */
const SUBMIT_LIMIT = 25;
let app: TestApp;
let county: PublicCounty;

beforeAll(async () => {
  app = await startApp({
    CORS_ORIGINS: 'https://portal.example.gov.cn',
    MINYI_RATE_LIMIT_SUBMIT: String(SUBMIT_LIMIT),
    MINYI_RATE_LIMIT_FEEDBACK: '100',
    MINYI_RATE_LIMIT_TRACK: '1000',
  });
  county = await createPublicCounty(app.strapi);
});

afterAll(async () => {
  await app?.stop();
});

const db = () => app.strapi.db.connection;
function submit(data: unknown, token?: string) {
  const req = request(app.server).post('/api/items');
  if (token) req.set('Authorization', `Bearer ${token}`);
  return req.send(data as object);
}
const resident = {
  title: '垃圾未清运',
  content: '小区垃圾三天没人收',
  submitterName: PERSONAL.submitterName,
  submitterPhone: PERSONAL.submitterPhone,
  submitterEmail: PERSONAL.submitterEmail,
  emailConsent: true,
  address: PERSONAL.address,
};

async function itemRow(trackingCode: string) {
  return db()('items').where('tracking_code', trackingCode).first();
}

async function resolve(trackingCode: string, reply = '已清运') {
  const row = await itemRow(trackingCode);
  const workflow = minyiService(app.strapi, 'workflow');
  const coordinator: Actor = { role: 'county-coordinator', label: '县委社会工作部' };
  for (const [action, data] of [
    ['accept', {}],
    ['assign', { grid: 'G' }],
    ['start', {}],
    ['resolve', { reply }],
  ] as const) {
    const current = await itemRow(trackingCode);
    if (current.state === 'reopened' && action === 'accept') continue;
    await workflow.act(row.document_id, action, coordinator, data);
  }
}

describe('POST /api/items (public)', () => {
  it("answers 201 with the receipt, routed and given a deadline, with its event and the owners' mail", async () => {
    const response = await submit({
      data: {
        ...resident,
        grid: 'G',
        category: 'ENV',
        type: 'complaint',
        lat: 29.41,
        long: 112.17,
      },
    }).expect(201);
    const receipt = response.body.data;
    expect(Object.keys(receipt).sort()).toEqual([
      'dueAt',
      'level',
      'receiptSecret',
      'status',
      'trackingCode',
    ]);
    expect(receipt).toMatchObject({ status: 'submitted', level: 'grid' });
    expect(receipt.trackingCode).toMatch(/^MY[0-9A-Z]{12}$/);
    expect(receipt.receiptSecret).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(new Date(receipt.dueAt).getTime()).toBeGreaterThan(Date.now());

    const row = await itemRow(receipt.trackingCode);
    expect(row).toMatchObject({
      channel: 'website',
      state: 'submitted',
      level: 'grid',
      grid_path: '/C/T/G/',
      submitter_phone: PERSONAL.submitterPhone,
      type: 'complaint',
    });
    expect(row.receipt_secret_hash).toBe(
      createHash('sha256').update(`receipt:${receipt.receiptSecret}`).digest('hex')
    );
    expect(JSON.stringify(row)).not.toContain(receipt.receiptSecret);
    expect(Number(row.escalation_count)).toBe(0);

    const events = await db()('item_events as e')
      .join('item_events_item_lnk as l', 'l.item_event_id', 'e.id')
      .where('l.item_id', row.id)
      .select('e.type', 'e.to_status', 'e.actor_label');
    expect(events).toEqual([
      { type: 'created', to_status: 'submitted', actor_label: '群众(网站)' },
    ]);
    const mail = await db()('minyi_outbox_messages')
      .where('item_document_id', row.document_id)
      .select('template', 'recipient');
    expect(mail).toEqual([{ template: 'assigned', recipient: PERSONAL.staffEmail }]);

    // The Document Service reads it like any other item (document id, relations, published).
    const item = await app.strapi
      .documents('api::item.item')
      .findOne({ documentId: row.document_id, populate: ['grid', 'category', 'assignedGrid'] });
    expect(item).toMatchObject({
      trackingCode: receipt.trackingCode,
      grid: { code: 'G' },
      category: { code: 'ENV' },
      assignedGrid: { code: 'G' },
    });
  });

  it('routes by the category: a township category lands at the township, by documentId references', async () => {
    const response = await submit({
      data: {
        title: '路面塌陷',
        content: '桥头路面塌陷',
        grid: county.grid.documentId,
        category: county.townshipCategory.documentId,
      },
    }).expect(201);
    expect(response.body.data.level).toBe('township');
    const row = await itemRow(response.body.data.trackingCode);
    const assigned = await db()('items_assigned_grid_lnk as l')
      .join('grids as g', 'g.id', 'l.grid_id')
      .where('l.item_id', row.id)
      .first('g.code');
    expect(assigned.code).toBe('T');
    const mail = await db()('minyi_outbox_messages')
      .where('item_document_id', row.document_id)
      .select('recipient');
    expect(mail.map((m: { recipient: string }) => m.recipient)).toEqual([PERSONAL.officerEmail]);
  });

  it('refuses bad input field by field in Chinese and English, and writes nothing', async () => {
    const before = await writableState(app.strapi);
    const response = await submit({
      data: {
        title: '',
        content: 'x'.repeat(5001),
        grid: 'G',
        channel: 'mayor-hotline',
        lat: 'north',
        submitterEmail: 'nope',
      },
    }).expect(400);
    expect(response.body.data).toBeNull();
    expect(response.body.error).toMatchObject({ status: 400, name: 'ValidationError' });
    const problems = response.body.error.details.errors as Array<{
      path: string[];
      message: string;
      messageZh: string;
    }>;
    const byPath = Object.fromEntries(problems.map((problem) => [problem.path.join('.'), problem]));
    expect(byPath['data.title']).toMatchObject({
      messageZh: '标题不能为空',
      message: 'title must not be empty',
    });
    expect(byPath['data.content'].messageZh).toBe('内容最多 5000 个字符');
    expect(byPath['data.lat'].messageZh).toContain('纬度');
    expect(byPath['data.submitterEmail'].messageZh).toBe('电子邮箱格式不正确');
    expect(byPath.data.message).toContain('channel');

    const unknownGrid = await submit({
      data: { title: 'a', content: 'b', grid: 'NO-SUCH-GRID' },
    }).expect(400);
    expect(unknownGrid.body.error.details.errors[0]).toMatchObject({ path: ['data', 'grid'] });
    await submit({ data: { title: 'a', content: 'b', grid: 'G', category: 'NOPE' } }).expect(400);
    await submit({ title: 'a', content: 'b', grid: 'G' }).expect(400);
    expect(await writableState(app.strapi)).toEqual(before);
  });

  it('answers a filled honeypot like a success but stores nothing; the decoy code tracks to 404', async () => {
    const before = await writableState(app.strapi);
    const response = await submit({
      data: { title: 'Cheap pills', content: 'buy', grid: 'G', homepage: 'http://spam.example' },
    }).expect(201);
    expect(response.body.data.trackingCode).toMatch(/^MY/);
    expect(await writableState(app.strapi)).toEqual(before);
    await request(app.server)
      .get(`/api/items/track/${response.body.data.trackingCode}`)
      .expect(404);
  });
});

describe('items created elsewhere (content manager, scripts)', () => {
  it('still get their tracking code and grid path, read from the grid before the insert', async () => {
    const shapes: unknown[] = [];
    app.strapi.db.lifecycles.subscribe({
      models: ['api::item.item'],
      beforeCreate: (event: { params: { data?: { grid?: unknown } } }) =>
        void shapes.push(event.params.data?.grid),
    });
    const item = await contentDocuments(app.strapi)('api::item.item').create({
      data: {
        title: '文档服务',
        content: '直接创建',
        channel: 'grid-worker',
        grid: county.grid.documentId,
      },
    });
    const row = await db()('items')
      .where('document_id', item.documentId)
      .first('grid_path', 'tracking_code');
    expect(row.grid_path).toBe('/C/T/G/');
    expect(row.tracking_code).toMatch(/^MY/);
    // The shape the fast path reads (relationTargetId); another shape would fall back to the sync after create.
    expect(shapes).toEqual([{ set: [{ id: expect.any(Number) }] }]);
  });
});

describe('GET /api/items/track/:trackingCode', () => {
  it('shows status, level, unit, deadline and the public timeline — no personal data, no internal notes', async () => {
    const { body } = await submit({ data: { ...resident, grid: 'G', category: 'ENV' } }).expect(
      201
    );
    const code = body.data.trackingCode as string;
    const row = await itemRow(code);
    await minyiService(app.strapi, 'change-log').appendEvents(db(), [
      {
        itemId: row.id,
        type: 'commented',
        actorLabel: PERSONAL.staffName,
        note: '内部备注:居民脾气大',
        at: new Date(),
      },
    ]);
    const response = await request(app.server)
      .get(`/api/items/track/${code.toLowerCase().replace(/^(.{6})/, '$1-')}`)
      .expect(200);
    const view = response.body.data;
    expect(view).toMatchObject({
      trackingCode: code,
      title: resident.title,
      status: 'submitted',
      statusLabel: '已提交',
      level: 'grid',
      unit: '一网格',
      reply: null,
    });
    expect(view.timeline).toEqual([
      expect.objectContaining({
        type: 'created',
        label: '已提交',
        level: 'grid',
        status: 'submitted',
      }),
    ]);
    const text = JSON.stringify(response.body);
    for (const value of Object.values(PERSONAL)) expect(text).not.toContain(value);
    expect(text).not.toContain('内部备注');
    expect(text).not.toContain(row.document_id);
  });

  it('answers unknown and malformed codes with the same 404', async () => {
    const unknown = await request(app.server).get('/api/items/track/MY0000000000AB').expect(404);
    const malformed = await request(app.server).get('/api/items/track/%3Cscript%3E').expect(404);
    expect(unknown.body).toEqual(malformed.body);
    expect(unknown.body.error).toMatchObject({ status: 404, name: 'NotFoundError' });
  });
});

describe('resident feedback', () => {
  it('needs a resolved item, the receipt secret or the signed link; "not solved" reopens, "solved" closes', async () => {
    const { body } = await submit({
      data: {
        ...resident,
        title: '<b>路灯</b><script>alert(1)</script>',
        grid: 'G',
        category: 'ENV',
      },
    }).expect(201);
    const { trackingCode, receiptSecret } = body.data as {
      trackingCode: string;
      receiptSecret: string;
    };
    const feedback = (data: unknown, query = '') =>
      request(app.server).post(`/api/items/track/${trackingCode}/feedback${query}`).send({ data });

    await feedback({ solved: true, satisfaction: 'satisfied', receiptSecret }).expect(409);
    await resolve(trackingCode);
    const before = await writableState(app.strapi);
    await feedback({ solved: true, satisfaction: 'satisfied' }).expect(401);
    await feedback({
      solved: true,
      satisfaction: 'satisfied',
      receiptSecret: 'x'.repeat(22),
    }).expect(403);
    await feedback({ solved: true, satisfaction: 'satisfied' }, '?token=forged').expect(403);
    const invalid = await feedback({
      solved: 'maybe',
      satisfaction: 'great',
      receiptSecret,
    }).expect(400);
    expect(
      invalid.body.error.details.errors.map((e: { path: string[] }) => e.path.join('.')).sort()
    ).toEqual(['data.satisfaction', 'data.solved']);
    await request(app.server)
      .post('/api/items/track/MY0000000000AB/feedback')
      .send({ data: { solved: true, satisfaction: 'satisfied', receiptSecret } })
      .expect(404);
    expect(await writableState(app.strapi)).toEqual(before);

    const reopened = await feedback({
      solved: false,
      satisfaction: 'dissatisfied',
      receiptSecret,
    }).expect(200);
    expect(reopened.body.data).toMatchObject({ status: 'reopened', solved: false });
    let row = await itemRow(trackingCode);
    expect(row).toMatchObject({ state: 'reopened', satisfaction: 'dissatisfied' });
    expect(Boolean(row.callback_solved)).toBe(false);

    // Resolved again: the signed link from the resolution mail is enough, and a GET shows the form.
    await resolve(trackingCode, '已更换灯泡');
    const { feedbackToken } = await import('../../plugins/minyi/server/src/domain/feedback-token');
    const token = feedbackToken(trackingCode, minyiConfig(app.strapi).feedbackKey);
    const form = await request(app.server)
      .get(`/api/items/track/${trackingCode}/feedback?token=${token}`)
      .expect(200);
    expect(form.type).toBe('text/html');
    expect(form.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(form.text).not.toContain('<script>');
    await request(app.server)
      .get(`/api/items/track/${trackingCode}/feedback?token=nope`)
      .expect(403);

    const closed = await request(app.server)
      .post(`/api/items/track/${trackingCode}/feedback?token=${token}`)
      .type('form')
      .send({ solved: 'yes', satisfaction: 'very-satisfied' })
      .expect(200);
    expect(closed.type).toBe('text/html');
    row = await itemRow(trackingCode);
    expect(row).toMatchObject({ state: 'closed', satisfaction: 'very-satisfied' });
    expect(Boolean(row.callback_solved)).toBe(true);
    await feedback({ solved: true, satisfaction: 'satisfied', receiptSecret }).expect(409);

    const track = await request(app.server).get(`/api/items/track/${trackingCode}`).expect(200);
    expect(track.body.data).toMatchObject({ status: 'closed', reply: '已更换灯泡' });
    expect(track.body.data.timeline.map((entry: { type: string }) => entry.type)).toEqual([
      'created',
      'accepted',
      'assigned',
      'started',
      'resolved',
      'callback',
      'reopened',
      'assigned',
      'started',
      'resolved',
      'callback',
      'closed',
    ]);
  });
});

describe('partner API tokens', () => {
  async function token(description: string, type: 'custom' | 'read-only' = 'custom') {
    const created = await app.strapi.service('admin::api-token').create({
      kind: 'content-api',
      name: `partner ${description}`,
      description,
      type,
      lifespan: null,
      permissions: type === 'custom' ? ['api::item.public-item.submit'] : undefined,
    });
    return { accessKey: created.accessKey as string, id: Number(created.id) };
  }

  it("records the token's channel and the token on every item it creates", async () => {
    const hotline = await token('12345 热线系统 channel: mayor-hotline');
    const response = await submit(
      {
        data: { title: '噪音扰民', content: '夜间施工', grid: 'T', submitterPhone: '0736-1234567' },
      },
      hotline.accessKey
    ).expect(201);
    const row = await itemRow(response.body.data.trackingCode);
    expect(row).toMatchObject({ channel: 'mayor-hotline', partner_token_id: hotline.id });
    expect(response.body.data.level).toBe('township');
  });

  it('refuses a token without a channel (403), a read-only token (403) and an unknown token (401)', async () => {
    const before = await writableState(app.strapi);
    const plain = await token('no channel here');
    await submit({ data: { title: 'a', content: 'b', grid: 'G' } }, plain.accessKey).expect(403);
    const readOnly = await token('channel: cppcc-cloud', 'read-only');
    await submit({ data: { title: 'a', content: 'b', grid: 'G' } }, readOnly.accessKey).expect(403);
    await submit({ data: { title: 'a', content: 'b', grid: 'G' } }, 'f'.repeat(256)).expect(401);
    expect(await writableState(app.strapi)).toEqual(before);
  });
});

describe('HTTP hardening', () => {
  it('sends security headers, and CORS headers only to allowed origins', async () => {
    const allowed = await request(app.server)
      .get('/api/items/track/MY0000000000AB')
      .set('Origin', 'https://portal.example.gov.cn')
      .expect(404);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://portal.example.gov.cn');
    expect(allowed.headers['x-content-type-options']).toBe('nosniff');
    expect(allowed.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(allowed.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(allowed.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(allowed.headers['content-security-policy']).toContain("object-src 'none'");
    // Not production: no HSTS (it would pin a plain-HTTP development host to HTTPS).
    expect(allowed.headers['strict-transport-security']).toBeUndefined();
    const preflight = await request(app.server)
      .options('/api/items')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const other = await request(app.server)
      .get('/api/grids')
      .set('Origin', 'https://evil.example')
      .expect(200);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers unreadable bodies with 4xx, never 500', async () => {
    const malformed = await request(app.server)
      .post('/api/items')
      .set('Content-Type', 'application/json')
      .send('{"data": {')
      .expect(400);
    expect(malformed.body.error).toMatchObject({ status: 400, name: 'BadRequestError' });
    await request(app.server)
      .post('/api/items')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ data: { title: 'x'.repeat(300_000) } }))
      .expect(413);
    const charset = await request(app.server)
      .post('/api/items')
      .set('Content-Type', 'application/json; charset=nope')
      .send('{}');
    expect([400, 415]).toContain(charset.status);
    const multipart = await request(app.server)
      .post('/api/items')
      .set('Content-Type', 'multipart/form-data; boundary=x')
      .send('garbage');
    expect(multipart.status).toBeGreaterThanOrEqual(400);
    expect(multipart.status).toBeLessThan(500);
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After once an IP has used its submissions for the window', async () => {
    // Every request counts, accepted or refused; earlier tests used some of this window already.
    let response = await submit({ data: { title: 'a', content: 'b', grid: 'G' } });
    for (let sent = 1; response.status !== 429 && sent <= SUBMIT_LIMIT; sent += 1) {
      response = await submit({ data: {} });
    }
    expect(response.status).toBe(429);
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    expect(response.body.error).toMatchObject({ status: 429, name: 'RateLimitError' });
  });
});
