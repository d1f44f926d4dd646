import request from 'supertest';
import {
  createPublicCounty,
  PERSONAL,
  type PublicCounty,
  writableState,
} from '../helpers/public-county';
import { fixtureDocuments } from '../helpers/fixtures';
import {
  DATETIME,
  DISCOVERY,
  ERRORS,
  parseStrictXml,
  RECEIPT,
  REQUESTS,
  SERVICE_DEFINITION,
  SERVICES,
  TOKENS,
  XML_SHAPES,
  xmlList,
} from '../helpers/open311-spec';
import { startApp, type TestApp } from '../helpers/strapi';
import { minyiService } from '../../plugins/minyi/server/src/plugin';

/**
 * Open311 GeoReport v2 conformance, written from the specification: every call in XML and JSON,
 * each filter and extension, each error with its code and body, against the real app and database.
 * JSON is checked with the schemas of helpers/open311-spec.ts, XML with a strict parser.
 */
const BASE = '/api/open311/v2';
const JURISDICTION = 'anxiang.example';
let app: TestApp;
let county: PublicCounty;
let partnerKey: string;
const db = () => app.strapi.db.connection;

const LAMP_ATTRIBUTES = [
  {
    variable: false,
    code: 'notice',
    datatype: 'text',
    required: false,
    datatype_description: null,
    order: 0,
    description: '紧急情况请拨打 110',
    values: [],
  },
  {
    variable: true,
    code: 'lamp_number',
    datatype: 'string',
    required: true,
    datatype_description: '灯杆编号',
    order: 1,
    description: '路灯编号',
    values: [],
  },
  {
    variable: true,
    code: 'affects_traffic',
    datatype: 'singlevaluelist',
    required: true,
    datatype_description: null,
    order: 2,
    description: '是否影响出行',
    values: [
      { key: 'yes', name: '是' },
      { key: 'no', name: '否' },
    ],
  },
  {
    variable: true,
    code: 'damage_kind',
    datatype: 'multivaluelist',
    required: false,
    datatype_description: null,
    order: 3,
    description: '损坏情况',
    values: [
      { key: 'dark', name: '不亮' },
      { key: 'flicker', name: '闪烁' },
      { key: 'pole', name: '灯杆倾斜' },
    ],
  },
  {
    variable: true,
    code: 'seen_at',
    datatype: 'datetime',
    required: false,
    datatype_description: null,
    order: 4,
    description: '发现时间',
    values: [],
  },
  {
    variable: true,
    code: 'lamp_count',
    datatype: 'number',
    required: false,
    datatype_description: null,
    order: 5,
    description: '损坏盏数',
    values: [],
  },
];

async function apiToken(
  description: string,
  type: 'custom' | 'read-only' | 'full-access' = 'custom'
) {
  const created = await app.strapi.service('admin::api-token').create({
    kind: 'content-api',
    name: `open311 ${description} ${Math.random()}`,
    description,
    type,
    lifespan: null,
    permissions: type === 'custom' ? ['api::item.public-item.submit'] : undefined,
  });
  return created.accessKey as string;
}

beforeAll(async () => {
  app = await startApp({
    MINYI_OPEN311_JURISDICTION_ID: JURISDICTION,
    MINYI_RATE_LIMIT_PARTNER: '10000',
  });
  county = await createPublicCounty(app.strapi);
  const docs = fixtureDocuments(app.strapi);
  await docs('api::category.category').update({
    documentId: county.gridCategory.documentId,
    data: { open311ServiceCode: 'ENV-01', open311Keywords: '垃圾,卫生' },
  });
  await docs('api::category.category').update({
    documentId: county.townshipCategory.documentId,
    data: { open311ServiceCode: 'ROAD-02', open311Description: '道路与交通设施' },
  });
  await docs('api::category.category').create({
    data: {
      name: '路灯照明',
      code: 'LAMP',
      parent: county.townshipCategory.documentId,
      defaultLevel: 'grid',
      gridDays: 2,
      townshipDays: 3,
      countyDays: 5,
      warningOffsetHours: 4,
      open311ServiceCode: 'LAMP-03',
      open311Attributes: LAMP_ATTRIBUTES,
    },
  });
  await docs('api::category.category').create({
    data: {
      name: '内部分类',
      code: 'INTERNAL',
      defaultLevel: 'grid',
      gridDays: 2,
      townshipDays: 3,
      countyDays: 5,
      warningOffsetHours: 4,
    },
  });
  partnerKey = await apiToken('FixMyStreet 安乡 channel: open311');
});

