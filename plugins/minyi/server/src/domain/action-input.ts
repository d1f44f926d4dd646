import { z } from 'zod';
import type { Action } from './state-machine';
import { safeText } from './text-input';

/**
 * What each handling action accepts from a person. Free text is trimmed and bounded; a reason is
 * required where the resident or an auditor will later ask "why".
 */
const text = (max: number) => safeText().trim().min(1).max(max);
const reference = safeText().trim().min(1).max(64);
const note = text(2000).optional();

export const ACTION_INPUT = {
  accept: z.object({ note }).strict(),
  assign: z
    .object({
      grid: reference.optional(),
      leadDepartment: reference.optional(),
      coDepartments: z.array(reference).max(20).optional(),
      leadLeader: reference.optional(),
      complexity: z.enum(['simple', 'complex', 'multi-department']).optional(),
      note,
    })
    .strict()
    .refine((input) => input.grid !== undefined || input.leadDepartment !== undefined, {
      message: 'give a grid or a lead department to assign to / 请指定承办网格或牵头单位',
    }),
  start: z.object({ note }).strict(),
  resolve: z.object({ reply: text(5000) }).strict(),
  close: z.object({ note }).strict(),
  return: z.object({ reason: text(2000) }).strict(),
  reject: z.object({ reason: text(2000) }).strict(),
  'request-extension': z
    .object({
      reason: text(2000),
      workingDays: z.number().int().min(1).max(60).optional(),
      until: z.coerce.date().optional(),
    })
    .strict()
    .refine((input) => (input.workingDays === undefined) !== (input.until === undefined), {
      message: 'give either workingDays or until / 请填写延长的工作日数或新的期限(二选一)',
    }),
  'approve-extension': z.object({ note }).strict(),
  'reject-extension': z.object({ reason: text(2000) }).strict(),
  escalate: z.object({ reason: text(2000) }).strict(),
  reopen: z.object({ reason: text(2000) }).strict(),
  'link-duplicate': z.object({ duplicateOf: reference, note }).strict(),
  // What the unit is urged to do is the point of 督办: the note is required.
  supervise: z.object({ note: text(2000) }).strict(),
} satisfies Record<Action, z.ZodType>;

export type ActionInput<A extends Action> = z.infer<(typeof ACTION_INPUT)[A]>;
export type AnyActionInput = { [A in Action]: ActionInput<A> }[Action];

export interface InputProblem {
  readonly field: string;
  readonly message: string;
}

export function parseActionInput(
  action: Action,
  body: unknown
): { ok: true; input: AnyActionInput } | { ok: false; problems: InputProblem[] } {
  const result = ACTION_INPUT[action].safeParse(body ?? {});
  if (result.success) return { ok: true, input: result.data as AnyActionInput };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => ({
      field: issue.path.join('.') || '(body)',
      message: issue.message,
    })),
  };
}
