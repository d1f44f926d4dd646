import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';

/**
 * On a read (GET/HEAD), a query-string value the database cannot use is the client's mistake:
 * PostgreSQL's SQLSTATE class 22 "data exception" (`filters[id][$in][0]=abc`, an impossible date,
 * a number out of range), 42883 "operator does not exist" and 42804 "datatype mismatch" (a list
 * nested in a list: `filters[id][$in][0]=1&filters[id][$in][0]=2`), and Strapi's own query engine
 * refusing a sort key it let through (`sort=.` → "Attribute  not found on model"). Strapi hands such values to
 * the database and would answer 500; this answers 400 in Strapi's error shape instead. Writes are
 * left alone — their values pass the app's own validation, so such an error there is a bug (500).
 */
const CLIENT_VALUE_ERROR = /^(22[0-9A-Z]{3}|42883|42804)$/;
const READS = new Set(['GET', 'HEAD']);
/** Thrown as a plain Error by @strapi/database's order-by helper for an empty or unknown sort key. */
const UNKNOWN_SORT_KEY = /^Attribute .* not found on model [\w:.-]+$/;

function isClientValueError(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && CLIENT_VALUE_ERROR.test(code)) return `SQLSTATE ${code}`;
  if (error instanceof Error && UNKNOWN_SORT_KEY.test(error.message)) return 'unknown sort key';
  return null;
}

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: Context, next: Next) => {
    try {
      await next();
    } catch (error) {
      const kind = READS.has(ctx.method) ? isClientValueError(error) : null;
      if (kind === null) throw error;
      strapi.log.warn(`[minyi] ${ctx.method} ${ctx.path}: a query value the database cannot use (${kind}) answered 400`);
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
