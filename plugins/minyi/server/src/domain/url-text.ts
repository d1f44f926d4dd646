import { describeTextInputProblem, textInputProblem } from './text-input';

/**
 * The text a URL carries — its path (route parameters such as a document id or a tracking code)
 * and its query string — held to the same rule as text in a body (`text-input.ts`). Without it a
 * `%00` in a document id reached PostgreSQL ("invalid byte sequence for encoding UTF8: 0x00")
 * and answered 500. A percent-encoding that is not UTF-8 (a lone surrogate's bytes `%ED%A0%80`,
 * a truncated `%E4`) is refused as well: no route can read it as text.
 */
export type UrlTextProblem = {
  readonly part: 'path' | 'query';
  readonly en: string;
  readonly zh: string;
};

function decoded(part: string, plusIsSpace: boolean): string | null {
  try {
    return decodeURIComponent(plusIsSpace ? part.replace(/\+/g, ' ') : part);
  } catch {
    return null;
  }
}

function problemOf(raw: string, part: 'path' | 'query'): UrlTextProblem | null {
  const text = decoded(raw, part === 'query');
  if (text === null) {
    return {
      part,
      en: 'is not valid UTF-8 percent-encoding',
      zh: '含有无效的百分号编码(不是 UTF-8)',
    };
  }
  const problem = textInputProblem(text);
  return problem === null ? null : { part, ...describeTextInputProblem(problem) };
}

/** The first problem of a request's raw (still percent-encoded) path and query string, or null. */
export function urlTextProblem(rawPath: string, rawQuery: string): UrlTextProblem | null {
  return problemOf(rawPath, 'path') ?? (rawQuery === '' ? null : problemOf(rawQuery, 'query'));
}