afterAll(async () => {
  await app?.stop();
});

type Format = 'json' | 'xml';
const FORMATS: Format[] = ['json', 'xml'];

function get(path: string, format: Format, query: Record<string, string> = {}) {
  return request(app.server).get(`${BASE}/${path}.${format}`).query(query);
}
function post(format: Format, form: Record<string, string | string[]>) {
  return request(app.server)
    .post(`${BASE}/requests.${format}`)
    .type('form')
    .send(
      new URLSearchParams(
        Object.entries(form).flatMap(([key, value]) =>
          (Array.isArray(value) ? value : [value]).map((one) => [key, one])
        )
      ).toString()
    );
}

const CONTENT_TYPE: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

/** Every answer is checked for personal data: none of the fixture's may ever appear. */
const answers: string[] = [];
function record(response: request.Response, format: Format) {
  expect(response.headers['content-type']).toBe(CONTENT_TYPE[format]);
  answers.push(response.text);
  return response;
}

/** The spec's error body in either format, with the HTTP status as its code. */
function expectError(response: request.Response, format: Format, status: number, pattern?: RegExp) {
  record(response, format);
  expect(response.status).toBe(status);
  if (format === 'json') {
    const errors = ERRORS.parse(JSON.parse(response.text));
    expect(errors[0].code).toBe(status);
    if (pattern) expect(errors[0].description).toMatch(pattern);
  } else {
    const list = xmlList(response.text, XML_SHAPES.errors);
    expect(list).toHaveLength(1);
    expect(list[0].code).toBe(String(status));
    if (pattern) expect(String(list[0].description)).toMatch(pattern);
  }
}

const LAMP_FORM = {
  service_code: 'LAMP-03',
  lat: '29.41',
  long: '112.17',
  address_string: PERSONAL.address,
  address_id: 'G',
  email: PERSONAL.submitterEmail,
  first_name: '居民',
  last_name: '李',
  phone: PERSONAL.submitterPhone,
  description: '幸福路口两盏路灯不亮',
  device_id: 'device-123',
  account_id: 'acct-9',
  'attribute[lamp_number]': 'AX-0123',
  'attribute[affects_traffic]': 'yes',
  'attribute[damage_kind][]': ['dark', 'pole'],
  'attribute[seen_at]': '2026-12-01T20:00:00+08:00',
  'attribute[lamp_count]': '2',
};

async function submitLamp(format: Format = 'json', extra: Record<string, string | string[]> = {}) {
  const response = record(
    await post(format, { api_key: partnerKey, ...LAMP_FORM, ...extra }),
    format
  );
  expect(response.status).toBe(200);
  if (format === 'json') {
    const [receipt] = RECEIPT.parse(JSON.parse(response.text));
    if (!('service_request_id' in receipt)) throw new Error('expected a service_request_id');
    return receipt.service_request_id;
  }
  const [entry] = xmlList(response.text, {
    root: 'service_requests',
    element: 'request',
    fields: ['service_request_id', 'service_notice', 'account_id'],
  });
  return String(entry.service_request_id);
}

