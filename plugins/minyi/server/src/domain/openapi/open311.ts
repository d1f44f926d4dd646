import { z } from 'zod';
import { ATTRIBUTE_DATATYPES } from '../open311/attributes';
import { OPEN311_FORM_FIELDS } from '../open311/submission-form';
import { ITEM_CHANNELS } from '../partner-channel';
import { PHOTO_FORMATS } from '../photos';

/**
 * The Open311 GeoReport v2 calls in the OpenAPI document: each answers JSON and XML (the `format`
 * path parameter), the answers as zod schemas (the shapes domain/open311/mapping.ts and render.ts
 * produce), POST requests as the spec's form-encoded body or multipart with a `media` photo.
 */

const DATETIME = z.string().describe('ISO 8601 with the county’s offset, whole seconds');

export const OPEN311_ANSWERS = {
  Open311Discovery: z.object({
    changeset: DATETIME,
    contact: z.string(),
    key_service: z.string(),
    endpoints: z.array(
      z.object({
        specification: z.string(),
        url: z.string(),
        changeset: DATETIME,
        type: z.enum(['production', 'test']),
        formats: z.array(z.string()),
      })
    ),
  }),
  Open311Services: z.array(
    z.object({
      service_code: z.string(),
      service_name: z.string(),
      description: z.string(),
      metadata: z.boolean(),
      type: z.enum(['realtime', 'batch', 'blackbox']),
      keywords: z.string(),
      group: z.string(),
    })
  ),
  Open311ServiceDefinition: z.object({
    service_code: z.string(),
    attributes: z.array(
      z.object({
        variable: z.boolean(),
        code: z.string(),
        datatype: z.enum(ATTRIBUTE_DATATYPES),
        required: z.boolean(),
        datatype_description: z.string().nullable(),
        order: z.number().int(),
        description: z.string(),
        values: z.array(z.object({ key: z.string(), name: z.string() })),
      })
    ),
  }),
  Open311Receipt: z.array(
    z.object({
      service_request_id: z.string().optional(),
      token: z.string().optional(),
      service_notice: z.string(),
      account_id: z.string().nullable(),
    })
  ),
  Open311Requests: z.array(
    z.object({
      service_request_id: z.string(),
      status: z.enum(['open', 'closed']),
      status_notes: z.string().nullable(),
      service_name: z.string(),
      service_code: z.string(),
      description: z.string().nullable(),
      agency_responsible: z.string().nullable(),
      service_notice: z.string().nullable(),
      requested_datetime: DATETIME,
      updated_datetime: DATETIME.nullable(),
      expected_datetime: DATETIME.nullable(),
      address_id: z.string().nullable(),
      lat: z.number().nullable(),
      long: z.number().nullable(),
      media_url: z
        .string()
        .nullable()
        .describe('The first photo (stored without EXIF), else the media_url submitted'),
      interface_used: z.enum(ITEM_CHANNELS).describe('FixMyStreet’s extension: the channel'),
    })
  ),
  Open311Tokens: z.array(z.object({ token: z.string(), service_request_id: z.string() })),
  Open311Errors: z.array(z.object({ code: z.number().int(), description: z.string() })),
} as const;

type JsonSchema = Record<string, unknown>;

const ref = (name: keyof typeof OPEN311_ANSWERS) => ({ $ref: `#/components/schemas/${name}` });

/** Both formats of one answer; XML as the spec writes it (a list element, no namespace). */
function answer(description: string, schema: keyof typeof OPEN311_ANSWERS) {
  return {
    description,
    content: {
      'application/json': { schema: ref(schema) },
      'text/xml': { schema: { type: 'string', description: 'The same answer as XML' } },
    },
  };
}
const errors = (description: string) => answer(description, 'Open311Errors');

const FORMAT = {
  name: 'format',
  in: 'path',
  required: true,
  schema: { type: 'string', enum: ['json', 'xml'] },
  description: 'The path ends in .json or .xml',
};
const JURISDICTION = {
  name: 'jurisdiction_id',
  in: 'query',
  required: false,
  schema: { type: 'string' },
  description: 'The one jurisdiction served (MINYI_OPEN311_JURISDICTION_ID); another answers 404',
};
const pathParam = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description,
});
const query = (name: string, description: string) => ({
  name,
  in: 'query',
  required: false,
  schema: { type: 'string' },
  description,
});

const FIELD_NOTES: Readonly<Record<string, string>> = {
  service_code: 'Required: the service',
  lat: 'Decimal degrees (with long)',
  long: 'Decimal degrees (with lat)',
  address_id: 'A grid code',
  description: 'At most 4,000 characters, no HTML',
  media_url: 'http(s) URL of a photo elsewhere; stored as given, never fetched',
  attribute: 'attribute[code]=value, attribute[code][]=value for multivaluelists',
};

