import escapeHtml from 'escape-html';
import fc from 'fast-check';
import request from 'supertest';
import { feedbackToken } from '../../plugins/minyi/server/src/domain/feedback-token';
import { createPublicCounty, PERSONAL, writableState } from '../helpers/public-county';
import { startApp, type TestApp } from '../helpers/strapi';
import { minyiConfig, minyiService } from '../../plugins/minyi/server/src/plugin';
import type { Actor } from '../../plugins/minyi/server/src/services/handling/workflow';

/**
 * Fuzzing the public routes with fast-check: thousands of random and malformed bodies, query
 * strings and headers. Every answer is below 500; every refused request (and the honeypot's decoy
 * success) leaves items, events, links and the outbox exactly as they were; markup a resident
 * stored comes back as JSON data or escaped HTML, never as live markup.
 */
let app: TestApp;
let validCode: string;
const accepted: Array<{ trackingCode: string; title: string }> = [];

beforeAll(async () => {
  app = await startApp({
    MINYI_RATE_LIMIT_SUBMIT: '1000000',
    MINYI_RATE_LIMIT_TRACK: '1000000',
    MINYI_RATE_LIMIT_FEEDBACK: '1000000',
  });
  await createPublicCounty(app.strapi);
  const response = await request(app.server)
    .post('/api/items')
    .send({ data: { title: '样例', content: '样例', grid: 'G' } })
    .expect(201);
  validCode = response.body.data.trackingCode;
});

afterAll(async () => {
  await app?.stop();
});

const MARKUP = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "'; DROP TABLE items; --",
  '{{7*7}}',
  '${7*7}',
  '\u0000',
  '\u202e',
  '𠮷'.repeat(3),
];
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(...MARKUP),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constant('x'.repeat(6000))
);
const anyValue = fc.oneof(
  text,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(text, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), text, { maxKeys: 3 })
);
const FIELDS = [
  'title',
  'content',
  'type',
  'category',
  'grid',
  'address',
  'lat',
  'long',
  'submitterName',
  'submitterPhone',
  'submitterEmail',
  'anonymous',
  'emailConsent',
  'homepage',
  'channel',
  'state',
  'level',
  'receiptSecretHash',
  'firstResponder',
  '__proto__',
  'constructor',
];
const field = fc.constantFrom(...FIELDS);
const markupText = fc
  .tuple(fc.string({ minLength: 1, maxLength: 20 }), fc.constantFrom(...MARKUP.slice(0, 5)))
  .map(([a, b]) => `${a.trim() || 'x'}${b}`);
/** Valid bodies whose free text carries markup, bodies near the valid shape (some fields wrong), and far from it. */
const submissionBody = fc.oneof(
  fc.record({
    data: fc.record(
      {
        title: markupText,
        content: markupText,
        grid: fc.constantFrom('G', 'T'),
        address: fc.option(markupText, { nil: undefined }),
      },
      { requiredKeys: ['title', 'content', 'grid'] }
    ),
  }),
  fc
    .record(
      {
        title: fc.oneof(text, anyValue),
        content: fc.oneof(text, anyValue),
        grid: fc.oneof(fc.constantFrom('G', 'T', 'C', 'NOPE', ''), anyValue),
        category: fc.oneof(fc.constantFrom('ENV', 'ROAD', 'NOPE'), anyValue),
        type: fc.oneof(fc.constantFrom('complaint', 'request', 'spam'), anyValue),
        lat: fc.oneof(fc.double({ min: -100, max: 100, noNaN: true }), anyValue),
        submitterPhone: fc.oneof(fc.constantFrom('13912345678', '+86 736 1234567'), text),
        submitterEmail: fc.oneof(fc.emailAddress(), text),
        emailConsent: fc.oneof(fc.boolean(), anyValue),
        homepage: fc.oneof(fc.constant(''), text),
        extra: fc.dictionary(field, anyValue, { maxKeys: 2 }),
      },
      { requiredKeys: ['title', 'content', 'grid'] }
    )
    .map(({ extra, ...data }) => ({ data: { ...data, ...extra } })),
  fc.record({ data: fc.dictionary(field, anyValue, { maxKeys: 6 }) }),
  fc.anything({ maxDepth: 3 })
);