describe('discovery', () => {
  it.each(FORMATS)('describes the endpoint (%s)', async (format) => {
    const response = record(await get('discovery', format).expect(200), format);
    if (format === 'json') {
      const discovery = DISCOVERY.parse(JSON.parse(response.text));
      expect(discovery.endpoints[0].url).toMatch(/\/api\/open311\/v2$/);
      expect(discovery.endpoints[0].formats).toEqual(['text/xml', 'application/json']);
    } else {
      const body = parseStrictXml(response.text, 'discovery');
      expect(Object.keys(body).sort()).toEqual([
        'changeset',
        'contact',
        'endpoints',
        'key_service',
      ]);
      DATETIME.parse(body.changeset);
      const endpoint = (body.endpoints as { endpoint: Array<Record<string, unknown>> }).endpoint[0];
      expect(Object.keys(endpoint).sort()).toEqual([
        'changeset',
        'formats',
        'specification',
        'type',
        'url',
      ]);
      expect((endpoint.formats as { format: string[] }).format).toEqual([
        'text/xml',
        'application/json',
      ]);
    }
  });
});

describe('services', () => {
  it.each(FORMATS)(
    'lists the categories with a service code, grouped by the tree (%s)',
    async (format) => {
      const response = record(await get('services', format).expect(200), format);
      const list =
        format === 'json'
          ? SERVICES.parse(JSON.parse(response.text))
          : xmlList(response.text, XML_SHAPES.services);
      expect(list.map((service) => service.service_code)).toEqual(['ENV-01', 'LAMP-03', 'ROAD-02']);
      const lamp = list.find((service) => service.service_code === 'LAMP-03');
      const road = list.find((service) => service.service_code === 'ROAD-02');
      const metadata = (value: unknown) => (format === 'json' ? value : value === 'true');
      expect(lamp).toMatchObject({ service_name: '路灯照明', group: '道路交通', type: 'realtime' });
      expect(metadata(lamp?.metadata)).toBe(true);
      expect(metadata(road?.metadata)).toBe(false);
      expect(road).toMatchObject({ description: '道路与交通设施', group: '道路交通' });
      if (format === 'xml') expect(lamp?.metadata).toBe('true');
    }
  );

  it.each(FORMATS)(
    'gives a service definition with its attributes in order (%s)',
    async (format) => {
      const response = record(await get('services/LAMP-03', format).expect(200), format);
      if (format === 'json') {
        const definition = SERVICE_DEFINITION.parse(JSON.parse(response.text));
        expect(definition.service_code).toBe('LAMP-03');
        expect(definition.attributes.map((attribute) => attribute.code)).toEqual(
          LAMP_ATTRIBUTES.map((attribute) => attribute.code)
        );
        expect(definition.attributes[2]).toEqual(LAMP_ATTRIBUTES[2]);
        expect(definition.attributes[0].variable).toBe(false);
      } else {
        const body = parseStrictXml(response.text, 'service_definition');
        expect(body.service_code).toBe('LAMP-03');
        const attributes = (body.attributes as { attribute: Array<Record<string, unknown>> })
          .attribute;
        expect(attributes).toHaveLength(LAMP_ATTRIBUTES.length);
        expect(Object.keys(attributes[2]).sort()).toEqual([
          'code',
          'datatype',
          'datatype_description',
          'description',
          'order',
          'required',
          'values',
          'variable',
        ]);
        expect(attributes[2]).toMatchObject({ variable: 'true', required: 'true', order: '2' });
        expect((attributes[2].values as { value: unknown[] }).value).toEqual([
          { key: 'yes', name: '是' },
          { key: 'no', name: '否' },
        ]);
      }
    }
  );

  it.each(FORMATS)('a service without attributes has an empty definition (%s)', async (format) => {
    const response = record(await get('services/ENV-01', format).expect(200), format);
    if (format === 'json')
      expect(SERVICE_DEFINITION.parse(JSON.parse(response.text)).attributes).toEqual([]);
    else
      expect(parseStrictXml(response.text, 'service_definition')).toEqual({
        service_code: 'ENV-01',
        attributes: '',
      });
  });

  it.each(FORMATS)('answers 404 for an unknown or unpublished service (%s)', async (format) => {
    expectError(await get('services/NOPE', format), format, 404, /service_code "NOPE"/);
    expectError(await get('services/INTERNAL', format), format, 404);
  });
});

