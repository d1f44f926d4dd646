import fc from 'fast-check';
import { periodBounds } from './job-period';
import { localDayNumberer } from './local-days';
import { cellDeltas, cellOf, dayRangeOf, type MarkedRow } from './stats-days';

describe('dayRangeOf', () => {
  const zone = 'Asia/Shanghai';
  it('gives the local days of every stats period (month, week, quarter, year)', () => {
    for (const [key, unit, days] of [
      ['2026-10', 'month', 31],
      ['2026-W44', 'week', 7],
      ['2026-Q4', 'quarter', 92],
      ['2026', 'year', 365],
      ['2028-02', 'month', 29],
    ] as const) {
      const bounds = periodBounds(key, zone, { unit });
      expect(bounds).not.toBeNull();
      const range = dayRangeOf(bounds!, zone);
      expect(range).not.toBeNull();
      expect(range!.to - range!.from).toBe(days);
    }
    // Day numbers count local days from 1970-01-01.
    expect(dayRangeOf(periodBounds('2026-10', zone, { unit: 'month' })!, zone)!.from).toBe(
      Date.UTC(2026, 9, 1) / 86_400_000
    );
  });

  it('refuses bounds that are not local midnights (they cannot be summed from day cells)', () => {
    expect(
      dayRangeOf(
        { start: new Date('2026-10-01T00:00:00Z'), end: new Date('2026-11-01T00:00:00Z') },
        zone
      )
    ).toBeNull();
    expect(
      dayRangeOf(
        { start: new Date('2026-09-30T16:00:00Z'), end: new Date('2026-10-31T16:00:01Z') },
        zone
      )
    ).toBeNull();
  });

  it('handles a zone with daylight saving time (local midnights move against UTC)', () => {
    const bounds = periodBounds('2026-03', 'Europe/Berlin', { unit: 'month' })!;
    expect(dayRangeOf(bounds, 'Europe/Berlin')).toEqual({
      from: Date.UTC(2026, 2, 1) / 86_400_000,
      to: Date.UTC(2026, 3, 1) / 86_400_000,
    });
  });
});

describe('cellDeltas', () => {
  const dayOf = localDayNumberer('Asia/Shanghai');
  const row: fc.Arbitrary<MarkedRow> = fc.record({
    receivedAt: fc.option(
      fc
        .integer({ min: 0, max: 5 * 24 * 60 })
        .map((m) => new Date(Date.UTC(2026, 9, 1) + m * 60_000)),
      { freq: 8 }
    ),
    state: fc.option(
      fc.constantFrom('submitted', 'resolved', 'closed', 'rejected', 'in-progress'),
      { freq: 8 }
    ),
    satisfaction: fc.option(
      fc.constantFrom('very-satisfied', 'satisfied', 'basically-satisfied', 'dissatisfied')
    ),
    gridPath: fc.option(fc.constantFrom('/C/T1/T1G/', '/C/T2/', '/C/T3/T3G/G9/')),
  });
  const cellsOf = (rows: readonly MarkedRow[]) => {
    const cells: Record<string, number[]> = {};
    for (const r of rows) {
      const cell = cellOf(r, dayOf);
      if (!cell) continue;
      const sums = (cells[`${cell.day}|${cell.township}`] ??= [0, 0, 0, 0]);
      [cell.counts.received, cell.counts.handled, cell.counts.rated, cell.counts.satisfied].forEach(
        (n, i) => (sums[i] += n)
      );
    }
    return cells;
  };

  it('turns the cells of the rows before into the cells of the rows after (inserts, updates, deletes)', () => {
    fc.assert(
      fc.property(
        fc.array(row),
        fc.array(fc.tuple(fc.nat(), fc.option(row)), { maxLength: 20 }),
        fc.array(row, { maxLength: 5 }),
        (before, edits, added) => {
          const after: Array<MarkedRow | null> = [...before];
          const marks: Array<MarkedRow & { sign: number }> = [];
          for (const [index, next] of edits) {
            if (after.length === 0) break;
            const i = index % after.length;
            const old = after[i];
            if (old === null) continue;
            marks.push({ ...old, sign: -1 });
            if (next) marks.push({ ...next, sign: 1 });
            after[i] = next; // null: deleted
          }
          for (const r of added) marks.push({ ...r, sign: 1 });
          const expected = cellsOf([...after.filter((r): r is MarkedRow => r !== null), ...added]);
          const cells = cellsOf(before);
          for (const [key, delta] of cellDeltas(marks, dayOf)) {
            const sums = (cells[key] ??= [0, 0, 0, 0]);
            [
              delta.counts.received,
              delta.counts.handled,
              delta.counts.rated,
              delta.counts.satisfied,
            ].forEach((n, i) => (sums[i] += n));
            if (sums[0] === 0) {
              expect(sums).toEqual([0, 0, 0, 0]);
              delete cells[key];
            }
          }
          expect(cells).toEqual(expected);
        }
      )
    );
  });

  it('reads the township from the grid path and leaves refused or undated items out', () => {
    const at = new Date('2026-10-01T01:00:00+08:00');
    expect(
      cellOf(
        {
          receivedAt: at,
          state: 'closed',
          satisfaction: 'basically-satisfied',
          gridPath: '/C/T3/T3G/G9/',
        },
        dayOf
      )
    ).toEqual({
      day: Date.UTC(2026, 9, 1) / 86_400_000,
      township: 'T3',
      counts: { received: 1, handled: 1, rated: 1, satisfied: 1 },
    });
    expect(
      cellOf(
        { receivedAt: at, state: 'submitted', satisfaction: 'dissatisfied', gridPath: null },
        dayOf
      )
    ).toMatchObject({ township: '', counts: { received: 1, handled: 0, rated: 1, satisfied: 0 } });
    expect(
      cellOf({ receivedAt: at, state: 'rejected', satisfaction: null, gridPath: '/C/T1/' }, dayOf)
    ).toBeNull();
    expect(
      cellOf({ receivedAt: null, state: 'closed', satisfaction: null, gridPath: '/C/T1/' }, dayOf)
    ).toBeNull();
  });
});