const rawBody = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.constantFrom(
    '{',
    '{"data":',
    '{"data": {"title": "a", }',
    'null',
    '[]',
    '"data"',
    '{"data": null}',
    '\u0000\u0001',
    '{"data":{"title":"' + 'a'.repeat(300000) + '"}}'
  )
);
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-16',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/vnd.api+json',
  '',
  'garbage/;;;',
  'application/json; charset=nope'
);
const headerValue = fc.oneof(
  fc.string({ maxLength: 60 }).map((value) => value.replace(/[^\x20-\x7e]/g, '')),
  fc.constantFrom(
    'Bearer',
    'Bearer ',
    'Bearer x.y.z',
    'Basic YWRtaW46YWRtaW4=',
    'Bearer ' + 'f'.repeat(256),
    'Bearer eyJhbGciOiJub25lIn0.eyJpZCI6MX0.'
  )
);
const headers = fc.record(
  {
    authorization: headerValue,
    accept: fc.constantFrom('*/*', 'text/html', 'application/xml', '', 'application/json;q=0'),
    origin: fc.constantFrom('https://evil.example', 'null', 'http://localhost:1337'),
    'x-forwarded-for': fc.constantFrom('1.2.3.4', 'garbage', '::1, 10.0.0.1'),
    cookie: headerValue,
    'accept-language': headerValue,
  },
  { requiredKeys: [] }
);
const QUERY_KEYS = [
  'filters[submitterPhone][$startsWith]',
  'filters[$or][0][staff][phone][$eq]',
  'populate',
  'populate[staff][populate]',
  'sort',
  'fields[0]',
  'pagination[pageSize]',
  'pagination[page]',
  'filters[updatedBy][email][$contains]',
  'locale',
  'status',
  'token',
  'filters[id][$in][0]',
  'populate[0]',
];
const queryString = fc
  .array(
    fc.tuple(
      fc.oneof(fc.constantFrom(...QUERY_KEYS), fc.string({ maxLength: 20 })),
      fc.oneof(text, fc.constantFrom('*', '-1', '1e309', 'true', '[]', '%00', '%E0%A4%A'))
    ),
    { maxLength: 5 }
  )
  .map((pairs) =>
    pairs
      .map(
        ([key, value]) =>
          `${encodeURIComponent(key).replace(/%5B/g, '[').replace(/%5D/g, ']')}=${encodeURIComponent(value)}`
      )
      .join('&')
  );
const GET_ROUTES = [
  '/api/grids',
  '/api/departments',
  '/api/categories',
  '/api/items',
  '/api/items/track/CODE',
  '/api/items/track/CODE/feedback',
  '/api/item-events',
  '/api/staffs',
];
const trackingPath = fc.oneof(
  fc.constant('CODE'),
  fc.string({ maxLength: 30 }).map(encodeURIComponent),
  fc.constantFrom('..%2F..%2Fadmin', '%3Cscript%3E', 'MY' + '0'.repeat(12), '%00', 'a'.repeat(500))
);

type Sent = { status: number; state: 'changed' | 'unchanged' };

async function send(
  build: () => request.Test,
  mayWrite: (response: request.Response) => boolean
): Promise<Sent> {
  const before = await writableState(app.strapi);
  const response = await build();
  expect(response.status).toBeLessThan(500);
  const after = await writableState(app.strapi);
  const changed = JSON.stringify(after) !== JSON.stringify(before);
  if (!mayWrite(response)) expect(after).toEqual(before);
  return { status: response.status, state: changed ? 'changed' : 'unchanged' };
}

/** Only a real acceptance (201 without the honeypot) writes. */
function realSubmission(body: unknown) {
  return (response: request.Response) => {
    const data = (body as { data?: { homepage?: unknown } } | null)?.data;
    const honeypot = typeof data?.homepage === 'string' && data.homepage.trim() !== '';
    if (
      response.status === 201 &&
      !honeypot &&
      typeof response.body?.data?.trackingCode === 'string'
    ) {
      accepted.push({
        trackingCode: response.body.data.trackingCode,
        title: String((data as { title?: unknown }).title ?? ''),
      });
      return true;
    }
    return false;
  };
}

const RUNS = Number(process.env.FUZZ_RUNS ?? 1);
const fuzzTimeout = 600_000;