describe('attribute definitions on categories', () => {
  it('are refused when saved in a shape the spec cannot express', async () => {
    const docs = fixtureDocuments(app.strapi);
    for (const attributes of [
      [{ ...LAMP_ATTRIBUTES[2], values: [] }],
      [LAMP_ATTRIBUTES[1], LAMP_ATTRIBUTES[1]],
      [{ ...LAMP_ATTRIBUTES[1], datatype: 'colour' }],
    ])
      await expect(
        docs('api::category.category').update({
          documentId: county.gridCategory.documentId,
          data: { open311Attributes: attributes },
        })
      ).rejects.toThrow(/Open311/);
    const definition = await get('services/ENV-01', 'json').expect(200);
    expect(definition.body.attributes).toEqual([]);
  });
});

describe('jurisdiction_id', () => {
  it.each(FORMATS)(
    'is accepted when it is ours or empty, and 404 otherwise (%s)',
    async (format) => {
      record(await get('services', format, { jurisdiction_id: JURISDICTION }).expect(200), format);
      record(await get('services', format, { jurisdiction_id: '' }).expect(200), format);
      expectError(
        await get('services', format, { jurisdiction_id: 'elsewhere.gov' }),
        format,
        404,
        /jurisdiction_id/
      );
      expectError(await get('requests', format, { jurisdiction_id: 'elsewhere.gov' }), format, 404);
      expectError(
        await post(format, { api_key: partnerKey, ...LAMP_FORM, jurisdiction_id: 'elsewhere.gov' }),
        format,
        404
      );
    }
  );
});

