import { execFile } from 'child_process';
import Ajv2020 from 'ajv/dist/2020';
import sharp from 'sharp';
import request from 'supertest';
import { fixtureDocuments } from '../helpers/fixtures';
import { createPublicCounty } from '../helpers/public-county';
import { uploadedFiles, UPLOADS_DIR } from '../helpers/photos';
import { startApp, type TestApp } from '../helpers/strapi';
import { minyiService } from '../../plugins/minyi/server/src/plugin';
import { promises as fs } from 'fs';
import path from 'path';

/**
 * The OpenAPI document (issue 12, item 5): served at /openapi.json, valid OpenAPI 3.1 by
 * @apidevtools/swagger-parser, browsable at /documentation (swagger-ui-dist); and every
 * documented operation called on the live app, each answer's status documented and its body
 * valid against the document's schema for that status and content type.
 */
let app: TestApp;
let document: Record<string, unknown>;
/** The parts of the dereferenced document the tests read. */
interface DereferencedDocument {
  paths: Record<string, Record<string, Operation>>;
}
let dereferenced: DereferencedDocument;
let filesBefore: string[] = [];
let validation: { ok: boolean; error?: string };
let open311Key: string;

/** swagger-parser's verdict and the dereferenced document (tests/helpers/openapi-validate.mjs). */
function validateWithSwaggerParser(
  doc: unknown
): Promise<{ ok: boolean; error?: string; dereferenced?: DereferencedDocument }> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [path.join(__dirname, '..', 'helpers', 'openapi-validate.mjs')],
      { maxBuffer: 64 * 1024 * 1024 },
      (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout)))
    );
    child.stdin?.end(JSON.stringify(doc));
  });
}

interface Operation {
  operationId: string;
  responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
}

const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
const called = new Map<string, Set<string>>();

beforeAll(async () => {
  filesBefore = uploadedFiles();
  app = await startApp({
    MINYI_RATE_LIMIT_SUBMIT: '100',
    MINYI_RATE_LIMIT_TRACK: '100',
    MINYI_RATE_LIMIT_FEEDBACK: '100',
  });
  const county = await createPublicCounty(app.strapi);
  await fixtureDocuments(app.strapi)('api::category.category').update({
    documentId: county.gridCategory.documentId,
    data: { open311ServiceCode: 'ENV-01' },
  });
  const token = await app.strapi.service('admin::api-token').create({
    kind: 'content-api',
    name: 'Open311 client',
    description: 'channel: open311',
    type: 'custom',
    lifespan: null,
    permissions: ['api::item.public-item.submit'],
  });
  open311Key = token.accessKey as string;
  const response = await request(app.server).get('/openapi.json');
  expect(response.status).toBe(200);
  document = response.body;
  const verdict = await validateWithSwaggerParser(document);
  validation = { ok: verdict.ok, error: verdict.error };
  dereferenced = verdict.dereferenced!;
});

afterAll(async () => {
  await app?.stop();
  for (const name of uploadedFiles().filter((name) => !filesBefore.includes(name)))
    await fs.rm(path.join(UPLOADS_DIR, name), { force: true });
});

/** Checks one live answer against the document: the status is documented, the body fits its schema. */
function conforms(method: string, documentedPath: string, response: request.Response): void {
  const operation = dereferenced.paths[documentedPath]?.[method];
  expect(operation).toBeDefined();
  const status = String(response.status);
  const answer = operation.responses[status];
  expect({ operation: operation.operationId, status, documented: Boolean(answer) }).toEqual({
    operation: operation.operationId,
    status,
    documented: true,
  });
  const type = String(response.headers['content-type'] ?? '').split(';')[0];
  const content = answer.content?.[type];
  expect({ operation: operation.operationId, status, type, documented: Boolean(content) }).toEqual({
    operation: operation.operationId,
    status,
    type,
    documented: true,
  });
  if (content?.schema && type === 'application/json') {
    const validate = ajv.compile(content.schema);
    const valid = validate(response.body);
    expect({ operation: operation.operationId, status, errors: validate.errors ?? null }).toEqual({
      operation: operation.operationId,
      status,
      errors: null,
    });
    expect(valid).toBe(true);
  }
  const seen = called.get(operation.operationId) ?? new Set<string>();
  seen.add(status);
  called.set(operation.operationId, seen);
}

