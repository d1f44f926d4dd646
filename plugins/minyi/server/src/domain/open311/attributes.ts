import { z } from 'zod';
import { ATTRIBUTE_DATATYPES } from './attribute-datatypes';

/**
 * A service's attributes (GeoReport v2 "service definition"): the extra questions a category asks,
 * such as 路灯编号 or 是否影响出行. They are stored on the category (`open311Attributes`, JSON) in the
 * spec's own shape, checked here when read and when a request answers them.
 */
export { ATTRIBUTE_DATATYPES, type AttributeDatatype } from './attribute-datatypes';

const CODE = /^[A-Za-z0-9_.-]{1,64}$/;

const ATTRIBUTE_DEFINITION = z
  .object({
    /** false: an informational text shown to the resident, asking for nothing. */
    variable: z.boolean().default(true),
    code: z.string().regex(CODE),
    datatype: z.enum(ATTRIBUTE_DATATYPES),
    required: z.boolean().default(false),
    datatype_description: z.string().max(500).nullable().default(null),
    order: z.number().int().min(0).max(10_000),
    description: z.string().min(1).max(1000),
    values: z
      .array(z.object({ key: z.string().min(1).max(100), name: z.string().min(1).max(200) }))
      .max(200)
      .default([]),
  })
  .strict()
  .refine(
    (attribute) =>
      (attribute.datatype === 'singlevaluelist' || attribute.datatype === 'multivaluelist') ===
      attribute.values.length > 0,
    { message: 'values are given exactly for singlevaluelist and multivaluelist' }
  );

export type AttributeDefinition = z.infer<typeof ATTRIBUTE_DEFINITION>;

const ATTRIBUTE_DEFINITIONS = z
  .array(ATTRIBUTE_DEFINITION)
  .max(50)
  .refine((list) => new Set(list.map((attribute) => attribute.code)).size === list.length, {
    message: 'attribute codes must be unique',
  });

export type DefinitionsParse =
  | { readonly ok: true; readonly attributes: readonly AttributeDefinition[] }
  | { readonly ok: false; readonly message: string };

/** A category's stored definitions, ordered; null/absent is "no attributes". */
export function parseAttributeDefinitions(stored: unknown): DefinitionsParse {
  if (stored === null || stored === undefined) return { ok: true, attributes: [] };
  const json = typeof stored === 'string' ? safeJson(stored) : stored;
  const result = ATTRIBUTE_DEFINITIONS.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    return { ok: false, message: `${issue.path.join('.') || 'attributes'}: ${issue.message}` };
  }
  return {
    ok: true,
    attributes: [...result.data].sort((a, b) => a.order - b.order || a.code.localeCompare(b.code)),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** An answered attribute, ready to be written into the item's content. */
export interface AnsweredAttribute {
  readonly code: string;
  readonly description: string;
  /** What the resident chose or typed, as a person reads it (list keys shown by their names). */
  readonly shown: string;
}

export type AttributeAnswers =
  | { readonly ok: true; readonly answers: readonly AnsweredAttribute[] }
  | { readonly ok: false; readonly problem: string };

const MAX_TEXT = { string: 200, text: 2000 } as const;

/**
 * Checks the `attribute[code]` values of a request against the definitions: required ones present,
 * numbers numeric, datetimes ISO 8601, list values among the keys. Codes the service does not
 * define are ignored (a client may send another jurisdiction's extras); an empty value counts as absent.
 */
export function answerAttributes(
  definitions: readonly AttributeDefinition[],
  submitted: Readonly<Record<string, string | readonly string[]>>,
  isDatetime: (text: string) => boolean
): AttributeAnswers {
  const answers: AnsweredAttribute[] = [];
  for (const definition of definitions) {
    if (!definition.variable) continue;
    const raw = submitted[definition.code];
    const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw])
      .map((value) => String(value).trim())
      .filter((value) => value !== '');
    const name = `attribute[${definition.code}]`;
    if (values.length === 0) {
      if (definition.required) return { ok: false, problem: `${name} is required` };
      continue;
    }
    if (definition.datatype !== 'multivaluelist' && values.length > 1)
      return { ok: false, problem: `${name} takes one value` };
    const [value] = values;
    switch (definition.datatype) {
      case 'string':
      case 'text':
        if (value.length > MAX_TEXT[definition.datatype])
          return {
            ok: false,
            problem: `${name} is longer than ${MAX_TEXT[definition.datatype]} characters`,
          };
        answers.push({ code: definition.code, description: definition.description, shown: value });
        break;
      case 'number':
        if (!/^[-+]?\d+(?:\.\d+)?$/.test(value) || !Number.isFinite(Number(value)))
          return { ok: false, problem: `${name} must be a number` };
        answers.push({ code: definition.code, description: definition.description, shown: value });
        break;
      case 'datetime':
        if (!isDatetime(value))
          return { ok: false, problem: `${name} must be an ISO 8601 datetime` };
        answers.push({ code: definition.code, description: definition.description, shown: value });
        break;
      case 'singlevaluelist':
      case 'multivaluelist': {
        const names: string[] = [];
        for (const key of new Set(values)) {
          const entry = definition.values.find((candidate) => candidate.key === key);
          if (!entry) return { ok: false, problem: `${name} has no value "${key}"` };
          names.push(entry.name);
        }
        answers.push({
          code: definition.code,
          description: definition.description,
          shown: names.join('、'),
        });
        break;
      }
    }
  }
  return { ok: true, answers };
}

/** The answers as lines appended to the item's content, so staff read them in the admin. */
export function attributeLines(answers: readonly AnsweredAttribute[]): string {
  return answers.map((answer) => `${answer.description}:${answer.shown}`).join('\n');
}