describe('POST requests', () => {
  it.each(FORMATS)(
    'takes a form-encoded request into the intake as an ordinary item (%s)',
    async (format) => {
      const before = await db()('items').count({ n: '*' }).first();
      const id = await submitLamp(format, { jurisdiction_id: JURISDICTION });
      const after = await db()('items').count({ n: '*' }).first();
      expect(Number(after?.n)).toBe(Number(before?.n) + 1);
      const row = await db()('items').where('tracking_code', id).first();
      expect(row).toMatchObject({
        channel: 'open311',
        title: '路灯照明',
        state: 'submitted',
        level: 'grid',
        submitter_name: '李居民',
        submitter_phone: PERSONAL.submitterPhone,
        submitter_email: PERSONAL.submitterEmail,
        address: PERSONAL.address,
      });
      expect(Number(row.latitude)).toBeCloseTo(29.41);
      expect(row.content).toContain('幸福路口两盏路灯不亮');
      expect(row.content).toContain('路灯编号:AX-0123');
      expect(row.content).toContain('是否影响出行:是');
      expect(row.content).toContain('损坏情况:不亮、灯杆倾斜');
      const grid = await db()('items_grid_lnk as l')
        .join('grids as g', 'g.id', 'l.grid_id')
        .where('l.item_id', row.id)
        .first('g.code');
      expect(grid.code).toBe('G');
      const events = await db()('item_events as e')
        .join('item_events_item_lnk as l', 'l.item_event_id', 'e.id')
        .where('l.item_id', row.id)
        .select('e.type', 'e.actor_label');
      expect(events).toEqual([expect.objectContaining({ type: 'created' })]);
      expect(events[0].actor_label).toContain('Open311');
    }
  );

  it('answers with a service_notice telling the resident how to follow the item', async () => {
    const response = record(
      await post('json', { api_key: partnerKey, ...LAMP_FORM }).expect(200),
      'json'
    );
    const [receipt] = RECEIPT.parse(JSON.parse(response.text));
    if (!('service_request_id' in receipt)) throw new Error('expected an id');
    expect(receipt.service_notice).toContain(receipt.service_request_id);
    expect(receipt.service_notice).toContain(`/api/items/track/${receipt.service_request_id}`);
    expect(receipt).not.toHaveProperty('token');
    const track = await request(app.server)
      .get(`/api/items/track/${receipt.service_request_id}`)
      .expect(200);
    expect(track.body.data.title).toBe('路灯照明');
  });

  it('registers a request with lat/long only at the county root, and takes a full-access partner token with its channel', async () => {
    const hotline = await apiToken('市长热线 channel: mayor-hotline', 'full-access');
    const response = await post('json', {
      api_key: hotline,
      service_code: 'ENV-01',
      lat: '29.4',
      long: '112.2',
      email: '',
      first_name: '',
      description: '',
    }).expect(200);
    const [receipt] = RECEIPT.parse(JSON.parse(response.text));
    if (!('service_request_id' in receipt)) throw new Error('expected an id');
    const row = await db()('items').where('tracking_code', receipt.service_request_id).first();
    expect(row).toMatchObject({
      channel: 'mayor-hotline',
      submitter_email: null,
      content: '环境卫生',
    });
    const grid = await db()('items_grid_lnk as l')
      .join('grids as g', 'g.id', 'l.grid_id')
      .where('l.item_id', row.id)
      .first('g.code');
    expect(grid.code).toBe('C');
  });

  const refusals: Array<[string, Record<string, string | string[]>, number, RegExp]> = [
    ['no api_key', { api_key: '' }, 403, /api_key/],
    ['an unknown api_key', { api_key: 'f'.repeat(64) }, 403, /api_key/],
    ['no service_code', { service_code: '' }, 400, /service_code/],
    ['an unknown service_code', { service_code: 'NOPE' }, 404, /service_code/],
    ['no location', { lat: '', long: '', address_string: '', address_id: '' }, 400, /location/],
    ['lat without long', { long: '' }, 400, /lat and long/],
    ['a latitude out of range', { lat: '95' }, 400, /lat/],
    [
      'a missing required attribute',
      { 'attribute[lamp_number]': '' },
      400,
      /attribute\[lamp_number\] is required/,
    ],
    [
      'a list value that is not a key',
      { 'attribute[affects_traffic]': 'maybe' },
      400,
      /affects_traffic/,
    ],
    [
      'a multivaluelist value that is not a key',
      { 'attribute[damage_kind][]': ['dark', 'x'] },
      400,
      /damage_kind/,
    ],
    [
      'a number attribute that is not a number',
      { 'attribute[lamp_count]': 'two' },
      400,
      /lamp_count/,
    ],
    ['a datetime attribute that is not one', { 'attribute[seen_at]': 'yesterday' }, 400, /seen_at/],
    ['a description over 4,000 characters', { description: '灯'.repeat(4001) }, 400, /description/],
    ['HTML in the description', { description: '路灯<script>alert(1)</script>' }, 400, /HTML/],
    ['a NUL character', { description: 'a\u0000b' }, 400, /control character/],
    ['an unknown address_id', { address_id: 'NO-SUCH-GRID' }, 400, /address_id/],
    ['a bad email', { email: 'not-an-email' }, 400, /email/],
    ['a bad phone', { phone: 'call me' }, 400, /phone/],
    ['a media_url that is not http(s)', { media_url: 'javascript:alert(1)' }, 400, /media_url/],
  ];
  it.each(FORMATS)(
    "refuses bad requests with the spec's codes and stores nothing (%s)",
    async (format) => {
      const before = await writableState(app.strapi);
      for (const [, change, status, pattern] of refusals) {
        const form = { api_key: partnerKey, ...LAMP_FORM, ...change };
        expectError(await post(format, form), format, status, pattern);
      }
      expect(await writableState(app.strapi)).toEqual(before);
    }
  );

  it('refuses a read-only token, a token without a channel and an expired token with 403', async () => {
    const before = await writableState(app.strapi);
    const readOnly = await apiToken('channel: open311', 'read-only');
    const noChannel = await apiToken('no channel here');
    const expired = await apiToken('channel: open311 (expired)');
    const hash = app.strapi.service('admin::api-token').hash(expired);
    await db()('strapi_api_tokens')
      .where('access_key', hash)
      .update({ expires_at: new Date(Date.now() - 60_000) });
    for (const key of [readOnly, noChannel, expired])
      expectError(await post('xml', { api_key: key, ...LAMP_FORM }), 'xml', 403);
    expect(await writableState(app.strapi)).toEqual(before);
  });
});

