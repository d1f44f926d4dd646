import type { Context } from 'koa';
import type { InputProblem } from './domain/action-input';
import type { FieldProblem } from './domain/input-problems';
import type { LocalizedMessage } from './domain/result';

/** The statuses a refusal answers with. */
export type RefusalStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429;

/** A bad field: by name (admin routes, `{ field, message }`) or by path in both languages (public routes). */
export type RefusalProblem = InputProblem | FieldProblem;

/**
 * Every refusal of the plugin — workflow, spot-check, notices, the public and partner routes, rate
 * limits: a status, a stable code, the reason in Chinese and English, and bad fields one by one.
 * Services throw it; every controller answers it with `answerRefusal` (through `answeringRefusals`).
 * The domain's refusals are values (`domain/result.ts`); this is their shape at the shell's edge.
 */
export class Refusal extends Error {
  constructor(
    readonly status: RefusalStatus,
    readonly code: string,
    readonly reason: LocalizedMessage,
    readonly problems: readonly RefusalProblem[] = [],
    /** Set on a 429: the answer carries it as Retry-After. */
    readonly retryAfterSeconds?: number
  ) {
    super(`${reason.zh} / ${reason.en}`);
  }

  /** A caller over its limit (services/intake/rate-limits.ts). */
  static rateLimited(retryAfterSeconds: number): Refusal {
    return new Refusal(
      429,
      'RATE_LIMITED',
      {
        zh: `请求过于频繁,请 ${retryAfterSeconds} 秒后再试`,
        en: `Too many requests; retry in ${retryAfterSeconds} s`,
      },
      [],
      retryAfterSeconds
    );
  }
}

const ERROR_NAMES: Readonly<Record<RefusalStatus, string>> = {
  400: 'ValidationError',
  401: 'UnauthorizedError',
  403: 'ForbiddenError',
  404: 'NotFoundError',
  409: 'ConflictError',
  413: 'PayloadTooLargeError',
  415: 'UnsupportedMediaTypeError',
  422: 'UnprocessableEntityError',
  429: 'RateLimitError',
};

export interface AnswerOptions {
  /**
   * Public routes list bad fields in Strapi's shape (`path`, `message`, `messageZh`): a problem
   * given by field name is put under `data`.
   */
  problemsByPath?: boolean;
}

function byPath(problem: RefusalProblem): FieldProblem {
  return 'field' in problem
    ? { path: ['data', problem.field], message: problem.message, messageZh: problem.message }
    : problem;
}

/** Answers a refusal in Strapi's error shape, with the reason in Chinese and English and bad fields one by one. */
export function answerRefusal(ctx: Context, refusal: Refusal, options: AnswerOptions = {}): void {
  if (refusal.retryAfterSeconds !== undefined)
    ctx.set('Retry-After', String(refusal.retryAfterSeconds));
  ctx.status = refusal.status;
  ctx.body = {
    data: null,
    error: {
      status: refusal.status,
      name: ERROR_NAMES[refusal.status],
      message: refusal.message,
      details: {
        code: refusal.code,
        reason: refusal.reason,
        errors: options.problemsByPath ? refusal.problems.map(byPath) : refusal.problems,
      },
    },
  };
}

/** Runs a controller's work and answers the Refusal it throws; anything else is a real server error. */
export async function answeringRefusals(
  ctx: Context,
  work: () => Promise<void>,
  options: AnswerOptions = {}
): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (error instanceof Refusal) return answerRefusal(ctx, error, options);
    throw error;
  }
}
