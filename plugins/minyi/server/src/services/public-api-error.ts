import type { FieldProblem } from '../domain/input-problems';

/** A refusal on a public route, turned by the controller into Strapi's error shape with both languages. */
export class PublicApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409,
    readonly code: string,
    readonly reason: { zh: string; en: string },
    readonly problems: readonly FieldProblem[] = []
  ) {
    super(reason.en);
  }
}