describe('GET requests', () => {
  let recent: string;
  let old: string;
  let closedId: string;
  const NOW = Date.now();
  const daysAgo = (days: number) => new Date(NOW - days * 24 * 3600 * 1000);

  beforeAll(async () => {
    const intake = minyiService(app.strapi, 'open311-intake');
    const form = {
      serviceCode: 'ENV-01',
      lat: 29.4,
      long: 112.2,
      addressId: 'G',
      description: '垃圾堆积',
      attributes: {},
    };
    const submitAt = async (when: Date) => {
      const receipt = await intake.submit(partnerKey, form, when);
      if (!receipt.service_request_id) throw new Error('expected an id');
      return receipt.service_request_id;
    };
    old = await submitAt(daysAgo(120));
    closedId = await submitAt(daysAgo(30));
    recent = await submitAt(daysAgo(2));
    const row = await db()('items').where('tracking_code', closedId).first('document_id');
    const workflow = minyiService(app.strapi, 'workflow');
    const coordinator = { role: 'county-coordinator', label: '县委社会工作部' } as const;
    await workflow.act(row.document_id, 'accept', coordinator, {});
    await workflow.act(row.document_id, 'assign', coordinator, { grid: 'G' });
    await workflow.act(row.document_id, 'start', coordinator, {});
    await workflow.act(row.document_id, 'resolve', coordinator, { reply: '已清运' });
  });

  async function list(
    format: Format,
    query: Record<string, string> = {}
  ): Promise<Array<Record<string, unknown>>> {
    const response = record(await get('requests', format, query), format);
    expect(response.status).toBe(200);
    if (format === 'json') return REQUESTS.parse(JSON.parse(response.text));
    return xmlList(response.text, XML_SHAPES.requests).map((entry) => ({
      ...entry,
      lat: entry.lat === '' ? null : Number(entry.lat),
      long: entry.long === '' ? null : Number(entry.long),
    }));
  }
  const ids = (entries: Array<{ service_request_id?: unknown }>) =>
    entries.map((entry) => String(entry.service_request_id));

  it.each(FORMATS)(
    "answers the last 90 days by default, newest first, in the spec's shape (%s)",
    async (format) => {
      const entries = await list(format);
      expect(ids(entries)).toContain(recent);
      expect(ids(entries)).toContain(closedId);
      expect(ids(entries)).not.toContain(old);
      const times = entries.map((entry) => Date.parse(String(entry.requested_datetime)));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
      const one = entries.find((entry) => entry.service_request_id === recent);
      expect(one).toMatchObject({
        status: 'open',
        service_code: 'ENV-01',
        service_name: '环境卫生',
        description: '环境卫生',
        agency_responsible: '一网格',
        address_id: 'G',
        lat: 29.4,
        long: 112.2,
        interface_used: 'open311',
        status_notes: '已提交(网格级)',
      });
      if (format === 'xml') {
        for (const entry of entries) {
          DATETIME.parse(entry.requested_datetime);
          expect(entry.media_url).toBe('');
        }
      } else {
        expect(one?.media_url).toBeNull();
        expect(one?.requested_datetime).toMatch(/\+08:00$/);
        expect(one?.expected_datetime).toMatch(/\+08:00$/);
      }
    }
  );

  it.each(FORMATS)(
    'maps our states to open and closed, with status_notes from the public timeline (%s)',
    async (format) => {
      const closed = await list(format, { status: 'closed' });
      expect(ids(closed)).toContain(closedId);
      expect(ids(closed)).not.toContain(recent);
      const entry = closed.find((one) => one.service_request_id === closedId);
      expect(entry).toMatchObject({ status: 'closed', status_notes: '已办结(网格级)' });
      expect(
        format === 'json' ? entry?.expected_datetime : entry?.expected_datetime || null
      ).toBeNull();
      const open = await list(format, { status: 'open' });
      expect(ids(open)).toContain(recent);
      expect(ids(open)).not.toContain(closedId);
      expect(ids(await list(format, { status: 'open,closed' })).sort()).toEqual(
        ids(await list(format)).sort()
      );
    }
  );

  it.each(FORMATS)(
    'service_request_id (a list) overrides every other filter (%s)',
    async (format) => {
      const found = await list(format, {
        service_request_id: `${old},${closedId}`,
        status: 'open',
        service_code: 'LAMP-03',
      });
      expect(ids(found).sort()).toEqual([old, closedId].sort());
    }
  );

  it.each(FORMATS)('service_code takes a list (%s)', async (format) => {
    const env = await list(format, { service_code: 'ENV-01' });
    expect(new Set(env.map((entry) => entry.service_code))).toEqual(new Set(['ENV-01']));
    const both = await list(format, { service_code: 'ENV-01,LAMP-03' });
    expect(new Set(both.map((entry) => entry.service_code))).toEqual(
      new Set(['ENV-01', 'LAMP-03'])
    );
    expect(await list(format, { service_code: 'NOPE' })).toEqual([]);
  });

  it.each(FORMATS)('start_date and end_date select on the requested time (%s)', async (format) => {
    const window = await list(format, {
      start_date: daysAgo(125).toISOString(),
      end_date: daysAgo(40).toISOString(),
    });
    expect(ids(window)).toEqual([old]);
    expect(ids(await list(format, { start_date: daysAgo(31).toISOString() }))).toContain(closedId);
    const onlyEnd = await list(format, { end_date: daysAgo(100).toISOString() });
    expect(ids(onlyEnd)).toEqual([old]);
    // Without an offset, the county's time; a date alone, its midnight.
    const local = await list(format, { start_date: daysAgo(3).toISOString().slice(0, 10) });
    expect(ids(local)).toContain(recent);
  });

  it.each(FORMATS)(
    'updated_after and updated_before select on the last update (%s)',
    async (format) => {
      const resolvedRow = await db()('items').where('tracking_code', closedId).first('updated_at');
      const updated = new Date(
        /^\d+$/.test(String(resolvedRow.updated_at))
          ? Number(resolvedRow.updated_at)
          : resolvedRow.updated_at
      );
      const after = await list(format, {
        updated_after: new Date(updated.getTime() - 1000).toISOString(),
      });
      expect(ids(after)).toContain(closedId);
      const before = await list(format, { updated_before: daysAgo(100).toISOString() });
      expect(ids(before)).toEqual([old]);
    }
  );

  it.each(FORMATS)('pages with page and page_size (%s)', async (format) => {
    const all = ids(await list(format));
    expect(all.length).toBeGreaterThanOrEqual(3);
    const first = ids(await list(format, { page_size: '2' }));
    const second = ids(await list(format, { page_size: '2', page: '2' }));
    expect(first).toEqual(all.slice(0, 2));
    expect(second).toEqual(all.slice(2, 4));
    expect(await list(format, { page_size: '2', page: '1000' })).toEqual([]);
  });

  it.each(FORMATS)('treats empty arguments as absent (%s)', async (format) => {
    const plain = ids(await list(format));
    expect(
      ids(
        await list(format, {
          status: '',
          service_code: '',
          start_date: '',
          page: '',
          service_request_id: '',
        })
      )
    ).toEqual(plain);
  });

  const bad: Array<[string, Record<string, string>, RegExp]> = [
    ['an unknown status', { status: 'pending' }, /status/],
    ['a start_date that is no date', { start_date: 'last week' }, /start_date/],
    [
      'dates more than 90 days apart',
      { start_date: '2026-01-01T00:00:00Z', end_date: '2026-06-01T00:00:00Z' },
      /90 days/,
    ],
    [
      'start_date after end_date',
      { start_date: '2026-06-01T00:00:00Z', end_date: '2026-05-01T00:00:00Z' },
      /start_date/,
    ],
    [
      'updated_after after updated_before',
      { updated_after: '2026-06-01', updated_before: '2026-05-01' },
      /updated_after/,
    ],
    ['page_size 0', { page_size: '0' }, /page_size/],
    ['page_size over 1000', { page_size: '1001' }, /page_size/],
    ['a page that is not a number', { page: 'two' }, /page/],
  ];
  it.each(FORMATS)('answers 400 for invalid arguments (%s)', async (format) => {
    for (const [, query, pattern] of bad)
      expectError(await get('requests', format, query), format, 400, pattern);
  });

  it.each(FORMATS)(
    'requests/{id} answers one request, 404 for an unknown one (%s)',
    async (format) => {
      const response = record(await get(`requests/${recent}`, format).expect(200), format);
      const entries =
        format === 'json'
          ? REQUESTS.parse(JSON.parse(response.text))
          : xmlList(response.text, XML_SHAPES.requests);
      expect(ids(entries)).toEqual([recent]);
      expect(entries[0].status).toBe('open');
      expectError(await get('requests/MY0000000000AB', format), format, 404, /service_request_id/);
    }
  );
});

