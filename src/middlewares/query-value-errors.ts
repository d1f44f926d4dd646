import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';

/**
 * On a read (GET/HEAD) with a query string, a database error is the query string's doing: Strapi
 * hands some malformed values through to SQL — on PostgreSQL `filters[id][$in][0]=abc` (class 22
 * "data exception"), a list nested in a list (`filters[id][$in][0]=1&filters[id][$in][0]=2`:
 * 42883, or on SQLite "sub-select returns 2 columns"), and an empty sort key (`sort=.`, which
 * Strapi's own order-by helper refuses with a plain Error). Strapi would answer 500; this answers
 * 400 in Strapi's error shape and logs a warning. A database error on a read without a query
 * string, and on any write (whose values pass the app's own validation), is a real server error
 * and goes on to strapi::errors (500).
 */
const READS = new Set(['GET', 'HEAD']);
/** Thrown as a plain Error by @strapi/database's order-by helper for an empty or unknown sort key. */
const UNKNOWN_SORT_KEY = /^Attribute .* not found on model [\w:.-]+$/;

/** Duck-typed, not `instanceof`: better-sqlite3's error class may come from another realm (jest's per-file contexts). */
function fieldOf(error: unknown, key: 'name' | 'code' | 'severity' | 'message'): unknown {
  return typeof error === 'object' && error !== null
    ? (error as Record<string, unknown>)[key]
    : undefined;
}

function isDatabaseError(error: unknown): boolean {
  if (fieldOf(error, 'name') === 'SqliteError') return true;
  // node-postgres errors carry the server's SQLSTATE and severity.
  const code = fieldOf(error, 'code');
  return (
    typeof code === 'string' &&
    /^[0-9A-Z]{5}$/.test(code) &&
    typeof fieldOf(error, 'severity') === 'string'
  );
}

function clientValueError(error: unknown): string | null {
  if (isDatabaseError(error))
    return `database: ${String(fieldOf(error, 'code') ?? fieldOf(error, 'name'))}`;
  const message = fieldOf(error, 'message');
  if (typeof message === 'string' && UNKNOWN_SORT_KEY.test(message)) return 'unknown sort key';
  return null;
}

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: Context, next: Next) => {
    try {
      await next();
    } catch (error) {
      const kind = READS.has(ctx.method) && ctx.querystring !== '' ? clientValueError(error) : null;
      if (kind === null) throw error;
      strapi.log.warn(
        `[minyi] ${ctx.method} ${ctx.path}: a query value the database cannot use (${kind}) answered 400`
      );
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
