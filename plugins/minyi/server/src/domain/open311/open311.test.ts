import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ITEM_STATUSES, TERMINAL_STATUSES } from '../vocabulary';
import {
  answerAttributes,
  parseAttributeDefinitions,
  type AttributeDefinition,
} from './attributes';
import { formatOpen311Datetime, parseOpen311Datetime } from './datetime';
import { open311StatusOf, requestOf, serviceOf, statusNotesOf, type RequestRow } from './mapping';
import { parseRequestsQuery } from './requests-query';
import { errorAnswer, renderOpen311 } from './render';
import { parseOpen311Form, personName, submissionBodyOf } from './submission-form';
import { open311Token, trackingCodeOfToken } from './tokens';

const ZONE = 'Asia/Shanghai';
const NOW = new Date('2026-12-02T03:00:00Z');
const OFFSET_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;

describe('datetimes', () => {
  it('use the offset the zone had at that instant (the summer time China kept in 1991)', () => {
    expect(formatOpen311Datetime(new Date('1991-04-13T18:00:00.000Z'), ZONE)).toBe(
      '1991-04-14T03:00:00+09:00'
    );
  });

  // China kept summer time until 1991 (+09:00; CI drew 1991-04-13): the fixed +08:00 holds from 1992 on.
  it('answer with the county offset and whole seconds, for any instant', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1992-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        (instant) => {
          const text = formatOpen311Datetime(instant, ZONE);
          expect(text).toMatch(OFFSET_DATETIME);
          expect(text.endsWith('+08:00')).toBe(true);
          expect(Date.parse(text)).toBe(Math.floor(instant.getTime() / 1000) * 1000);
          expect(parseOpen311Datetime(text, ZONE)?.getTime()).toBe(Date.parse(text));
        }
      )
    );
  });

  it('write UTC as +00:00, not Z', () => {
    expect(formatOpen311Datetime(new Date('2026-01-01T00:00:00.900Z'), 'UTC')).toBe(
      '2026-01-01T00:00:00+00:00'
    );
  });

  it('read arguments without an offset in the county zone, and refuse what is not ISO 8601', () => {
    expect(parseOpen311Datetime('2026-12-02T08:00:00', ZONE)?.toISOString()).toBe(
      '2026-12-02T00:00:00.000Z'
    );
    expect(parseOpen311Datetime('2026-12-02', ZONE)?.toISOString()).toBe(
      '2026-12-01T16:00:00.000Z'
    );
    expect(parseOpen311Datetime('2026-12-02T08:00:00.123Z', ZONE)?.toISOString()).toBe(
      '2026-12-02T08:00:00.123Z'
    );
    for (const bad of ['yesterday', '02/12/2026', '2026-13-01', '2026-12-02T25:00:00Z', '', '1e3'])
      expect(parseOpen311Datetime(bad, ZONE)).toBeNull();
  });
});

describe('states', () => {
  it('map to closed exactly when nothing more is owed', () => {
    for (const state of ITEM_STATUSES)
      expect(open311StatusOf(state)).toBe(TERMINAL_STATUSES.includes(state) ? 'closed' : 'open');
  });
});

const LIST: AttributeDefinition = {
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
};
const MULTI: AttributeDefinition = {
  ...LIST,
  code: 'kind',
  datatype: 'multivaluelist',
  required: false,
  order: 3,
  description: '情况',
  values: [
    { key: 'a', name: '甲' },
    { key: 'b', name: '乙' },
  ],
};
const NUMBER: AttributeDefinition = {
  ...LIST,
  code: 'count',
  datatype: 'number',
  required: false,
  order: 1,
  description: '数量',
  values: [],
};
const isDatetime = (text: string) => parseOpen311Datetime(text, ZONE) !== null;

