import { createReadStream } from 'fs';
import path from 'path';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { openApiDocument } from '../domain/openapi/document';
import { minyiConfig } from '../plugin';

/** The files of swagger-ui-dist the page loads; nothing else of the package is served. */
const SWAGGER_FILES: Readonly<Record<string, string>> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

const SWAGGER_DIR = path.dirname(require.resolve('swagger-ui-dist/package.json'));

/** The page's own script: a file, because the CSP allows no inline script. */
const INIT_SCRIPT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout',
  });
});
`;

const PAGE = `<!doctype html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<title>民意直通车 API 文档 · OpenAPI</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="/documentation/favicon-32x32.png">
<link rel="stylesheet" href="/documentation/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/documentation/swagger-ui-bundle.js"></script>
<script src="/documentation/swagger-ui-standalone-preset.js"></script>
<script src="/documentation/init.js"></script>
</body>
</html>
`;

/**
 * GET /openapi.json (the OpenAPI 3.1 document) and GET /documentation (Swagger UI from
 * swagger-ui-dist, served by the app itself: no outside network).
 */
const openapi = ({ strapi }: { strapi: Core.Strapi }) => {
  let document: Record<string, unknown> | null = null;
  return {
    document(ctx: Context) {
      document ??= openApiDocument({
        serverUrl: minyiConfig(strapi).publicUrl,
        version: String(strapi.config.get('info.version', '0.0.0')),
      });
      ctx.set('Cache-Control', 'public, max-age=300');
      ctx.type = 'application/json; charset=utf-8';
      ctx.body = document;
    },
    page(ctx: Context) {
      ctx.type = 'text/html; charset=utf-8';
      ctx.body = PAGE;
    },
    asset(ctx: Context) {
      const file = String((ctx.params as { file?: string }).file ?? '');
      if (file === 'init.js') {
        ctx.type = 'application/javascript; charset=utf-8';
        ctx.body = INIT_SCRIPT;
        return;
      }
      const type = SWAGGER_FILES[file];
      if (!type) {
        ctx.status = 404;
        ctx.body = {
          data: null,
          error: { status: 404, name: 'NotFoundError', message: 'Not Found', details: {} },
        };
        return;
      }
      ctx.set('Cache-Control', 'public, max-age=86400');
      ctx.type = type;
      ctx.body = createReadStream(path.join(SWAGGER_DIR, file));
    },
  };
};

export type OpenApiController = ReturnType<typeof openapi>;
export default openapi;

/** Mounts the three routes at the root of the server (outside /api), public. */
export function registerOpenApiRoutes(strapi: Core.Strapi): void {
  const controller = openapi({ strapi });
  strapi.server.routes([
    { method: 'GET', path: '/openapi.json', handler: controller.document, config: { auth: false } },
    { method: 'GET', path: '/documentation', handler: controller.page, config: { auth: false } },
    {
      method: 'GET',
      path: '/documentation/:file',
      handler: controller.asset,
      config: { auth: false },
    },
  ]);
}
