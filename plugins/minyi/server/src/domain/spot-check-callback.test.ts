import fc from 'fast-check';
import { SATISFACTIONS } from './metrics';
import { isReached, parseCallback } from './spot-check-callback';
import { textInputProblem } from './text-input';

const fieldsOf = (body: unknown) => {
  const parsed = parseCallback(body);
  return parsed.ok ? [] : parsed.problems.map((problem) => problem.field);
};

describe('parseCallback (the spot-check review input)', () => {
  it('takes a verdict, trimming the note', () => {
    expect(
      parseCallback({
        solved: false,
        satisfaction: 'dissatisfied',
        calledAt: '2026-11-03T09:30:00+08:00',
        note: '  路灯仍未修好 ',
      })
    ).toEqual({
      ok: true,
      input: {
        solved: false,
        satisfaction: 'dissatisfied',
        calledAt: '2026-11-03T09:30:00+08:00',
        note: '路灯仍未修好',
      },
    });
  });

  it('takes a call that did not get through, without a verdict', () => {
    const parsed = parseCallback({ reached: false, note: '无人接听' });
    expect(parsed).toEqual({ ok: true, input: { reached: false, note: '无人接听' } });
    expect(parsed.ok && isReached(parsed.input)).toBe(false);
  });

  it('names every bad field, and the body itself when it is not an object', () => {
    expect(fieldsOf({ solved: 'yes', satisfaction: 'happy' })).toEqual(['solved', 'satisfaction']);
    expect(fieldsOf({ satisfaction: 'satisfied' })).toEqual(['solved']);
    expect(fieldsOf({ solved: true, satisfaction: 'satisfied', calledAt: 'yesterday' })).toEqual([
      'calledAt',
    ]);
    expect(fieldsOf({ solved: true, satisfaction: 'satisfied', note: 'a\u0000b' })).toEqual([
      'note',
    ]);
    expect(fieldsOf(undefined)).toEqual(['(body)']);
    expect(fieldsOf({ reached: false, note: 'x'.repeat(2001) })).toEqual(['note']);
  });

  it('accepts every well-formed verdict as given, and it counts as reached', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.constantFrom(...SATISFACTIONS),
        fc.option(fc.constant(true), { nil: undefined }),
        fc.option(
          fc.date({
            min: new Date('2000-01-01T00:00:00Z'),
            max: new Date('2099-12-31T00:00:00Z'),
            noInvalidDate: true,
          }),
          { nil: undefined }
        ),
        fc.option(
          // Text the routes accept (text-input.ts refuses control characters and lone surrogates).
          fc
            .string({ unit: 'grapheme', maxLength: 40 })
            .filter((s) => textInputProblem(s) === null),
          { nil: undefined }
        ),
        (solved, satisfaction, reached, at, note) => {
          const body = {
            solved,
            satisfaction,
            ...(reached === undefined ? {} : { reached }),
            ...(at === undefined ? {} : { calledAt: at.toISOString() }),
            ...(note === undefined ? {} : { note }),
          };
          const parsed = parseCallback(body);
          expect(parsed.ok).toBe(true);
          if (!parsed.ok) return;
          expect(isReached(parsed.input)).toBe(true);
          expect(parsed.input).toEqual({
            ...body,
            ...(note === undefined ? {} : { note: note.trim() }),
          });
        }
      )
    );
  });

  it('refuses any unknown field, and a verdict on a call that did not get through', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc
          .string({ minLength: 1, maxLength: 12 })
          .filter(
            (key) => !['solved', 'satisfaction', 'reached', 'calledAt', 'note'].includes(key)
          ),
        fc.jsonValue(),
        (reached, key, value) => {
          const base = reached ? { solved: true, satisfaction: 'satisfied' } : { reached: false };
          expect(parseCallback({ ...base, [key]: value }).ok).toBe(false);
          expect(parseCallback({ reached: false, solved: reached }).ok).toBe(false);
        }
      )
    );
  });
});