describe('attribute definitions', () => {
  it('are read in order with the defaults, and refused when malformed', () => {
    const parsed = parseAttributeDefinitions([MULTI, LIST, { ...NUMBER, variable: undefined }]);
    expect(parsed.ok && parsed.attributes.map((a) => a.code)).toEqual([
      'count',
      'affects_traffic',
      'kind',
    ]);
    expect(parseAttributeDefinitions(null)).toEqual({ ok: true, attributes: [] });
    expect(parseAttributeDefinitions(JSON.stringify([LIST])).ok).toBe(true);
    expect(parseAttributeDefinitions([LIST, LIST]).ok).toBe(false);
    expect(parseAttributeDefinitions([{ ...LIST, values: [] }]).ok).toBe(false);
    expect(parseAttributeDefinitions([{ ...NUMBER, values: LIST.values }]).ok).toBe(false);
    expect(parseAttributeDefinitions([{ ...LIST, datatype: 'colour' }]).ok).toBe(false);
    expect(parseAttributeDefinitions('{not json').ok).toBe(false);
  });

  it('check answers: required, numbers, list keys; unknown codes are ignored', () => {
    const defs = [NUMBER, LIST, MULTI];
    expect(
      answerAttributes(defs, { affects_traffic: 'yes', kind: ['b', 'a'], other: 'x' }, isDatetime)
    ).toEqual({
      ok: true,
      answers: [
        { code: 'affects_traffic', description: '是否影响出行', shown: '是' },
        { code: 'kind', description: '情况', shown: '乙、甲' },
      ],
    });
    expect(answerAttributes(defs, {}, isDatetime)).toMatchObject({ ok: false });
    expect(answerAttributes(defs, { affects_traffic: '  ' }, isDatetime)).toMatchObject({
      ok: false,
    });
    expect(answerAttributes(defs, { affects_traffic: 'maybe' }, isDatetime)).toMatchObject({
      ok: false,
    });
    expect(answerAttributes(defs, { affects_traffic: ['yes', 'no'] }, isDatetime)).toMatchObject({
      ok: false,
    });
    expect(
      answerAttributes(defs, { affects_traffic: 'no', count: '1e5' }, isDatetime)
    ).toMatchObject({ ok: false });
    expect(answerAttributes(defs, { affects_traffic: 'no', count: '-2.5' }, isDatetime).ok).toBe(
      true
    );
  });

  it('never accept a list value outside the keys (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 5 }), (values) => {
        const result = answerAttributes([MULTI], { kind: values }, isDatetime);
        const given = values.map((value) => value.trim()).filter(Boolean);
        expect(result.ok).toBe(given.every((value) => value === 'a' || value === 'b'));
      })
    );
  });
});

describe('GET requests arguments', () => {
  const parse = (raw: Record<string, unknown>) => parseRequestsQuery(raw, NOW, ZONE);

  it('default to the last 90 days, 1,000 per page', () => {
    const parsed = parse({});
    expect(parsed).toEqual({
      ok: true,
      query: {
        kind: 'search',
        serviceCodes: [],
        statuses: [],
        requested: { from: new Date(NOW.getTime() - 90 * 86400000), to: NOW },
        updated: { from: undefined, to: undefined },
        page: 1,
        pageSize: 1000,
      },
    });
  });

  it('let service_request_id override everything, and treat empty as absent', () => {
    expect(parse({ service_request_id: 'A, B,,A', status: 'nonsense' })).toEqual({
      ok: true,
      query: { kind: 'ids', ids: ['A', 'B'] },
    });
    expect(parse({ service_request_id: '', status: '', page: '' })).toEqual(parse({}));
  });

  it('refuse windows over 90 days, reversed ranges, bad statuses and page sizes', () => {
    for (const raw of [
      { start_date: '2026-01-01', end_date: '2026-04-02' },
      { start_date: '2026-02-01', end_date: '2026-01-01' },
      { updated_after: '2026-02-01', updated_before: '2026-01-01' },
      { status: 'open,pending' },
      { page_size: '1001' },
      { page: '0' },
      { start_date: 'soon' },
    ])
      expect(parse(raw).ok).toBe(false);
    expect(parse({ start_date: '2026-01-01', end_date: '2026-03-31' }).ok).toBe(true);
  });

  it('give the updated range alone in place of the default window', () => {
    const parsed = parse({ updated_after: '2025-01-01T00:00:00Z' });
    expect(parsed.ok && parsed.query.kind === 'search' && parsed.query.requested).toEqual({});
  });

  it('never span more than 90 days of requested time (property)', () => {
    fc.assert(
      fc.property(
        fc.option(
          fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
        ),
        fc.option(
          fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
        ),
        (start, end) => {
          const parsed = parse({
            ...(start ? { start_date: start.toISOString() } : {}),
            ...(end ? { end_date: end.toISOString() } : {}),
          });
          if (!parsed.ok || parsed.query.kind !== 'search') return;
          const { from, to } = parsed.query.requested;
          expect(from && to && to.getTime() - from.getTime()).toBeLessThanOrEqual(90 * 86400000);
        }
      )
    );
  });
});

