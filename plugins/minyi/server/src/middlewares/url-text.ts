import type { Context, Next } from 'koa';
import { urlTextProblem } from '../domain/url-text';

/**
 * `plugin::minyi.url-text`, first in the app's middleware stack (config/middlewares.ts): a URL
 * whose path or query string carries a control character, a lone surrogate or broken
 * percent-encoding answers 400 in Strapi's error shape before any route reads it.
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
  ctx.status = 400;
  ctx.body = {
    data: null,
    error: {
      status: 400,
      name: 'ValidationError',
      message: `${where.zh}${problem.zh} / ${where.en} ${problem.en}`,
      details: { code: 'INVALID_URL_TEXT', part: problem.part },
    },
  };
};
