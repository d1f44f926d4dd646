import { z } from 'zod';
import { PHOTO_FORMATS } from '../photos';
import { FEEDBACK_INPUT, SATISFACTION_LEVELS } from '../resident-feedback';
import { statsQuerySchema } from '../stats-query';
import { SUBMISSION_INPUT } from '../submission';
import { ERROR, FEEDBACK_RESULT, RECEIPT, STATS, TRACKING } from './answers';
import { OPEN311_ANSWERS, open311Paths } from './open311';

/**
 * The OpenAPI 3.1 document of the public and partner APIs (issue 12, item 5), served at
 * /openapi.json and browsable at /documentation. Request bodies and queries are generated from
 * the zod schemas the routes parse with, answers from ./answers.ts (z.toJSONSchema, JSON Schema
 * 2020-12, which OpenAPI 3.1 uses as is); what zod cannot say (multipart, form-encoded bodies,
 * HTML pages) is written here. Pure: the caller passes the server's address.
 */

type JsonSchema = Record<string, unknown>;

/** A zod schema as the JSON Schema OpenAPI 3.1 embeds (no $schema of its own). */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output' = 'output'): JsonSchema {
  const generated = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    // Refinements (safe text, the email-consent rule) cannot be written in JSON Schema: the
    // document states the shape, the route still checks the rest.
    unrepresentable: 'any',
  }) as JsonSchema;
  delete generated.$schema;
  return generated;
}

