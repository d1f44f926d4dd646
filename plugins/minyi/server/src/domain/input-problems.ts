import type { z } from 'zod';

/**
 * A field-by-field problem with a request body, in Strapi's error-detail shape
 * (`details.errors[]`: path, message) plus the Chinese wording residents read.
 */
export interface FieldProblem {
  readonly path: ReadonlyArray<string | number>;
  readonly message: string;
  readonly messageZh: string;
}

/** Field names as a resident's form labels them (labels-zh.ts has the admin's; these are the public ones). */
export const PUBLIC_FIELD_LABELS_ZH: Readonly<Record<string, string>> = {
  data: '请求内容',
  title: '标题',
  content: '内容',
  type: '类型',
  category: '事项分类',
  grid: '所在网格',
  address: '地址',
  lat: '纬度',
  long: '经度',
  submitterName: '姓名',
  submitterPhone: '电话',
  submitterEmail: '电子邮箱',
  anonymous: '匿名',
  emailConsent: '同意邮件告知',
  solved: '是否解决',
  satisfaction: '满意度',
  receiptSecret: '回执密钥',
  note: '说明',
};

function labelOf(path: ReadonlyArray<PropertyKey>): string {
  const last = [...path].reverse().find((key): key is string => typeof key === 'string');
  return last === undefined ? '请求内容' : (PUBLIC_FIELD_LABELS_ZH[last] ?? last);
}

function bound(value: unknown): string {
  return typeof value === 'bigint' ? value.toString() : String(value);
}

/**
 * One bilingual problem per zod issue. Written from the issue's code and parameters, not from
 * zod's English message, so both languages say the same thing.
 */
export function describeIssue(issue: z.core.$ZodIssue): FieldProblem {
  const path = issue.path.map((key) => (typeof key === 'number' ? key : String(key)));
  const label = labelOf(issue.path);
  const name = path.length > 0 ? String(path[path.length - 1]) : 'body';
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) {
        return { path, message: `${name} is required`, messageZh: `${label}为必填项` };
      }
      return {
        path,
        message: `${name} must be ${issue.expected === 'object' ? 'an object' : `a ${issue.expected}`}`,
        messageZh: `${label}的类型不正确(应为${issue.expected})`,
      };
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) <= 1) {
        return { path, message: `${name} must not be empty`, messageZh: `${label}不能为空` };
      }
      return issue.origin === 'string'
        ? {
            path,
            message: `${name} must have at least ${bound(issue.minimum)} characters`,
            messageZh: `${label}至少 ${bound(issue.minimum)} 个字符`,
          }
        : {
            path,
            message: `${name} must be at least ${bound(issue.minimum)}`,
            messageZh: `${label}不能小于 ${bound(issue.minimum)}`,
          };
    case 'too_big':
      return issue.origin === 'string'
        ? {
            path,
            message: `${name} must have at most ${bound(issue.maximum)} characters`,
            messageZh: `${label}最多 ${bound(issue.maximum)} 个字符`,
          }
        : {
            path,
            message: `${name} must be at most ${bound(issue.maximum)}`,
            messageZh: `${label}不能大于 ${bound(issue.maximum)}`,
          };
    case 'unrecognized_keys':
      return {
        path,
        message: `unknown field(s): ${issue.keys.join(', ')}`,
        messageZh: `不接受的字段:${issue.keys.join('、')}`,
      };
    case 'invalid_value':
      return {
        path,
        message: `${name} must be one of: ${issue.values.map(bound).join(', ')}`,
        messageZh: `${label}须为以下之一:${issue.values.map(bound).join('、')}`,
      };
    case 'invalid_format':
      return {
        path,
        message:
          issue.format === 'regex'
            ? `${name} is not in the expected format`
            : `${name} is not a valid ${issue.format}`,
        messageZh: `${label}格式不正确`,
      };
    case 'custom': {
      const text = (issue.params as { messageEn?: unknown; messageZh?: unknown } | undefined) ?? {};
      if ('textInput' in text && typeof text.messageEn === 'string') {
        // safeText(): the field's own name and label in front of the sentence.
        return {
          path,
          message: `${name} ${text.messageEn}`,
          messageZh: `${label}${String(text.messageZh)}`,
        };
      }
      const messageZh = (issue.params as { messageZh?: unknown } | undefined)?.messageZh;
      if (typeof messageZh === 'string') return { path, message: issue.message, messageZh };
      return {
        path,
        message: `${name}: ${issue.message}`,
        messageZh: `${label}有误:${issue.message}`,
      };
    }
    default:
      return {
        path,
        message: `${name}: ${issue.message}`,
        messageZh: `${label}有误:${issue.message}`,
      };
  }
}

export function describeIssues(error: z.ZodError): FieldProblem[] {
  return error.issues.map(describeIssue);
}