describe('tokens', () => {
  afterAll(() => {
    app.strapi.config.set('plugin::minyi.open311.answerWith', 'service_request_id');
  });

  it.each(FORMATS)(
    'answers a token when so configured, and tokens/{token} gives its id (%s)',
    async (format) => {
      app.strapi.config.set('plugin::minyi.open311.answerWith', 'token');
      const response = record(
        await post(format, { api_key: partnerKey, ...LAMP_FORM }).expect(200),
        format
      );
      let token: string;
      if (format === 'json') {
        const [receipt] = RECEIPT.parse(JSON.parse(response.text));
        if (!('token' in receipt)) throw new Error('expected a token');
        expect(receipt).not.toHaveProperty('service_request_id');
        token = receipt.token;
      } else {
        const [entry] = xmlList(response.text, {
          root: 'service_requests',
          element: 'request',
          fields: ['token', 'service_notice', 'account_id'],
        });
        token = String(entry.token);
      }
      const answer = record(
        await get(`tokens/${encodeURIComponent(token)}`, format).expect(200),
        format
      );
      const entry =
        format === 'json'
          ? TOKENS.parse(JSON.parse(answer.text))[0]
          : xmlList(answer.text, {
              root: 'service_requests',
              element: 'request',
              fields: ['token', 'service_request_id'],
            })[0];
      expect(entry.token).toBe(token);
      const row = await db()('items')
        .where('tracking_code', String(entry.service_request_id))
        .first('channel');
      expect(row.channel).toBe('open311');
      expectError(
        await get(`tokens/${String(entry.service_request_id)}.forged`, format),
        format,
        404,
        /token/
      );
      expectError(await get('tokens/nothing', format), format, 404);
    }
  );
});

describe('personal data', () => {
  it('appears in no answer of any call', async () => {
    expect(answers.length).toBeGreaterThan(50);
    const secrets = [
      PERSONAL.submitterName,
      '李居民',
      PERSONAL.submitterPhone,
      PERSONAL.submitterEmail,
      PERSONAL.address,
      '幸福路',
      PERSONAL.staffName,
      PERSONAL.staffPhone,
      PERSONAL.staffEmail,
      PERSONAL.departmentEmail,
      'device-123',
      'acct-9',
      partnerKey,
    ];
    for (const text of answers) for (const secret of secrets) expect(text).not.toContain(secret);
  });
});
