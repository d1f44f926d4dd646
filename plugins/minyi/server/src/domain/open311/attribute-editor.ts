import { z } from 'zod';
import type { FieldProblem } from '../input-problems';
import {
  ATTRIBUTE_DATATYPES,
  type AttributeDefinition,
  type AttributeDatatype,
} from './attributes';

/**
 * The admin's editor of a category's Open311 attributes (附加信息项, issue 12): what a form sends,
 * checked field by field with the Chinese a coordinator reads beside each field. What it accepts
 * is stored as the spec's service-definition attributes (`attributes.ts` reads them back), in the
 * order of the form's list (`order` 1, 2, …), so reordering is moving a row.
 */

export const ATTRIBUTE_DATATYPE_LABELS_ZH: Readonly<Record<AttributeDatatype, string>> = {
  string: '短文本',
  number: '数字',
  datetime: '日期时间',
  text: '长文本',
  singlevaluelist: '单选列表',
  multivaluelist: '多选列表',
};

const LIST_TYPES: ReadonlySet<AttributeDatatype> = new Set(['singlevaluelist', 'multivaluelist']);

/** Field names as the editor labels them. */
export const ATTRIBUTE_FIELD_LABELS_ZH: Readonly<Record<string, string>> = {
  attributes: '附加信息项',
  variable: '需要填写',
  code: '代码',
  datatype: '类型',
  required: '必填',
  datatype_description: '类型说明',
  description: '问题(说明)',
  order: '顺序',
  values: '选项',
  key: '选项代码',
  name: '选项名称',
};

const trimmed = (max: number) => z.string().trim().max(max);

const VALUE = z.object({ key: trimmed(100).min(1), name: trimmed(200).min(1) }).strict();

const ATTRIBUTE = z
  .object({
    variable: z.boolean().default(true),
    code: trimmed(64).regex(/^[A-Za-z0-9_.-]+$/),
    datatype: z.enum(ATTRIBUTE_DATATYPES),
    required: z.boolean().default(false),
    datatype_description: trimmed(500)
      .nullable()
      .default(null)
      .transform((text) => (text === '' ? null : text)),
    description: trimmed(1000).min(1),
    order: z.number().int().min(0).max(10_000).optional(),
    values: z.array(VALUE).max(200).default([]),
  })
  .strict();

const EDITOR = z.object({ attributes: z.array(ATTRIBUTE).max(50) }).strict();

export type AttributeEditorInput = z.input<typeof EDITOR>;

function labelOf(path: ReadonlyArray<string | number>): string {
  const last = [...path].reverse().find((key): key is string => typeof key === 'string');
  return last === undefined ? '附加信息项' : (ATTRIBUTE_FIELD_LABELS_ZH[last] ?? last);
}

function problemOf(issue: z.core.$ZodIssue): FieldProblem {
  const path = issue.path.map((key) => (typeof key === 'number' ? key : String(key)));
  const label = labelOf(path);
  const en = (text: string) => `${path.join('.') || 'body'}: ${text}`;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? { path, message: en('required'), messageZh: `${label}为必填项` }
        : { path, message: en(`must be ${issue.expected}`), messageZh: `${label}的类型不正确` };
    case 'too_small':
      return issue.origin === 'string'
        ? { path, message: en('must not be empty'), messageZh: `${label}不能为空` }
        : {
            path,
            message: en(`must be at least ${String(issue.minimum)}`),
            messageZh: `${label}不能小于 ${String(issue.minimum)}`,
          };
    case 'too_big':
      return {
        path,
        message: en(`at most ${String(issue.maximum)}`),
        messageZh:
          issue.origin === 'string'
            ? `${label}最多 ${String(issue.maximum)} 个字符`
            : issue.origin === 'array'
              ? `${label}最多 ${String(issue.maximum)} 项`
              : `${label}不能大于 ${String(issue.maximum)}`,
      };
    case 'invalid_format':
      return {
        path,
        message: en('letters, digits, _ . - only'),
        messageZh: `${label}只能包含英文字母、数字和 _ . -`,
      };
    case 'invalid_value':
      return {
        path,
        message: en(`one of ${ATTRIBUTE_DATATYPES.join(', ')}`),
        messageZh: `${label}须为:${ATTRIBUTE_DATATYPES.map((type) => ATTRIBUTE_DATATYPE_LABELS_ZH[type]).join('、')}`,
      };
    case 'unrecognized_keys':
      return {
        path,
        message: en(`unknown field(s) ${issue.keys.join(', ')}`),
        messageZh: `不接受的字段:${issue.keys.join('、')}`,
      };
    default:
      return { path, message: en(issue.message), messageZh: `${label}有误` };
  }
}

export type AttributeEditorParse =
  | { readonly ok: true; readonly attributes: readonly AttributeDefinition[] }
  | { readonly ok: false; readonly problems: readonly FieldProblem[] };

/**
 * The form's attributes, field by field: every problem of every row (not only the first), then the
 * rules across rows and fields — codes unique, options exactly for the list types, option keys
 * unique within a row. Accepted rows are numbered in the order given.
 */
export function parseAttributeEditor(input: unknown): AttributeEditorParse {
  // reportInput: a missing field (input undefined) is told apart from a wrong one.
  const parsed = EDITOR.safeParse(input, { reportInput: true });
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map(problemOf) };
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  parsed.data.attributes.forEach((attribute, index) => {
    const at = (...rest: Array<string | number>) => ['attributes', index, ...rest];
    if (seen.has(attribute.code))
      problems.push({
        path: at('code'),
        message: `attributes.${index}.code: ${attribute.code} is used twice`,
        messageZh: `代码"${attribute.code}"重复`,
      });
    seen.add(attribute.code);
    const isList = LIST_TYPES.has(attribute.datatype);
    if (isList && attribute.values.length === 0)
      problems.push({
        path: at('values'),
        message: `attributes.${index}.values: a list needs at least one option`,
        messageZh: `${ATTRIBUTE_DATATYPE_LABELS_ZH[attribute.datatype]}至少需要一个选项`,
      });
    if (!isList && attribute.values.length > 0)
      problems.push({
        path: at('values'),
        message: `attributes.${index}.values: only lists take options`,
        messageZh: '只有单选列表和多选列表可以设置选项',
      });
    const keys = new Set<string>();
    attribute.values.forEach((value, valueIndex) => {
      if (keys.has(value.key))
        problems.push({
          path: at('values', valueIndex, 'key'),
          message: `attributes.${index}.values.${valueIndex}.key: ${value.key} is used twice`,
          messageZh: `选项代码"${value.key}"重复`,
        });
      keys.add(value.key);
    });
  });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    attributes: parsed.data.attributes.map((attribute, index) => ({
      variable: attribute.variable,
      code: attribute.code,
      datatype: attribute.datatype,
      required: attribute.variable ? attribute.required : false,
      datatype_description: attribute.datatype_description,
      order: index + 1,
      description: attribute.description,
      values: attribute.values,
    })),
  };
}
