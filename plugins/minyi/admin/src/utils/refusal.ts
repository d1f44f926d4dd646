import { isFetchError } from '@strapi/strapi/admin';

import type { FieldProblem, RefusalBody } from '../../../shared/contracts';

/** A refusal of a plugin admin route, ready to show: the Chinese reason and the bad fields. */
export interface ShownRefusal {
  status: number;
  code: string | null;
  /** 中文 reason (the server's `reason.zh`, else its message). */
  reason: string;
  /** field name → message, for the message beside each field. */
  fields: Record<string, string>;
}

interface ProblemLike extends Partial<FieldProblem> {
  path?: string[] | string;
  messageZh?: string;
}

/** Reads the plugin's refusal shape (RefusalBody) out of a failed useFetchClient call. */
export function readRefusal(error: unknown, fallback: string): ShownRefusal {
  if (!isFetchError(error)) return { status: 0, code: null, reason: fallback, fields: {} };
  const body = error.response?.data as Partial<RefusalBody> | undefined;
  const failure = body?.error;
  const details = (failure?.details ?? {}) as Partial<RefusalBody['error']['details']> & {
    errors?: ProblemLike[];
  };
  const fields: Record<string, string> = {};
  for (const problem of details.errors ?? []) {
    const field =
      problem.field ?? (Array.isArray(problem.path) ? problem.path.join('.') : problem.path);
    // Body problems name `data.<field>`; the forms name the field alone.
    if (field)
      fields[field.replace(/^data\./, '')] = problem.messageZh ?? problem.message ?? fallback;
  }
  return {
    status: failure?.status ?? error.status ?? 0,
    code: details.code ?? null,
    reason: details.reason?.zh ?? failure?.message ?? fallback,
    fields,
  };
}

/**
 * A refusal as one line for a page's error text: the Chinese messages of its bad fields when it
 * names any, else its Chinese reason (never the server's combined "zh / en" message when the
 * answer carries the Chinese one).
 */
export function refusalText(error: unknown, fallback: string): string {
  const refusal = readRefusal(error, fallback);
  const fields = Object.values(refusal.fields);
  return fields.length > 0 ? fields.join(';') : refusal.reason;
}