function formSchema(withMedia: boolean): JsonSchema {
  const properties: Record<string, JsonSchema> = {
    api_key: {
      type: 'string',
      description: 'A partner API token whose description names its channel',
    },
    jurisdiction_id: { type: 'string' },
  };
  for (const field of OPEN311_FORM_FIELDS) {
    if (field === 'attribute') continue;
    properties[field] = {
      type: 'string',
      ...(FIELD_NOTES[field] ? { description: FIELD_NOTES[field] } : {}),
    };
  }
  if (withMedia)
    properties.media = {
      type: 'string',
      contentMediaType: 'application/octet-stream',
      description: `A photo (${Object.values(PHOTO_FORMATS)
        .map((format) => format.mime)
        .join(', ')}), re-encoded without EXIF`,
    };
  return {
    type: 'object',
    required: ['api_key', 'service_code'],
    properties,
    patternProperties: {
      '^attribute\\[[^\\]]+\\](\\[\\])?$': { type: 'string', description: FIELD_NOTES.attribute },
    },
  };
}

/** The Open311 paths of the OpenAPI document. */
export function open311Paths(): Record<string, unknown> {
  const base = '/api/open311/v2';
  return {
    [`${base}/discovery.{format}`]: {
      get: {
        tags: ['open311'],
        operationId: 'open311Discovery',
        parameters: [FORMAT],
        responses: { '200': answer('Endpoints and formats', 'Open311Discovery') },
      },
    },
    [`${base}/services.{format}`]: {
      get: {
        tags: ['open311'],
        operationId: 'open311Services',
        parameters: [FORMAT, JURISDICTION],
        responses: {
          '200': answer('The categories with a service code', 'Open311Services'),
          '404': errors('Unknown jurisdiction'),
        },
      },
    },
    [`${base}/services/{service_code}.{format}`]: {
      get: {
        tags: ['open311'],
        operationId: 'open311ServiceDefinition',
        parameters: [pathParam('service_code', 'The service'), FORMAT, JURISDICTION],
        responses: {
          '200': answer('The service’s attributes', 'Open311ServiceDefinition'),
          '404': errors('Unknown service or jurisdiction'),
        },
      },
    },
    [`${base}/requests.{format}`]: {
      post: {
        tags: ['open311'],
        operationId: 'open311CreateRequest',
        summary: 'A request becomes an ordinary item (routed, due, escalated, counted)',
        parameters: [FORMAT],
        requestBody: {
          required: true,
          content: {
            'application/x-www-form-urlencoded': { schema: formSchema(false) },
            'multipart/form-data': { schema: formSchema(true) },
          },
        },
        responses: {
          '200': answer('service_request_id or token, with a service_notice', 'Open311Receipt'),
          '400': errors('Missing or invalid arguments; a photo that is no image'),
          '403': errors('Missing or bad api_key'),
          '404': errors('Unknown service or jurisdiction'),
          '413': errors('A photo over the size or pixel limit'),
          '415': errors('A photo that is not JPEG, PNG or WebP'),
          '429': errors('Over the partner rate limit'),
        },
      },
      get: {
        tags: ['open311'],
        operationId: 'open311Requests',
        parameters: [
          FORMAT,
          JURISDICTION,
          query('service_request_id', 'Comma-separated; overrides every other filter'),
          query('service_code', 'Comma-separated'),
          query('status', 'open, closed (comma-separated)'),
          query('start_date', 'Requested at or after (ISO 8601); at most 90 days before end_date'),
          query('end_date', 'Requested before (ISO 8601)'),
          query('updated_after', 'Extension: updated at or after'),
          query('updated_before', 'Extension: updated before'),
          query('page', 'Extension: page number from 1'),
          query('page_size', 'Extension: at most 1,000 (default window: the last 90 days, 1,000)'),
        ],
        responses: {
          '200': answer('The requests, newest first', 'Open311Requests'),
          '400': errors('Invalid filter'),
          '404': errors('Unknown jurisdiction'),
        },
      },
    },
    [`${base}/requests/{service_request_id}.{format}`]: {
      get: {
        tags: ['open311'],
        operationId: 'open311Request',
        parameters: [pathParam('service_request_id', 'The tracking code'), FORMAT, JURISDICTION],
        responses: {
          '200': answer('One request', 'Open311Requests'),
          '404': errors('Unknown request'),
        },
      },
    },
    [`${base}/tokens/{token}.{format}`]: {
      get: {
        tags: ['open311'],
        operationId: 'open311Token',
        parameters: [pathParam('token', 'The token a receipt gave'), FORMAT, JURISDICTION],
        responses: {
          '200': answer('The request id of a token', 'Open311Tokens'),
          '404': errors('Unknown token'),
        },
      },
    },
  };
}
