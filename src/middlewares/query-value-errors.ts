import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';

/**
 * On a read (GET/HEAD), a query-string value the database cannot use is the client's mistake:
 * PostgreSQL's SQLSTATE class 22 "data exception" (`filters[id][$in][0]=abc`, an impossible date,
 * a number out of range), 42883 "operator does not exist" and 42804 "datatype mismatch" (a list
 * nested in a list: `filters[id][$in][0]=1&filters[id][$in][0]=2`). Strapi hands such values to
 * the database and would answer 500; this answers 400 in Strapi's error shape instead. Writes are
 * left alone — their values pass the app's own validation, so such an error there is a bug (500).
 */
const CLIENT_VALUE_ERROR = /^(22[0-9A-Z]{3}|42883|42804)$/;
const READS = new Set(['GET', 'HEAD']);

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: Context, next: Next) => {
    try {
      await next();
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      if (!READS.has(ctx.method) || typeof code !== 'string' || !CLIENT_VALUE_ERROR.test(code)) throw error;
      strapi.log.warn(`[minyi] ${ctx.method} ${ctx.path}: a query value the database cannot read (SQLSTATE ${code}) answered 400`);
      ctx.status = 400;
      ctx.body = {
        data: null,
        error: {
          status: 400,
          name: 'ValidationError',
          message: '查询参数的值无效 / A query value is not valid for its field',
          details: { code: 'INVALID_QUERY_VALUE' },
        },
      };
    }
  };
