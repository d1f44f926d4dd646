import { z } from 'zod';
import { describeIssues, type FieldProblem } from './input-problems';
import { type Refusal, refuse } from './result';
import { safeText } from './text-input';
import type { ItemStatus } from './vocabulary';

/** As on the item content type (satisfaction). */
export const SATISFACTION_LEVELS = [
  'very-satisfied',
  'satisfied',
  'basically-satisfied',
  'dissatisfied',
] as const;
export type Satisfaction = (typeof SATISFACTION_LEVELS)[number];

export const SATISFACTION_LABELS_ZH: Readonly<Record<Satisfaction, string>> = {
  'very-satisfied': '非常满意',
  satisfied: '满意',
  'basically-satisfied': '基本满意',
  dissatisfied: '不满意',
};

export const FEEDBACK_INPUT = z
  .object({
    solved: z.boolean(),
    satisfaction: z.enum(SATISFACTION_LEVELS),
    /** Absent when the request carries the signed link's token instead. */
    receiptSecret: safeText().min(1).max(64).optional(),
  })
  .strict();

export type FeedbackInput = z.infer<typeof FEEDBACK_INPUT>;

export function parseFeedback(
  body: unknown
): { ok: true; input: FeedbackInput } | { ok: false; problems: FieldProblem[] } {
  const envelope = z.object({ data: z.unknown() }).safeParse(body);
  if (!envelope.success || envelope.data.data === undefined) {
    return {
      ok: false,
      problems: [
        {
          path: ['data'],
          message: 'the body must be {"data": {...}}',
          messageZh: '请求体须为 {"data": {...}}',
        },
      ],
    };
  }
  const result = FEEDBACK_INPUT.safeParse(envelope.data.data);
  if (result.success) return { ok: true, input: result.data };
  return {
    ok: false,
    problems: describeIssues(result.error).map((problem) => ({
      ...problem,
      path: ['data', ...problem.path],
    })),
  };
}

export interface FeedbackTarget {
  readonly status: ItemStatus;
  readonly resolvedAt: Date | null;
  readonly callbackAt: Date | null;
}

export type FeedbackDecision =
  | { readonly ok: true; readonly action: 'close' | 'reopen' | null }
  | Refusal<'NOT_RESOLVED' | 'FEEDBACK_ALREADY_GIVEN'>;

/**
 * Feedback is asked for once per resolution: only a resolved or closed item takes it, and only if
 * no feedback came after its latest resolution. "Solved" closes a resolved item (the resident is
 * the last to confirm); "not solved" reopens it, and its next resolution asks again.
 */
export function decideFeedback(item: FeedbackTarget, solved: boolean): FeedbackDecision {
  if (item.status !== 'resolved' && item.status !== 'closed') {
    return refuse(
      'NOT_RESOLVED',
      '事项尚未办结,暂不能评价',
      'Only a resolved or closed item takes feedback'
    );
  }
  if (
    item.callbackAt !== null &&
    (item.resolvedAt === null || item.callbackAt >= item.resolvedAt)
  ) {
    return refuse(
      'FEEDBACK_ALREADY_GIVEN',
      '本次办理结果已评价过',
      'Feedback on this resolution has already been given'
    );
  }
  if (!solved) return { ok: true, action: 'reopen' };
  return { ok: true, action: item.status === 'resolved' ? 'close' : null };
}
