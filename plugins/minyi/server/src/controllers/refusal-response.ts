import type { Context } from 'koa';

const ERROR_NAMES: Readonly<Record<number, string>> = {
  400: 'ValidationError',
  401: 'UnauthorizedError',
  403: 'ForbiddenError',
  404: 'NotFoundError',
  409: 'ConflictError',
  429: 'RateLimitError',
};

/** What every refusal of the plugin carries (workflow, spot-check, notices, public routes). */
export interface RefusalLike {
  readonly status: number;
  readonly code: string;
  readonly reason: { readonly zh: string; readonly en: string };
  readonly message: string;
  readonly problems?: readonly unknown[];
}

/** Answers a refusal in Strapi's error shape, with the reason in Chinese and English and bad fields one by one. */
export function answerRefusal(ctx: Context, refusal: RefusalLike): void {
  ctx.status = refusal.status;
  ctx.body = {
    data: null,
    error: {
      status: refusal.status,
      name: ERROR_NAMES[refusal.status] ?? 'ApplicationError',
      message: refusal.message,
      details: { code: refusal.code, reason: refusal.reason, errors: refusal.problems ?? [] },
    },
  };
}
