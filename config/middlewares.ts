import type { Core } from '@strapi/strapi';
import { markPartOrder } from '../src/http/multipart-order';

/**
 * Hardening of the HTTP layer (see README "Public API"): security headers, a CORS allow-list and
 * body limits. Everything else is Strapi's default stack in Strapi's order.
 */
export default ({ env }: Core.Config.Shared.ConfigParams) => {
  const production = env('NODE_ENV', 'development') === 'production';
  // CORS_ORIGINS: comma-separated origins allowed to call the API from a browser (the county portal,
  // partner pages). Unset: any origin in development, none elsewhere; `*` allows every origin.
  const corsOrigins = env.array(
    'CORS_ORIGINS',
    production || env('NODE_ENV') === 'test' ? [] : ['*']
  ) as string[];
  return [
    'strapi::logger',
    'strapi::errors',
    // NUL, control characters and broken percent-encoding in a URL: 400 before any route reads it.
    'plugin::minyi.url-text',
    // A query value the database cannot read (PostgreSQL class 22) is a 400, not a 500.
    'global::query-value-errors',
    {
      name: 'strapi::security',
      config: {
        // Strapi's CSP defaults (which the admin panel needs) plus: no framing by other sites, no plugins.
        contentSecurityPolicy: {
          useDefaults: true,
          directives: {
            'frame-ancestors': ["'self'"],
            'object-src': ["'none'"],
            'base-uri': ["'self'"],
            'form-action': ["'self'"],
          },
        },
        // HSTS only where the app is served over HTTPS: a production deployment.
        hsts: production ? { maxAge: 31536000, includeSubDomains: true } : false,
        frameguard: { action: 'sameorigin' },
        noSniff: true,
        referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
      },
    },
    {
      name: 'strapi::cors',
      config: {
        origin: corsOrigins.filter((origin) => origin.trim() !== ''),
        // If-Match / ETag: a handling move "only if it is still …" (README "Handling items").
        headers: ['Content-Type', 'Authorization', 'Origin', 'Accept', 'If-Match'],
        methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'],
        expose: ['Retry-After', 'ETag'],
      },
    },
    'strapi::poweredBy',
    'strapi::query',
    // A body that cannot be read is the client's error (4xx), never a 500: see src/middlewares/body-errors.ts.
    'global::body-errors',
    {
      name: 'strapi::body',
      config: {
        // An item is at most ~16 KB of text; uploads (media library) keep their own limit.
        jsonLimit: env('BODY_JSON_LIMIT', '256kb'),
        formLimit: env('BODY_FORM_LIMIT', '256kb'),
        textLimit: env('BODY_TEXT_LIMIT', '256kb'),
        // Numbers each file of a multipart request in the order sent (src/http/multipart-order.ts).
        formidable: { onFileBegin: markPartOrder },
      },
    },
    'global::body-parsed',
    'strapi::session',
    'strapi::favicon',
    'strapi::public',
  ];
};
