import { z } from 'zod';
import { ITEM_OWNED_FIELDS } from './owned-fields';
import { ITEM_STATUSES, LEVELS } from './vocabulary';

/**
 * 数据更正: what a super admin may correct on an item outside the workflow, with a reason. Owners
 * change by assigning (交办); the tracking code, grid path and first responder never change.
 */
const when = z.coerce.date().nullable();
const flag = z.boolean().nullable();
const words = (max: number) => z.string().trim().max(max).nullable();

export const CORRECTABLE_FIELDS = {
  state: z.enum(ITEM_STATUSES),
  level: z.enum(LEVELS),
  receivedAt: when,
  acceptedAt: when,
  resolvedAt: when,
  closedAt: when,
  dueAt: when,
  warnedAt: when,
  overdueFlaggedAt: when,
  pausedAt: when,
  extensionPending: flag,
  escalationCount: z.number().int().min(0).max(100),
  resolution: words(5000),
  satisfaction: z
    .enum(['very-satisfied', 'satisfied', 'basically-satisfied', 'dissatisfied'])
    .nullable(),
  callbackSolved: flag,
  callbackAt: when,
  callbackNote: words(2000),
} as const;

export type CorrectableField = keyof typeof CORRECTABLE_FIELDS;

export const CORRECTION_INPUT = z
  .object({
    data: z
      .object({
        reason: z.string().trim().min(1).max(2000),
        changes: z
          .object(
            Object.fromEntries(
              Object.entries(CORRECTABLE_FIELDS).map(([name, schema]) => [name, schema.optional()])
            ) as { [K in CorrectableField]: z.ZodOptional<(typeof CORRECTABLE_FIELDS)[K]> }
          )
          .strict()
          .refine((changes) => Object.keys(changes).length > 0, {
            message: 'name at least one field to correct / 请至少更正一个字段',
          }),
      })
      .strict(),
  })
  .strict();

export interface CorrectedValue {
  field: string;
  from: unknown;
  to: unknown;
}

/** The event note: the reason, then each field's old → new value (JSON, so it can be recomputed). */
export function correctionNote(reason: string, changed: readonly CorrectedValue[]): string {
  const lines = changed.map(
    ({ field, from, to }) =>
      `${ITEM_OWNED_FIELDS[field]?.labelZh ?? field}(${field}): ${JSON.stringify(from)} → ${JSON.stringify(to)}`
  );
  return [`更正理由:${reason}`, ...lines].join('\n');
}
