import { z } from 'zod';

/**
 * Text as every route accepts it: a string without control characters other than tab, line feed
 * and carriage return, and without lone surrogates. PostgreSQL cannot store U+0000 in text or
 * JSON ("invalid byte sequence for encoding UTF8: 0x00") and a lone surrogate is not UTF-8 at all,
 * so without this check the same request answered 500 on PostgreSQL and stored the bytes on
 * SQLite. Refused (never silently stripped) so a partner system learns its data is broken.
 *
 * Use `safeText()` wherever `z.string()` would take text from a request, then chain as usual:
 * `safeText().trim().min(1).max(200)`. The issue it raises is a zod `custom` issue whose params
 * carry `textInput` (and `messageZh`), which `describeIssue` turns into the field-by-field
 * bilingual problem of the public API.
 */

/** C0 controls except \t \n \r, DEL, and the C1 controls. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type TextInputProblem =
  | { readonly kind: 'control-character'; readonly codePoint: string; readonly index: number }
  | { readonly kind: 'lone-surrogate'; readonly index: number };

function hex(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The first reason `value` is not acceptable text, or null. */
export function textInputProblem(value: string): TextInputProblem | null {
  const control = CONTROL_CHARACTER.exec(value);
  if (control) {
    return {
      kind: 'control-character',
      codePoint: hex(control[0].charCodeAt(0)),
      index: control.index,
    };
  }
  const surrogate = LONE_SURROGATE.exec(value);
  if (surrogate) return { kind: 'lone-surrogate', index: surrogate.index };
  return null;
}

/** The English and Chinese sentence for a problem (without the field's name). */
export function describeTextInputProblem(problem: TextInputProblem): { en: string; zh: string } {
  return problem.kind === 'control-character'
    ? {
        en: `contains the control character ${problem.codePoint} (only tab and line breaks are allowed)`,
        zh: `含有不允许的控制字符 ${problem.codePoint}(只允许制表符和换行)`,
      }
    : {
        en: 'contains a lone surrogate (not valid Unicode text)',
        zh: '含有无效的 Unicode 字符(孤立的代理项)',
      };
}

/** A zod string that refuses control characters (but tab, LF, CR) and lone surrogates. */
export function safeText() {
  return z.string().superRefine((value, ctx) => {
    const problem = textInputProblem(value);
    if (problem === null) return;
    const { en, zh } = describeTextInputProblem(problem);
    ctx.addIssue({
      code: 'custom',
      message: `${en} / ${zh}`,
      params: { textInput: problem, messageZh: zh, messageEn: en },
    });
  });
}
