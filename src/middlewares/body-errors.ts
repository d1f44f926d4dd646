import type { Context, Next } from 'koa';

/**
 * Placed just before `strapi::body`; `global::body-parsed` just after marks the body as read. An
 * error thrown before that mark came from reading the body — malformed JSON, a broken multipart
 * stream, a body over the limit, an unknown charset — and is the client's: it gets a 4xx in
 * Strapi's error shape (both languages) instead of a 500, and is not logged as a server error.
 */
export const BODY_PARSED = Symbol.for('minyi.bodyParsed');

const REASONS: Record<number, { zh: string; en: string; name: string }> = {
  400: {
    zh: '请求体无法解析(格式错误)',
    en: 'The request body could not be parsed',
    name: 'BadRequestError',
  },
  413: { zh: '请求体过大', en: 'The request body is too large', name: 'PayloadTooLargeError' },
  415: {
    zh: '不支持的请求体编码或类型',
    en: 'Unsupported body encoding or media type',
    name: 'UnsupportedMediaTypeError',
  },
};

function statusOf(error: unknown): 400 | 413 | 415 {
  const status = Number(
    (error as { status?: unknown; statusCode?: unknown })?.status ??
      (error as { statusCode?: unknown })?.statusCode
  );
  return status === 413 || status === 415 ? status : 400;
}

export default () => async (ctx: Context, next: Next) => {
  try {
    await next();
  } catch (error) {
    if ((ctx.state as Record<symbol, unknown>)[BODY_PARSED]) throw error;
    const status = statusOf(error);
    const reason = REASONS[status];
    ctx.status = status;
    ctx.body = {
      data: null,
      error: { status, name: reason.name, message: `${reason.zh} / ${reason.en}`, details: {} },
    };
  }
};
