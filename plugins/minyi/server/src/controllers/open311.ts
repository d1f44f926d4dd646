import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { parseRequestsQuery, argument } from '../domain/open311/requests-query';
import {
  CONTENT_TYPES,
  errorAnswer,
  type Open311Answer,
  type Open311Format,
  renderOpen311,
} from '../domain/open311/render';
import { parseOpen311Form } from '../domain/open311/submission-form';
import { minyiConfig, minyiService } from '../plugin';
import { Refusal } from '../refusal';
import { multipartPhotos, removeIncoming } from './multipart';

/** The changeset of this endpoint's description (discovery): raised when the answers change. */
const CHANGESET = '2026-12-02T00:00:00+08:00';
const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';

const notFound = (en: string, zh: string) => new Refusal(404, 'NOT_FOUND', { zh, en });

/**
 * Open311 GeoReport v2 under /api/open311/v2 (routes/content-api/open311.ts). Each handler reads
 * the format from the path (.xml or .json), checks jurisdiction_id, parses its arguments, calls
 * one service and answers in the spec's shapes. Refusals answer in the spec's error list — not
 * Strapi's `{ error }`, which Open311 clients cannot read — with the HTTP status as the code.
 */
const open311 = ({ strapi }: { strapi: Core.Strapi }) => {
  const formatOf = (ctx: Context): Open311Format =>
    (ctx.params as { format?: string }).format === 'xml' ? 'xml' : 'json';

  function send(ctx: Context, status: number, answer: Open311Answer) {
    const format = formatOf(ctx);
    ctx.status = status;
    ctx.type = CONTENT_TYPES[format];
    ctx.body = renderOpen311(format, answer);
  }

  /** jurisdiction_id may be left out (one jurisdiction); a different one is not ours. */
  function checkJurisdiction(ctx: Context) {
    const given =
      argument(ctx.query as Record<string, unknown>, 'jurisdiction_id') ??
      argument((ctx.request.body ?? {}) as Record<string, unknown>, 'jurisdiction_id');
    if (given !== undefined && given !== minyiConfig(strapi).open311.jurisdictionId)
      throw notFound(`jurisdiction_id "${given}" is not served here`, `未知的辖区 ${given}`);
  }

  async function handle(ctx: Context, work: () => Promise<Open311Answer>, status = 200) {
    try {
      checkJurisdiction(ctx);
      send(ctx, status, await work());
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      if (error.retryAfterSeconds !== undefined)
        ctx.set('Retry-After', String(error.retryAfterSeconds));
      send(ctx, error.status, errorAnswer(error.status, error.reason.en));
    }
  }

  const param = (ctx: Context, name: string) =>
    String((ctx.params as Record<string, string | undefined>)[name] ?? '');

  return {
    async discovery(ctx: Context) {
      await handle(ctx, async () => {
        const config = minyiConfig(strapi);
        return {
          kind: 'discovery',
          value: {
            changeset: CHANGESET,
            contact: config.open311.contact,
            key_service: config.open311.keyService,
            endpoints: [
              {
                specification: SPECIFICATION,
                url: `${config.publicUrl.replace(/\/+$/, '')}/api/open311/v2`,
                changeset: CHANGESET,
                type: 'production',
                formats: ['text/xml', 'application/json'],
              },
            ],
          },
        };
      });
    },

    async services(ctx: Context) {
      await handle(ctx, async () => ({
        kind: 'services',
        value: await minyiService(strapi, 'open311-catalog').services(),
      }));
    },

    async serviceDefinition(ctx: Context) {
      await handle(ctx, async () => {
        const code = param(ctx, 'service_code');
        const definition = await minyiService(strapi, 'open311-catalog').definition(code);
        if (!definition)
          throw notFound(
            `service_code "${code}" is not a service here`,
            `没有代码为"${code}"的服务`
          );
        return { kind: 'service_definition', value: definition };
      });
    },

    async createRequest(ctx: Context) {
      // Form-encoded, or multipart with the photos as `media` (the request's temporary files go afterwards).
      await removeIncoming(ctx, () =>
        handle(
          ctx,
          async () => {
            const body = (ctx.request.body ?? {}) as Record<string, unknown>;
            const apiKey =
              argument(body, 'api_key') ??
              argument(ctx.query as Record<string, unknown>, 'api_key');
            const parsed = parseOpen311Form(body);
            if (!parsed.ok)
              throw new Refusal(400, 'INVALID_INPUT', {
                zh: `请求参数有误:${parsed.description}`,
                en: parsed.description,
              });
            const receipt = await minyiService(strapi, 'open311-intake').submit(
              apiKey,
              parsed.form,
              new Date(),
              multipartPhotos(ctx, 'media')
            );
            return { kind: 'receipt', value: [receipt] };
          },
          // 200, not 201: the spec names no status, and clients written against the reference servers check for 200.
          200
        )
      );
    },

    async requests(ctx: Context) {
      await handle(ctx, async () => {
        const query = parseRequestsQuery(
          ctx.query as Record<string, unknown>,
          new Date(),
          minyiConfig(strapi).timezone
        );
        if (!query.ok)
          throw new Refusal(400, 'INVALID_INPUT', {
            zh: `查询参数有误:${query.description}`,
            en: query.description,
          });
        return {
          kind: 'requests',
          value: await minyiService(strapi, 'open311-requests').list(query.query),
        };
      });
    },

    async request(ctx: Context) {
      await handle(ctx, async () => {
        const id = param(ctx, 'service_request_id');
        const found = await minyiService(strapi, 'open311-requests').one(id);
        if (!found)
          throw notFound(
            `service_request_id "${id}" is not a request here`,
            `没有编号为"${id}"的事项`
          );
        return { kind: 'requests', value: [found] };
      });
    },

    async token(ctx: Context) {
      await handle(ctx, async () => {
        const token = param(ctx, 'token');
        const found = await minyiService(strapi, 'open311-requests').token(token);
        if (!found) throw notFound(`token "${token}" is not known here`, '未知的令牌');
        return { kind: 'tokens', value: [found] };
      });
    },
  };
};

export default open311;