describe('the document', () => {
  it('is OpenAPI 3.1 and valid for @apidevtools/swagger-parser', async () => {
    expect(document.openapi).toBe('3.1.0');
    expect(validation).toEqual({ ok: true });
  });

  it('the checks can fail: a broken document is refused, a wrong body does not fit', async () => {
    const broken = structuredClone(document) as { paths: Record<string, unknown> };
    broken.paths['/api/items'] = { post: { responses: 'none' } };
    expect((await validateWithSwaggerParser(broken)).ok).toBe(false);
    const tracking = dereferenced.paths['/api/items/track/{trackingCode}'].get.responses['200']
      .content?.['application/json'].schema as Record<string, unknown>;
    expect(ajv.compile(tracking)({ data: { trackingCode: 'X' } })).toBe(false);
  });

  it('takes its request bodies from the routes’ zod schemas (the submission’s fields and limits)', () => {
    const submit = dereferenced.paths['/api/items'].post as unknown as {
      requestBody: {
        content: Record<
          string,
          {
            schema: {
              properties: Record<
                string,
                {
                  required: string[];
                  additionalProperties: boolean;
                  properties: Record<string, { maxLength?: number }>;
                }
              >;
            };
          }
        >;
      };
    };
    const data = submit.requestBody.content['application/json'].schema.properties.data;
    expect(data.required).toEqual(expect.arrayContaining(['title', 'content', 'grid']));
    expect(data.properties.title.maxLength).toBe(200);
    expect(data.additionalProperties).toBe(false);
    expect(Object.keys(submit.requestBody.content).sort()).toEqual([
      'application/json',
      'multipart/form-data',
    ]);
  });

  it('is browsable at /documentation with Swagger UI served by the app', async () => {
    const page = await request(app.server).get('/documentation');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('/documentation/swagger-ui-bundle.js');
    const bundle = await request(app.server).get('/documentation/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect(bundle.headers['content-type']).toMatch(/javascript/);
    expect((await request(app.server).get('/documentation/init.js')).text).toContain(
      '/openapi.json'
    );
    // Only the page's own files.
    expect((await request(app.server).get('/documentation/package.json')).status).toBe(404);
    expect((await request(app.server).get('/documentation/..%2Fpackage.json')).status).toBe(404);
  });
});

describe('every documented route answers as documented', () => {
  const item = { title: '路灯不亮', content: '村口路灯坏了', grid: 'G' };
  let trackingCode: string;
  let receiptSecret: string;

  it('POST /api/items (JSON, multipart with photos, refusals)', async () => {
    const created = await request(app.server).post('/api/items').send({ data: item });
    conforms('post', '/api/items', created);
    trackingCode = created.body.data.trackingCode;
    receiptSecret = created.body.data.receiptSecret;
    conforms('post', '/api/items', await request(app.server).post('/api/items').send({ data: {} }));
    const jpeg = await sharp({
      create: { width: 300, height: 200, channels: 3, background: '#888' },
    })
      .jpeg()
      .toBuffer();
    conforms(
      'post',
      '/api/items',
      await request(app.server)
        .post('/api/items')
        .field('data', JSON.stringify(item))
        .attach('photos', jpeg, { filename: 'a.jpg', contentType: 'image/jpeg' })
    );
    conforms(
      'post',
      '/api/items',
      await request(app.server)
        .post('/api/items')
        .field('data', JSON.stringify(item))
        .attach('photos', Buffer.from('GIF89a'), { filename: 'a.gif', contentType: 'image/gif' })
    );
  });

  it('GET /api/items/track/{trackingCode}', async () => {
    conforms(
      'get',
      '/api/items/track/{trackingCode}',
      await request(app.server).get(`/api/items/track/${trackingCode}`)
    );
    conforms(
      'get',
      '/api/items/track/{trackingCode}',
      await request(app.server).get('/api/items/track/NOSUCHCODE000')
    );
  });

  it('feedback: the form page, JSON and form-encoded answers', async () => {
    const feedbackPath = '/api/items/track/{trackingCode}/feedback';
    conforms(
      'get',
      feedbackPath,
      await request(app.server).get(`/api/items/track/${trackingCode}/feedback`)
    );
    conforms(
      'get',
      feedbackPath,
      await request(app.server).get('/api/items/track/NOSUCHCODE000/feedback?token=x')
    );
    // Not resolved yet: 409.
    conforms(
      'post',
      feedbackPath,
      await request(app.server)
        .post(`/api/items/track/${trackingCode}/feedback`)
        .send({ data: { solved: true, satisfaction: 'satisfied', receiptSecret } })
    );
    const row = await app.strapi.db
      .connection('items')
      .where('tracking_code', trackingCode)
      .first('document_id');
    const coordinator = { role: 'county-coordinator' as const, label: '县委社会工作部' };
    const workflow = minyiService(app.strapi, 'workflow');
    for (const [action, data] of [
      ['accept', {}],
      ['assign', { grid: 'G' }],
      ['start', {}],
      ['resolve', { reply: '已修复' }],
    ] as const)
      await workflow.act(row.document_id, action, coordinator, data);
    conforms(
      'post',
      feedbackPath,
      await request(app.server)
        .post(`/api/items/track/${trackingCode}/feedback`)
        .send({ data: { solved: true, satisfaction: 'wrong' } })
    );
    conforms(
      'post',
      feedbackPath,
      await request(app.server)
        .post(`/api/items/track/${trackingCode}/feedback`)
        .type('form')
        .send({ solved: 'yes', satisfaction: 'satisfied', receiptSecret })
    );
  });

  it('GET /api/stats', async () => {
    conforms('get', '/api/stats', await request(app.server).get('/api/stats'));
    conforms('get', '/api/stats', await request(app.server).get('/api/stats?period=2026-10'));
    conforms('get', '/api/stats', await request(app.server).get('/api/stats?sort=id'));
  });

  it('Open311: every call in JSON and XML, POST form-encoded and multipart, errors', async () => {
    const base = '/api/open311/v2';
    const get = (url: string) => request(app.server).get(url);
    for (const format of ['json', 'xml']) {
      conforms('get', `${base}/discovery.{format}`, await get(`${base}/discovery.${format}`));
      conforms('get', `${base}/services.{format}`, await get(`${base}/services.${format}`));
      conforms(
        'get',
        `${base}/services.{format}`,
        await get(`${base}/services.${format}?jurisdiction_id=elsewhere`)
      );
      const definition = `${base}/services/{service_code}.{format}`;
      conforms('get', definition, await get(`${base}/services/ENV-01.${format}`));
      conforms('get', definition, await get(`${base}/services/NOPE.${format}`));
    }
    const requests = `${base}/requests.{format}`;
    const created = await request(app.server)
      .post(`${base}/requests.json`)
      .type('form')
      .send({ api_key: open311Key, service_code: 'ENV-01', address_id: 'G', description: '垃圾' });
    conforms('post', requests, created);
    const id = created.body[0].service_request_id as string;
    conforms(
      'post',
      requests,
      await request(app.server)
        .post(`${base}/requests.xml`)
        .field('api_key', open311Key)
        .field('service_code', 'ENV-01')
        .field('address_id', 'G')
        .attach(
          'media',
          await sharp({ create: { width: 50, height: 50, channels: 3, background: '#0a0' } })
            .png()
            .toBuffer(),
          { filename: 'a.png', contentType: 'image/png' }
        )
    );
    for (const [body, media] of [
      [{ service_code: 'ENV-01' }, null],
      [{ api_key: 'wrong', service_code: 'ENV-01' }, null],
      [{ api_key: open311Key, service_code: 'NOPE' }, null],
      [{ api_key: open311Key, service_code: 'ENV-01', address_id: 'G' }, 'gif'],
    ] as const) {
      const req = request(app.server).post(`${base}/requests.json`);
      for (const [name, value] of Object.entries(body)) req.field(name, value);
      if (media)
        req.attach('media', Buffer.from('GIF89a'), { filename: 'a.gif', contentType: 'image/gif' });
      conforms('post', requests, await req);
    }
    for (const format of ['json', 'xml']) {
      conforms('get', requests, await get(`${base}/requests.${format}`));
      conforms('get', requests, await get(`${base}/requests.${format}?status=nope`));
      const one = `${base}/requests/{service_request_id}.{format}`;
      conforms('get', one, await get(`${base}/requests/${id}.${format}`));
      conforms('get', one, await get(`${base}/requests/NOSUCH.${format}`));
      conforms(
        'get',
        `${base}/tokens/{token}.{format}`,
        await get(`${base}/tokens/nope.${format}`)
      );
    }
  });

  it('every documented operation was called', () => {
    const operations = Object.values(dereferenced.paths).flatMap((methods) =>
      Object.values(methods).map((operation) => operation.operationId)
    );
    expect([...called.keys()].sort()).toEqual([...operations].sort());
  });
});
