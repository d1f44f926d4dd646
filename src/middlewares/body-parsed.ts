import type { Context, Next } from 'koa';
import { BODY_PARSED } from './body-errors';

/** Marks that `strapi::body` read the body; see body-errors.ts. */
export default () => async (ctx: Context, next: Next) => {
  (ctx.state as Record<symbol, unknown>)[BODY_PARSED] = true;
  await next();
};