describe('fuzzing the public routes', () => {
  it(
    'POST /api/items with random JSON bodies and headers',
    async () => {
      await fc.assert(
        fc.asyncProperty(submissionBody, headers, async (body, extraHeaders) => {
          await send(
            () =>
              request(app.server)
                .post('/api/items')
                .set(extraHeaders)
                .set('Content-Type', 'application/json')
                .send(JSON.stringify(body) ?? ''),
            realSubmission(body)
          );
        }),
        { numRuns: 1500 * RUNS }
      );
      expect(accepted.length).toBeGreaterThan(50);
    },
    fuzzTimeout
  );

  it(
    'POST /api/items with malformed, oversized and mistyped raw bodies',
    async () => {
      await fc.assert(
        fc.asyncProperty(rawBody, contentType, async (body, type) => {
          const result = await send(
            () => {
              const req = request(app.server).post('/api/items');
              if (type !== '') req.set('Content-Type', type);
              return req.send(body);
            },
            () => false
          );
          expect(result.status).toBeGreaterThanOrEqual(400);
        }),
        { numRuns: 600 * RUNS }
      );
    },
    fuzzTimeout
  );

  it(
    'GET public routes with random query strings, tracking codes and headers',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...GET_ROUTES),
          trackingPath,
          queryString,
          headers,
          async (route, code, query, extraHeaders) => {
            const path = route.replace('CODE', code === 'CODE' ? validCode : code);
            let body = '';
            await send(
              () => request(app.server).get(`${path}?${query}`).set(extraHeaders),
              (response) => {
                body = response.text;
                return false;
              }
            );
            for (const value of Object.values(PERSONAL)) expect(body).not.toContain(value);
          }
        ),
        { numRuns: 1200 * RUNS }
      );
    },
    fuzzTimeout
  );

  it(
    'POST feedback with random bodies, credentials and content types',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          trackingPath,
          fc.oneof(
            fc.anything({ maxDepth: 2 }),
            fc.record({
              data: fc.dictionary(
                fc.constantFrom('solved', 'satisfaction', 'receiptSecret', 'x'),
                anyValue
              ),
            })
          ),
          fc.option(text),
          headers,
          async (code, body, token, extraHeaders) => {
            const path = `/api/items/track/${code === 'CODE' ? validCode : code}/feedback${token === null ? '' : `?token=${encodeURIComponent(token)}`}`;
            await send(
              () =>
                request(app.server)
                  .post(path)
                  .set(extraHeaders)
                  .set('Content-Type', 'application/json')
                  .send(JSON.stringify(body) ?? ''),
              () => false
            );
          }
        ),
        { numRuns: 600 * RUNS }
      );
    },
    fuzzTimeout
  );

  it(
    'returns stored markup as JSON data, and escaped in the feedback page',
    async () => {
      const withMarkup = accepted.filter((item) => /[<>"'&]/.test(item.title)).slice(0, 10);
      expect(withMarkup.length).toBeGreaterThan(0);
      const workflow = minyiService(app.strapi, 'workflow');
      const coordinator: Actor = { role: 'county-coordinator', label: '县委社会工作部' };
      const key = minyiConfig(app.strapi).feedbackKey;
      for (const item of withMarkup) {
        const tracked = await request(app.server)
          .get(`/api/items/track/${item.trackingCode}`)
          .expect(200);
        expect(tracked.type).toBe('application/json');
        expect(tracked.headers['x-content-type-options']).toBe('nosniff');
        const row = await app.strapi.db
          .connection('items')
          .where('tracking_code', item.trackingCode)
          .first('document_id', 'title');
        expect(tracked.body.data.title).toBe(row.title);
        for (const [action, data] of [
          ['accept', {}],
          ['assign', { grid: 'G' }],
          ['start', {}],
          ['resolve', { reply: '<b>已处理</b>' }],
        ] as const) {
          await workflow.act(row.document_id, action, coordinator, data);
        }
        const form = await request(app.server)
          .get(
            `/api/items/track/${item.trackingCode}/feedback?token=${feedbackToken(item.trackingCode, key)}`
          )
          .expect(200);
        expect(form.text).toContain(escapeHtml(row.title));
        if (/[<>]/.test(row.title)) expect(form.text).not.toContain(row.title);
        expect(form.headers['content-security-policy']).toContain("default-src 'self'");
      }
    },
    fuzzTimeout
  );
});
