import fc from 'fast-check';
import { urlTextProblem } from './url-text';

describe('urlTextProblem', () => {
  it('accepts ordinary paths and encoded Chinese, emoji and plus signs', () => {
    expect(urlTextProblem('/api/items/track/MY2026ABC', '')).toBeNull();
    expect(
      urlTextProblem('/minyi/workbench', `q=${encodeURIComponent('路灯 坏了 😀')}&tab=mine`)
    ).toBeNull();
    expect(urlTextProblem('/api/items', 'filters[title][$contains]=a+b')).toBeNull();
  });

  it('refuses NUL and other control characters in the path and in the query', () => {
    expect(urlTextProblem('/minyi/items/a%00b/panel', '')).toMatchObject({ part: 'path' });
    expect(urlTextProblem('/api/stats', 'month=2026-1%001')).toMatchObject({ part: 'query' });
    expect(urlTextProblem('/api/stats', 'q=%1B[31m')?.en).toContain('U+001B');
  });

  it('refuses percent-encoding that is not UTF-8 (a lone surrogate, a truncated sequence)', () => {
    expect(urlTextProblem('/api/items/track/%ED%A0%80', '')).toMatchObject({ part: 'path' });
    expect(urlTextProblem('/api/items', 'q=%E4')).toMatchObject({ part: 'query' });
  });

  it('accepts every URL that encodeURIComponent makes of text without control characters', () => {
    const text = fc
      .string({ unit: 'grapheme' })
      // eslint-disable-next-line no-control-regex -- text without control characters is the case
      .filter((s) => !/[\u0000-\u001f\u007f-\u009f]/.test(s));
    fc.assert(
      fc.property(
        text,
        (value) =>
          urlTextProblem(`/x/${encodeURIComponent(value)}`, `q=${encodeURIComponent(value)}`) ===
          null
      )
    );
  });
});
