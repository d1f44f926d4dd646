import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';

/**
 * GeoReport v2 (http://wiki.open311.org/GeoReport_v2) as schemas, written from the specification's
 * field lists, not from our code: ids and codes are strings, lat/long numbers, booleans booleans,
 * datetimes W3C/ISO 8601 with an offset and no fractions. `.strict()` everywhere: a field the spec
 * does not list (beyond the named extensions) fails the test.
 */
export const DATETIME = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2})$/,
    'ISO 8601, offset, no fractions'
  );

export const DISCOVERY = z
  .object({
    changeset: DATETIME,
    contact: z.string().min(1),
    key_service: z.string().min(1),
    endpoints: z
      .array(
        z
          .object({
            specification: z.literal('http://wiki.open311.org/GeoReport_v2'),
            url: z.string().url(),
            changeset: DATETIME,
            type: z.enum(['production', 'test']),
            formats: z.array(z.enum(['text/xml', 'application/json'])).min(1),
          })
          .strict()
      )
      .min(1),
  })
  .strict();

export const SERVICE = z
  .object({
    service_code: z.string().min(1),
    service_name: z.string().min(1),
    description: z.string(),
    metadata: z.boolean(),
    type: z.enum(['realtime', 'batch', 'blackbox']),
    keywords: z.string(),
    group: z.string(),
  })
  .strict();
export const SERVICES = z.array(SERVICE);

export const ATTRIBUTE = z
  .object({
    variable: z.boolean(),
    code: z.string().min(1),
    datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
    required: z.boolean(),
    datatype_description: z.string().nullable(),
    order: z.number().int(),
    description: z.string().min(1),
    values: z.array(z.object({ key: z.string(), name: z.string() }).strict()),
  })
  .strict();
export const SERVICE_DEFINITION = z
  .object({ service_code: z.string().min(1), attributes: z.array(ATTRIBUTE) })
  .strict();

/** One request; `interface_used` is FixMyStreet's extension. No personal field exists here. */
export const REQUEST = z
  .object({
    service_request_id: z.string().min(1),
    status: z.enum(['open', 'closed']),
    status_notes: z.string().nullable(),
    service_name: z.string().min(1),
    service_code: z.string().min(1),
    description: z.string().nullable(),
    agency_responsible: z.string().nullable(),
    service_notice: z.string().nullable(),
    requested_datetime: DATETIME,
    updated_datetime: DATETIME.nullable(),
    expected_datetime: DATETIME.nullable(),
    address_id: z.string().nullable(),
    lat: z.number().min(-90).max(90).nullable(),
    long: z.number().min(-180).max(180).nullable(),
    media_url: z.string().url().nullable(),
    interface_used: z.string().min(1),
  })
  .strict();
export const REQUESTS = z.array(REQUEST);

/** POST requests: service_request_id or token, never both. */
export const RECEIPT = z
  .array(
    z.union([
      z
        .object({
          service_request_id: z.string().min(1),
          service_notice: z.string(),
          account_id: z.string().nullable(),
        })
        .strict(),
      z
        .object({
          token: z.string().min(1),
          service_notice: z.string(),
          account_id: z.string().nullable(),
        })
        .strict(),
    ])
  )
  .length(1);

export const TOKENS = z
  .array(z.object({ token: z.string().min(1), service_request_id: z.string().min(1) }).strict())
  .length(1);

export const ERRORS = z
  .array(z.object({ code: z.number().int(), description: z.string().min(1) }).strict())
  .min(1);

/** Elements the spec allows below each XML root, and the repeated element. */
export const XML_SHAPES = {
  discovery: { root: 'discovery' },
  services: { root: 'services', element: 'service', fields: Object.keys(SERVICE.shape) },
  service_definition: { root: 'service_definition' },
  requests: { root: 'service_requests', element: 'request', fields: Object.keys(REQUEST.shape) },
  errors: { root: 'errors', element: 'error', fields: ['code', 'description'] },
} as const;

const parser = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  ignoreDeclaration: false,
  isArray: (name) =>
    ['service', 'request', 'error', 'attribute', 'value', 'endpoint', 'format'].includes(name),
});

/**
 * Parses an XML answer strictly: well-formed by fast-xml-parser's validator (which refuses what a
 * lenient parser would repair), a declaration first, one root of the expected name, no namespace.
 */
export function parseStrictXml(text: string, root: string): Record<string, unknown> {
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (valid !== true) throw new Error(`not well-formed XML: ${JSON.stringify(valid)}\n${text}`);
  if (!/^<\?xml version="1\.0" encoding="utf-8"\?>/.test(text))
    throw new Error(`no XML declaration: ${text.slice(0, 80)}`);
  if (/xmlns/.test(text)) throw new Error('the answer declares a namespace');
  const parsed = parser.parse(text) as Record<string, unknown>;
  const roots = Object.keys(parsed).filter((key) => key !== '?xml');
  if (roots.length !== 1 || roots[0] !== root)
    throw new Error(`expected the root <${root}>, got ${roots.join(', ')}`);
  const body = parsed[root];
  return body === '' ? {} : (body as Record<string, unknown>);
}

/** The repeated elements under an XML root (`<services><service/>…`), as objects of text. */
export function xmlList(
  text: string,
  shape: { root: string; element: string; fields: readonly string[] }
): Array<Record<string, unknown>> {
  const body = parseStrictXml(text, shape.root);
  const list = (body[shape.element] ?? []) as Array<Record<string, unknown>>;
  for (const entry of list) {
    const extra = Object.keys(entry).filter((key) => !shape.fields.includes(key));
    if (extra.length > 0)
      throw new Error(`<${shape.element}> has elements the spec does not list: ${extra}`);
  }
  return list;
}
