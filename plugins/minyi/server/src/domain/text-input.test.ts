import fc from 'fast-check';
import { describeIssues } from './input-problems';
import { parseActionInput } from './action-input';
import { parseFeedback } from './resident-feedback';
import { parseSubmission } from './submission';
import { safeText, textInputProblem } from './text-input';

const ALLOWED_CONTROLS = ['\t', '\n', '\r'];
const REFUSED_CONTROLS = [
  ...Array.from({ length: 0x20 }, (_, code) => String.fromCharCode(code)).filter(
    (char) => !ALLOWED_CONTROLS.includes(char)
  ),
  '\u007f',
  '\u0085',
  '\u009f',
];

describe('safeText', () => {
  it('accepts ordinary text, tabs, line breaks, CJK and astral characters (emoji)', () => {
    for (const value of ['路灯不亮', 'a\tb\nc\r\nd', '𠀀 😀 民意', '', 'ordinary text']) {
      expect(textInputProblem(value)).toBeNull();
      expect(safeText().safeParse(value).success).toBe(true);
    }
  });

  it('refuses every other C0 control, DEL and the C1 controls, naming the code point', () => {
    for (const char of REFUSED_CONTROLS) {
      const problem = textInputProblem(`a${char}b`);
      expect(problem).toMatchObject({ kind: 'control-character', index: 1 });
      expect(safeText().safeParse(`a${char}b`).success).toBe(false);
    }
    expect(textInputProblem('a\u0000b')).toEqual({
      kind: 'control-character',
      codePoint: 'U+0000',
      index: 1,
    });
  });

  it('refuses lone high and low surrogates, accepts pairs', () => {
    expect(textInputProblem('\ud800')).toMatchObject({ kind: 'lone-surrogate', index: 0 });
    expect(textInputProblem('a\udc00')).toMatchObject({ kind: 'lone-surrogate', index: 1 });
    expect(textInputProblem('\ud800x\udc00')).toMatchObject({ kind: 'lone-surrogate', index: 0 });
    expect(textInputProblem('\ud83d\ude00')).toBeNull();
  });

  it('property: a string is refused exactly when it has a refused control or is not well-formed UTF-16', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        const refusedControl = [...value].some((char) => {
          const code = char.charCodeAt(0);
          return (
            (code < 0x20 && !ALLOWED_CONTROLS.includes(char)) || (code >= 0x7f && code <= 0x9f)
          );
        });
        // Buffer round-trip replaces lone surrogates with U+FFFD: well-formed iff unchanged.
        const wellFormed =
          Buffer.from(value, 'utf16le').toString('utf16le') === value &&
          Buffer.from(value, 'utf8').toString('utf8') === value;
        expect(textInputProblem(value) === null).toBe(!refusedControl && wellFormed);
      }),
      { numRuns: 2000 }
    );
  });

  it('becomes a bilingual, field-by-field problem in the public API and the handling route', () => {
    const submission = parseSubmission({
      data: { title: 'a\u0000b', content: '\ud800', grid: 'G1' },
    });
    expect(submission.ok).toBe(false);
    if (submission.ok) return;
    expect(submission.problems).toEqual([
      {
        path: ['data', 'title'],
        message: expect.stringMatching(/^title contains the control character U\+0000/),
        messageZh: expect.stringMatching(/^标题含有不允许的控制字符 U\+0000/),
      },
      {
        path: ['data', 'content'],
        message: expect.stringMatching(/^content contains a lone surrogate/),
        messageZh: expect.stringMatching(/^内容含有无效的 Unicode 字符/),
      },
    ]);
    const feedback = parseFeedback({
      data: { solved: true, satisfaction: 'satisfied', receiptSecret: 'x\u0001' },
    });
    expect(feedback).toMatchObject({ ok: false, problems: [{ path: ['data', 'receiptSecret'] }] });
    const action = parseActionInput('escalate', { reason: 'too slow\u0000' });
    expect(action).toMatchObject({
      ok: false,
      problems: [{ field: 'reason', message: expect.stringContaining('U+0000') }],
    });
    const issues = safeText().safeParse('\u001b[31m');
    expect(issues.success).toBe(false);
    if (!issues.success) expect(describeIssues(issues.error)[0].messageZh).toContain('U+001B');
  });
});