describe('POST requests form', () => {
  const base = { service_code: 'LAMP', lat: '29.4', long: '112.2' };

  it('needs a service code and a location, lat and long together', () => {
    expect(parseOpen311Form(base).ok).toBe(true);
    expect(parseOpen311Form({ ...base, service_code: '' }).ok).toBe(false);
    expect(parseOpen311Form({ service_code: 'LAMP' }).ok).toBe(false);
    expect(parseOpen311Form({ service_code: 'LAMP', lat: '29.4' }).ok).toBe(false);
    expect(parseOpen311Form({ service_code: 'LAMP', address_id: 'G' }).ok).toBe(true);
    expect(parseOpen311Form({ service_code: 'LAMP', address_string: '某路' }).ok).toBe(true);
  });

  it('refuses HTML, control characters, long descriptions and bad addresses', () => {
    for (const change of [
      { description: '<b>灯</b>' },
      { description: 'a<!-- x -->' },
      { description: 'a\u0007' },
      { description: 'x'.repeat(4001) },
      { email: 'nobody' },
      { media_url: 'ftp://example.com/a.jpg' },
      { lat: 'north' },
    ])
      expect(parseOpen311Form({ ...base, ...change }).ok).toBe(false);
    expect(parseOpen311Form({ ...base, description: '1 < 2 and 3 > 2' }).ok).toBe(true);
    expect(parseOpen311Form({ ...base, description: 'x'.repeat(4000) }).ok).toBe(true);
  });

  it('becomes an ordinary submission body, names joined as people write them', () => {
    const parsed = parseOpen311Form({
      ...base,
      first_name: '居民',
      last_name: '李',
      email: '',
      description: '灯不亮',
    });
    if (!parsed.ok) throw new Error(parsed.description);
    expect(
      submissionBodyOf(
        parsed.form,
        { categoryCode: '02.02', name: '路灯照明' },
        [{ code: 'n', description: '路灯编号', shown: 'AX-1' }],
        'C'
      )
    ).toEqual({
      data: {
        title: '路灯照明',
        content: '灯不亮\n\n路灯编号:AX-1',
        type: 'request',
        category: '02.02',
        grid: 'C',
        lat: 29.4,
        long: 112.2,
        submitterName: '李居民',
      },
    });
    expect(personName('John', 'Smith')).toBe('John Smith');
    expect(personName(undefined, 'Smith')).toBe('Smith');
  });
});

const ROW: RequestRow = {
  trackingCode: 'MY0000000000AB',
  title: '路灯不亮',
  state: 'assigned',
  level: 'township',
  channel: 'open311',
  serviceCode: '02.02',
  serviceName: '路灯照明',
  unitName: '深柳镇',
  gridCode: 'G',
  latitude: 29.4,
  longitude: 112.2,
  receivedAt: new Date('2026-12-01T01:02:03.456Z'),
  updatedAt: new Date('2026-12-01T02:00:00Z'),
  dueAt: new Date('2026-12-04T10:00:00Z'),
};

