import { z } from 'zod';
import { describeIssues, type FieldProblem } from '../input-problems';
import { safeText } from '../text-input';
import { type AnsweredAttribute, attributeLines } from './attributes';

/**
 * POST requests (GeoReport v2), form-encoded: the fields a client may send, read into one value,
 * then turned into the body of an ordinary submission (`domain/submission.ts`), which checks
 * them again as every other route does. An empty field behaves as an absent one.
 */
export const MAX_DESCRIPTION = 4000;

/** A tag, a comment or a processing instruction: the spec's description is plain text. */
const HTML_MARKUP = /<\s*\/?\s*[A-Za-z!?][^>]*>/;

/** A form field as one trimmed text: the last of repeated ones; '' counts as absent. */
function scalar(value: unknown): unknown {
  const last = Array.isArray(value) ? value[value.length - 1] : value;
  if (typeof last !== 'string') return last;
  const trimmed = last.trim();
  return trimmed === '' ? undefined : trimmed;
}

const text = (max: number) => z.preprocess(scalar, safeText().max(max).optional());
const coordinate = (min: number, max: number) =>
  z.preprocess(
    scalar,
    z
      .string()
      .regex(/^[-+]?\d{1,3}(?:\.\d+)?$/, 'must be a decimal number')
      .transform(Number)
      .pipe(z.number().min(min).max(max))
      .optional()
  );

const ATTRIBUTE_VALUE = z.union([safeText().max(2000), z.array(safeText().max(2000)).max(100)]);

const FORM = z.object({
  service_code: z.preprocess(scalar, safeText().max(64).optional()),
  lat: coordinate(-90, 90),
  long: coordinate(-180, 180),
  address_string: text(300),
  address_id: text(64),
  email: z.preprocess(scalar, z.email().max(254).optional()),
  device_id: text(200),
  account_id: text(200),
  first_name: text(50),
  last_name: text(50),
  phone: text(32),
  description: z.preprocess(
    scalar,
    safeText()
      .max(MAX_DESCRIPTION)
      .refine((value) => !HTML_MARKUP.test(value), 'must be plain text, without HTML')
      .optional()
  ),
  media_url: z.preprocess(
    scalar,
    z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional()
  ),
  attribute: z.record(z.string().max(64), ATTRIBUTE_VALUE).optional(),
});

/** The POST requests form's field names (the OpenAPI document lists them). */
export const OPEN311_FORM_FIELDS = Object.keys(FORM.shape) as ReadonlyArray<
  keyof typeof FORM.shape
>;

export interface Open311Form {
  readonly serviceCode: string;
  readonly lat?: number;
  readonly long?: number;
  readonly addressString?: string;
  readonly addressId?: string;
  readonly email?: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly phone?: string;
  readonly description?: string;
  /** Stored as the item's photo reference (http(s) only, never fetched; issue 12). */
  readonly mediaUrl?: string;
  readonly attributes: Readonly<Record<string, string | readonly string[]>>;
}

export type FormParse =
  | { readonly ok: true; readonly form: Open311Form }
  | { readonly ok: false; readonly description: string };

const describe = (problem: FieldProblem) => problem.message;

export function parseOpen311Form(body: unknown): FormParse {
  const parsed = FORM.safeParse(body ?? {});
  if (!parsed.success)
    return { ok: false, description: describeIssues(parsed.error).map(describe).join('; ') };
  const form = parsed.data;
  if (form.service_code === undefined)
    return { ok: false, description: 'service_code is required' };
  if ((form.lat === undefined) !== (form.long === undefined))
    return { ok: false, description: 'lat and long are given together' };
  if (form.lat === undefined && form.address_string === undefined && form.address_id === undefined)
    return {
      ok: false,
      description: 'a location is required: lat and long, address_string or address_id',
    };
  return {
    ok: true,
    form: {
      serviceCode: form.service_code,
      lat: form.lat,
      long: form.long,
      addressString: form.address_string,
      addressId: form.address_id,
      email: form.email,
      firstName: form.first_name,
      lastName: form.last_name,
      phone: form.phone,
      description: form.description,
      mediaUrl: form.media_url,
      attributes: form.attribute ?? {},
    },
  };
}

const CJK = /[\u3400-\u9FFF]/;

/** 姓 + 名 without a space for Chinese names, "first last" otherwise. */
export function personName(first?: string, last?: string): string | undefined {
  if (first && last) return CJK.test(first + last) ? `${last}${first}` : `${first} ${last}`;
  return first ?? last;
}

/** The submission (POST /api/items body) an Open311 request is, for the intake to check and store. */
export function submissionBodyOf(
  form: Open311Form,
  service: { readonly categoryCode: string; readonly name: string },
  answers: readonly AnsweredAttribute[],
  defaultGrid: string
): { data: Record<string, unknown> } {
  const lines = attributeLines(answers);
  const content = [form.description ?? service.name, lines].filter(Boolean).join('\n\n');
  const data: Record<string, unknown> = {
    title: service.name,
    content,
    type: 'request',
    category: service.categoryCode,
    grid: form.addressId ?? defaultGrid,
    address: form.addressString,
    lat: form.lat,
    long: form.long,
    submitterName: personName(form.firstName, form.lastName),
    submitterPhone: form.phone,
    submitterEmail: form.email,
  };
  return {
    data: Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined)),
  };
}

/** The submission's field names back in GeoReport's words, for a 400's description. */
const FIELD_NAMES: Readonly<Record<string, string>> = {
  title: 'service_code',
  content: 'description',
  category: 'service_code',
  grid: 'address_id',
  address: 'address_string',
  lat: 'lat',
  long: 'long',
  submitterName: 'first_name/last_name',
  submitterPhone: 'phone',
  submitterEmail: 'email',
};

export function describeSubmissionProblems(problems: readonly FieldProblem[]): string {
  return problems
    .map((problem) => {
      const field = problem.path[problem.path.length - 1];
      if (typeof field !== 'string') return problem.message;
      const name = FIELD_NAMES[field] ?? field;
      return problem.message.startsWith(field)
        ? `${name}${problem.message.slice(field.length)}`
        : `${name}: ${problem.message}`;
    })
    .join('; ');
}
