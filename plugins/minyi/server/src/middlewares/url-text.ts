import type { Context, Next } from 'koa';
import { CONTENT_TYPES, errorAnswer, renderOpen311 } from '../domain/open311/render';
import { urlTextProblem } from '../domain/url-text';

/** Open311 clients read the spec's error list, in the format the path names. */
const OPEN311_PATH = /^\/api\/open311\//;

/**
 * `plugin::minyi.url-text`, first in the app's middleware stack (config/middlewares.ts): a URL
 * whose path or query string carries a control character, a lone surrogate or broken
 * percent-encoding answers 400 before any route reads it: in Strapi's error shape, or on the
 * Open311 routes in the spec's error list (`[{code, description}]` / `<errors>`).
 */
export default () => async (ctx: Context, next: Next) => {
  // ctx.path is decoded by koa; the raw path is the URL before '?'.
  const [rawPath] = ctx.originalUrl.split('?', 1);
  const problem = urlTextProblem(rawPath, ctx.querystring);
  if (problem === null) return next();
  const where =
    problem.part === 'path'
      ? { en: 'The URL path', zh: '网址路径' }
      : { en: 'The query string', zh: '查询参数' };
  const message = `${where.zh}${problem.zh} / ${where.en} ${problem.en}`;
  ctx.status = 400;
  if (OPEN311_PATH.test(rawPath)) {
    const format = /\.xml$/i.test(rawPath) ? 'xml' : 'json';
    ctx.type = CONTENT_TYPES[format];
    ctx.body = renderOpen311(format, errorAnswer(400, message));
    return;
  }
  ctx.body = {
    data: null,
    error: {
      status: 400,
      name: 'ValidationError',
      message,
      details: { code: 'INVALID_URL_TEXT', part: problem.part },
    },
  };
};