describe('requests', () => {
  it('carry the public fields only, with offsets and without fractions', () => {
    const request = requestOf(
      ROW,
      [
        { type: 'created', toLevel: 'grid' },
        { type: 'warned', toLevel: null },
        { type: 'assigned', toLevel: 'township' },
      ],
      ZONE
    );
    expect(request).toEqual({
      service_request_id: 'MY0000000000AB',
      status: 'open',
      status_notes: '已交办(乡镇级)',
      service_name: '路灯照明',
      service_code: '02.02',
      description: '路灯不亮',
      agency_responsible: '深柳镇',
      service_notice: null,
      requested_datetime: '2026-12-01T09:02:03+08:00',
      updated_datetime: '2026-12-01T10:00:00+08:00',
      expected_datetime: '2026-12-04T18:00:00+08:00',
      address_id: 'G',
      lat: 29.4,
      long: 112.2,
      media_url: null,
      interface_used: 'open311',
    });
    expect(requestOf({ ...ROW, state: 'closed' }, [], ZONE)).toMatchObject({
      status: 'closed',
      expected_datetime: null,
      status_notes: null,
    });
    expect(statusNotesOf(ROW, [{ type: 'extension-requested', toLevel: null }])).toBeNull();
  });

  it('a service has metadata exactly when it asks for attributes', () => {
    const category = {
      serviceCode: 'A',
      name: '甲',
      description: null,
      keywords: null,
      group: null,
      attributes: [],
    };
    expect(serviceOf(category)).toEqual({
      service_code: 'A',
      service_name: '甲',
      description: '甲',
      metadata: false,
      type: 'realtime',
      keywords: '',
      group: '',
    });
    expect(serviceOf({ ...category, attributes: [LIST] }).metadata).toBe(true);
  });
});

describe('rendering', () => {
  const parser = new XMLParser({ parseTagValue: false, trimValues: false });

  it('writes well-formed XML with a declaration and no namespace, for any text (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (title, unit) => {
        const xml = renderOpen311('xml', {
          kind: 'requests',
          value: [requestOf({ ...ROW, title, unitName: unit }, [], ZONE)],
        });
        expect(XMLValidator.validate(xml)).toBe(true);
        expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?><service_requests>')).toBe(
          true
        );
        const parsed = parser.parse(xml) as {
          service_requests: { request: Record<string, string> };
        };
        expect(parsed.service_requests.request.description ?? '').toBe(
          title.replace(/\r\n?/g, '\n')
        );
      }),
      { numRuns: 200 }
    );
  });

  it('writes errors as the spec does, in both formats', () => {
    expect(renderOpen311('json', errorAnswer(403, 'Invalid api_key'))).toBe(
      '[{"code":403,"description":"Invalid api_key"}]'
    );
    expect(renderOpen311('xml', errorAnswer(404, 'a & b'))).toBe(
      '<?xml version="1.0" encoding="utf-8"?><errors><error><code>404</code><description>a &amp; b</description></error></errors>'
    );
  });

  it('writes an empty list as an empty root, and a receipt with the id or the token only', () => {
    expect(renderOpen311('xml', { kind: 'services', value: [] })).toBe(
      '<?xml version="1.0" encoding="utf-8"?><services/>'
    );
    expect(
      renderOpen311('xml', {
        kind: 'receipt',
        value: [{ token: 't', service_notice: 'n', account_id: null }],
      })
    ).toBe(
      '<?xml version="1.0" encoding="utf-8"?><service_requests><request><token>t</token><service_notice>n</service_notice><account_id/></request></service_requests>'
    );
  });
});

describe('tokens', () => {
  const KEY = 'k'.repeat(32);
  it('name their item and refuse any other (property)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^MY[0-9A-Z]{12}$/),
        fc.string({ maxLength: 40 }),
        (code, forged) => {
          expect(trackingCodeOfToken(open311Token(code, KEY), KEY)).toBe(code);
          fc.pre(forged !== open311Token(code, KEY));
          expect(trackingCodeOfToken(forged, KEY)).toBeNull();
          expect(trackingCodeOfToken(open311Token(code, KEY), 'other-key-0123456789')).toBeNull();
        }
      )
    );
  });
});
