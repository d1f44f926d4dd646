import { z } from 'zod';
import { describeIssues, type FieldProblem } from './input-problems';
import { safeText } from './text-input';

/**
 * What a resident (or a partner system) may send to POST /api/items: only these fields, bounded
 * as the item content type bounds them. Category and grid are given by documentId or by code.
 * Anything else — channel, state, level, due dates, relations to staff — is decided by the server.
 */
export const ITEM_TYPES = ['complaint', 'request', 'suggestion', 'consultation'] as const;

/**
 * The honeypot: a field the public form hides from people (CSS, aria-hidden, tabindex -1). A bot
 * filling every input fills it too. Named like an ordinary optional field so bots do not skip it.
 */
export const HONEYPOT_FIELD = 'homepage';

const text = (max: number) => safeText().trim().min(1).max(max);
const optionalText = (max: number) => safeText().trim().max(max).optional();
/** A documentId (cuid2, 24 chars) or a code (grid codes are up to 64 characters). */
const reference = safeText().trim().min(1).max(64);

export const SUBMISSION_INPUT = z
  .object({
    title: text(200),
    content: text(5000),
    type: z.enum(ITEM_TYPES).optional(),
    category: reference.optional(),
    grid: reference,
    address: optionalText(300),
    lat: z.number().min(-90).max(90).optional(),
    long: z.number().min(-180).max(180).optional(),
    submitterName: optionalText(50),
    submitterPhone: safeText()
      .trim()
      .max(32)
      .regex(/^\+?[0-9][0-9 ()-]{3,31}$/)
      .optional(),
    submitterEmail: z.email().max(254).optional(),
    anonymous: z.boolean().optional(),
    emailConsent: z.boolean().optional(),
    [HONEYPOT_FIELD]: z.string().max(2000).optional(),
  })
  .strict()
  .refine((input) => !input.emailConsent || input.submitterEmail !== undefined, {
    path: ['emailConsent'],
    message: 'emailConsent needs a submitterEmail to write to',
    params: { messageZh: '同意邮件告知时须填写电子邮箱' },
  });

export type SubmissionInput = Omit<z.infer<typeof SUBMISSION_INPUT>, typeof HONEYPOT_FIELD>;

export type SubmissionParse =
  | { readonly ok: true; readonly input: SubmissionInput; readonly honeypotFilled: boolean }
  | { readonly ok: false; readonly problems: FieldProblem[] };

/** Checks the request body (`{ data: {...} }`). The honeypot is reported, never passed on. */
export function parseSubmission(body: unknown): SubmissionParse {
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
  const result = SUBMISSION_INPUT.safeParse(envelope.data.data);
  if (!result.success) {
    return {
      ok: false,
      problems: describeIssues(result.error).map((problem) => ({
        ...problem,
        path: ['data', ...problem.path],
      })),
    };
  }
  const { [HONEYPOT_FIELD]: honeypot, ...input } = result.data;
  return { ok: true, input, honeypotFilled: honeypot !== undefined && honeypot.trim() !== '' };
}
