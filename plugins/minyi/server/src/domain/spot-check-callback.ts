import { z } from 'zod';
import type { InputProblem } from './action-input';
import { SATISFACTIONS, type Satisfaction } from './metrics';
import { safeText } from './text-input';

/** One sampled item as stored in spot-check.sample: who it belongs to and, once reviewed, the verdict. */
export interface SampleEntry {
  documentId: string;
  trackingCode: string;
  township: string | null;
  department: string | null;
  review: null | {
    solved: boolean;
    satisfaction: Satisfaction;
    passed: boolean;
    reviewedBy: string;
    reviewedAt: string;
    reopened: boolean;
    /** When the resident was called (as recorded; reviewedAt is when it was entered). */
    calledAt?: string;
    note?: string;
  };
  /** Calls that did not reach the resident (no verdict yet). */
  attempts?: Array<{ calledAt: string; by: string; note?: string }>;
}

const calledAt = z.iso.datetime({ offset: true }).optional();
const note = safeText().trim().max(2000).optional();

/** The callback (回访) of one sampled item that reached the resident: the verdict. */
export const REACHED_CALLBACK = z
  .object({
    solved: z.boolean(),
    satisfaction: z.enum(SATISFACTIONS),
    reached: z.literal(true).optional(),
    calledAt,
    note,
  })
  .strict();

/** A call that did not reach the resident (未接通): recorded as an attempt, the item stays to be reviewed. */
export const UNREACHED_CALLBACK = z
  .object({
    reached: z.literal(false),
    calledAt,
    note,
  })
  .strict();

export type ReachedCallback = z.infer<typeof REACHED_CALLBACK>;
export type UnreachedCallback = z.infer<typeof UNREACHED_CALLBACK>;
export type SpotCheckCallback = ReachedCallback | UnreachedCallback;

/**
 * A callback as the review route receives it: `reached: false` is a call that did not get
 * through, anything else must be a verdict. Bad fields one by one (`(body)` for the body itself).
 */
export function parseCallback(
  body: unknown
): { ok: true; input: SpotCheckCallback } | { ok: false; problems: InputProblem[] } {
  const unreached = (body as { reached?: unknown } | null | undefined)?.reached === false;
  const parsed = unreached ? UNREACHED_CALLBACK.safeParse(body) : REACHED_CALLBACK.safeParse(body);
  if (parsed.success) return { ok: true, input: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => ({
      field: issue.path.join('.') || '(body)',
      message: issue.message,
    })),
  };
}

/** Whether the callback reached the resident (a verdict), or only recorded an attempt. */
export function isReached(input: SpotCheckCallback): input is ReachedCallback {
  return input.reached !== false;
}