const json = (schema: JsonSchema) => ({ 'application/json': { schema } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const errorAnswer = (description: string) => ({
  description,
  content: json(ref('Error')),
});

const PHOTO_FILE = {
  type: 'string',
  contentMediaType: 'application/octet-stream',
  description: `${Object.values(PHOTO_FORMATS)
    .map((format) => format.mime)
    .join(', ')}; re-encoded without EXIF`,
};

const trackingCode = {
  name: 'trackingCode',
  in: 'path',
  required: true,
  schema: { type: 'string', maxLength: 64 },
  description: '查询码 (case, dashes and O/0, I/L/1 are forgiven)',
};

export interface OpenApiOptions {
  /** The app's public address (MINYI_PUBLIC_URL). */
  serverUrl: string;
  /** The app's version (package.json). */
  version: string;
}

export function openApiDocument({ serverUrl, version }: OpenApiOptions): JsonSchema {
  const submission = jsonSchemaOf(SUBMISSION_INPUT, 'input');
  const feedback = jsonSchemaOf(FEEDBACK_INPUT, 'input');
  const statsQuery = jsonSchemaOf(statsQuerySchema, 'input') as {
    properties: Record<string, JsonSchema>;
  };
  return {
    openapi: '3.1.0',
    info: {
      title: '民意直通车 Minyi Express — public and partner API',
      version,
      description:
        'Submit an item (residents, partner systems with an API token), track it by its code, give feedback, read the public figures; Open311 GeoReport v2 for existing 311 clients. Answers are Strapi-shaped: `{ data }` or `{ data: null, error }` with the reason in Chinese and English. No answer carries personal data.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: serverUrl }],
    tags: [
      {
        name: 'items',
        description: 'Submission, tracking and feedback (群众提交、进度查询、评价)',
      },
      { name: 'stats', description: 'Public aggregate figures (公开统计)' },
      {
        name: 'open311',
        description: 'Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2), JSON and XML',
      },
    ],
    paths: {
      '/api/items': {
        post: {
          tags: ['items'],
          operationId: 'submitItem',
          summary: 'Submit an item (群众提交); a partner token records its channel',
          security: [{}, { partnerToken: [] }],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['data'],
                  properties: { data: submission },
                  additionalProperties: false,
                },
              },
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  required: ['data'],
                  properties: {
                    data: {
                      type: 'string',
                      contentMediaType: 'application/json',
                      contentSchema: submission,
                      description: 'The JSON body’s `data`, as text',
                    },
                    photos: { type: 'array', maxItems: 6, items: PHOTO_FILE },
                  },
                },
                encoding: {
                  photos: {
                    contentType: Object.values(PHOTO_FORMATS)
                      .map((f) => f.mime)
                      .join(', '),
                  },
                },
              },
            },
          },
          responses: {
            '201': { description: 'The receipt', content: json(ref('Receipt')) },
            '400': errorAnswer(
              'Invalid input, field by field; a photo that is no image or too many photos'
            ),
            '403': errorAnswer('A partner token without a channel'),
            '413': errorAnswer('A photo over the size or pixel limit; a body over the limit'),
            '415': errorAnswer('A photo that is not JPEG, PNG or WebP'),
            '429': errorAnswer('Over the rate limit (Retry-After)'),
          },
        },
      },
      '/api/items/track/{trackingCode}': {
        get: {
          tags: ['items'],
          operationId: 'trackItem',
          summary: 'Track an item (进度查询): public steps and photos only',
          parameters: [trackingCode],
          responses: {
            '200': { description: 'Where the item stands', content: json(ref('Tracking')) },
            '404': errorAnswer('No item has this code (also for a malformed code)'),
            '429': errorAnswer('Over the rate limit (Retry-After)'),
          },
        },
      },
      '/api/items/track/{trackingCode}/feedback': {
        get: {
          tags: ['items'],
          operationId: 'feedbackForm',
          summary: 'The feedback form of the resolution mail’s signed link (HTML)',
          parameters: [
            trackingCode,
            { name: 'token', in: 'query', required: true, schema: { type: 'string' } },
          ],
          responses: {
            '200': {
              description: 'The form',
              content: { 'text/html': { schema: { type: 'string' } } },
            },
            '401': {
              description: 'No token',
              content: { 'text/html': { schema: { type: 'string' } } },
            },
            '403': {
              description: 'A bad link',
              content: { 'text/html': { schema: { type: 'string' } } },
            },
            '404': {
              description: 'Unknown code',
              content: { 'text/html': { schema: { type: 'string' } } },
            },
            '409': {
              description: 'Not open for feedback',
              content: { 'text/html': { schema: { type: 'string' } } },
            },
          },
        },
        post: {
          tags: ['items'],
          operationId: 'giveFeedback',
          summary: 'Resident feedback (评价): solved closes, not solved reopens',
          parameters: [
            trackingCode,
            {
              name: 'token',
              in: 'query',
              required: false,
              schema: { type: 'string' },
              description: 'The signed link’s token, instead of receiptSecret',
            },
          ],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['data'],
                  properties: { data: feedback },
                  additionalProperties: false,
                },
              },
              'application/x-www-form-urlencoded': {
                schema: {
                  type: 'object',
                  required: ['solved', 'satisfaction'],
                  properties: {
                    solved: { type: 'string', enum: ['yes', 'no'] },
                    satisfaction: { type: 'string', enum: [...SATISFACTION_LEVELS] },
                    receiptSecret: { type: 'string', maxLength: 64 },
                  },
                },
              },
            },
          },
          responses: {
            '200': {
              description: 'Recorded (JSON for a JSON body, an HTML page for the form)',
              content: {
                ...json(ref('FeedbackResult')),
                'text/html': { schema: { type: 'string' } },
              },
            },
            '400': errorAnswer('Invalid input'),
            '401': errorAnswer('Neither receiptSecret nor token'),
            '403': errorAnswer('Wrong receiptSecret or token'),
            '404': errorAnswer('Unknown code'),
            '409': errorAnswer('Not resolved, or already answered'),
            '429': errorAnswer('Over the rate limit (Retry-After)'),
          },
        },
      },
      '/api/stats': {
        get: {
          tags: ['stats'],
          operationId: 'publicStats',
          summary: 'Received, handled and rates for a period, county-wide and by township',
          parameters: Object.entries(statsQuery.properties).map(([name, schema]) => ({
            name,
            in: 'query',
            required: false,
            schema,
            description:
              name === 'period'
                ? 'Month 2026-10, quarter 2026-Q4, ISO week 2026-W44 or year 2026 (default: this month)'
                : 'One township’s code',
          })),
          responses: {
            '200': { description: 'The figures', content: json(ref('Stats')) },
            '400': errorAnswer('Unknown parameter or malformed period'),
          },
        },
      },
      ...open311Paths(),
    },
    components: {
      securitySchemes: {
        partnerToken: {
          type: 'http',
          scheme: 'bearer',
          description:
            'A partner API token (Settings → API Tokens) whose description names its channel: `channel: mayor-hotline`',
        },
      },
      schemas: {
        Receipt: jsonSchemaOf(RECEIPT),
        Tracking: jsonSchemaOf(TRACKING),
        FeedbackResult: jsonSchemaOf(FEEDBACK_RESULT),
        Stats: jsonSchemaOf(STATS),
        Error: jsonSchemaOf(ERROR),
        ...Object.fromEntries(
          Object.entries(OPEN311_ANSWERS).map(([name, schema]) => [name, jsonSchemaOf(schema)])
        ),
      },
    },
  };
}
