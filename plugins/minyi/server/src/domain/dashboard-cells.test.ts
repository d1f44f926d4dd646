import fc from 'fast-check';
import { periodBounds } from './job-period';
import {
  CELL_FLAGS,
  cellDeltas,
  cellKeyOf,
  localMonthNumberer,
  memberOf,
  monthAfter,
  monthRangeOf,
  type CellMember,
  type CellSourceRow,
  type DashboardCell,
} from './dashboard-cells';
import { ZERO_COUNTS, addCounts, countItem, type Satisfaction } from './metrics';
import type { ItemStatus } from './vocabulary';

const ZONE = 'Asia/Shanghai';

describe('monthRangeOf', () => {
  it('gives the months of a month, a quarter and a year', () => {
    const range = (key: string, unit: 'month' | 'quarter' | 'year') =>
      monthRangeOf(periodBounds(key, ZONE, { unit })!, ZONE);
    expect(range('2026-10', 'month')).toEqual({ from: 202610, to: 202611 });
    expect(range('2026-Q4', 'quarter')).toEqual({ from: 202610, to: 202701 });
    expect(range('2026', 'year')).toEqual({ from: 202601, to: 202701 });
  });

  it('refuses bounds that are not local month starts (a range of days is counted from the items)', () => {
    const days = periodBounds('2026-W44', ZONE, { unit: 'week' })!;
    expect(monthRangeOf(days, ZONE)).toBeNull();
    // UTC month starts are not Shanghai month starts.
    expect(
      monthRangeOf(
        { start: new Date('2026-10-01T00:00:00Z'), end: new Date('2026-11-01T00:00:00Z') },
        ZONE
      )
    ).toBeNull();
  });

  it('puts an instant in its local month (Shanghai midnight, not UTC)', () => {
    const monthOf = localMonthNumberer(ZONE);
    expect(monthOf(new Date('2026-09-30T16:00:00Z'))).toBe(202610);
    expect(monthOf(new Date('2026-09-30T15:59:59Z'))).toBe(202609);
    expect(monthAfter(202612)).toBe(202701);
    expect(monthAfter(202610)).toBe(202611);
  });
});

const STATES: ItemStatus[] = [
  'submitted',
  'accepted',
  'in-progress',
  'resolved',
  'closed',
  'rejected',
  'reopened',
];
const T0 = new Date('2026-09-25T00:00:00+08:00').getTime();
const minutes = fc.integer({ min: 0, max: 140 * 24 * 60 });
const source: fc.Arbitrary<CellSourceRow> = fc.record({
  itemId: fc.integer({ min: 1, max: 30 }),
  receivedAt: fc.option(
    minutes.map((m) => new Date(T0 + m * 60_000)),
    { freq: 8 }
  ),
  state: fc.constantFrom<string | null>(...STATES, null),
  acceptedAt: fc.option(minutes.map((m) => new Date(T0 + m * 60_000))),
  resolvedAt: fc.option(minutes.map((m) => new Date(T0 + m * 60_000))),
  dueAt: fc.option(minutes.map((m) => new Date(T0 + m * 60_000))),
  satisfaction: fc.option(
    fc.constantFrom('very-satisfied', 'satisfied', 'basically-satisfied', 'dissatisfied')
  ),
  escalationCount: fc.option(fc.integer({ min: 0, max: 3 })),
  channel: fc.option(fc.constantFrom('website', 'mayor-hotline', 'grid-worker')),
  gridPath: fc.option(fc.constantFrom('/C/T1/T1G/', '/C/T2/', '/C/')),
  departmentId: fc.option(fc.constantFrom(1, 2)),
  categoryId: fc.option(fc.constantFrom(7, 8)),
});

/** Fresh cells of a set of members: what a full rebuild writes. */
const cellsOf = (members: CellMember[]) =>
  new Map([...cellDeltas([], members)].sort(([a], [b]) => a.localeCompare(b)));

function applied(
  cells: Map<string, DashboardCell>,
  deltas: Map<string, DashboardCell>
): Map<string, DashboardCell> {
  const out = new Map(cells);
  for (const [key, delta] of deltas) {
    const cell = out.get(key);
    const sum = cell
      ? { ...cell, ...Object.fromEntries(CELL_FLAGS.map((f) => [f, cell[f] + delta[f]])) }
      : delta;
    if (sum.received <= 0) out.delete(key);
    else out.set(key, sum);
  }
  return new Map([...out].sort(([a], [b]) => a.localeCompare(b)));
}

describe('memberOf and cellDeltas', () => {
  const monthOf = localMonthNumberer(ZONE);

  it('counts an item by the metrics definition (countItem), and not when refused or unreceived', () => {
    fc.assert(
      fc.property(source, (row) => {
        const member = memberOf(row, monthOf);
        if (!row.receivedAt || row.state === null || row.state === 'rejected') {
          expect(member).toBeNull();
          return;
        }
        const counts = countItem(
          {
            state: row.state as ItemStatus,
            receivedAt: row.receivedAt,
            acceptedAt: row.acceptedAt,
            resolvedAt: row.resolvedAt,
            dueAt: row.dueAt,
            satisfaction: row.satisfaction as Satisfaction | null,
          },
          () => 0
        );
        expect(member).toMatchObject({
          received: 1,
          signedOff: counts.signedOff,
          handled: counts.handled,
          onTime: counts.onTime,
          rated: counts.rated,
          satisfied: counts.satisfied,
          escalated: (row.escalationCount ?? 0) > 0 ? 1 : 0,
          township: row.gridPath === '/C/T1/T1G/' ? 'T1' : row.gridPath === '/C/T2/' ? 'T2' : '',
        });
      })
    );
  });

  it('the deltas of any change turn the cells of the items before into those of the items after', () => {
    fc.assert(
      fc.property(
        fc.array(source, { maxLength: 30 }),
        fc.array(source, { maxLength: 30 }),
        (a, b) => {
          // Unique item ids per side; `after` replaces the members of the items it names and adds new ones.
          const unique = (rows: CellSourceRow[]) => [
            ...new Map(rows.map((r) => [r.itemId, r])).values(),
          ];
          const beforeRows = unique(a);
          const changed = unique(b);
          const afterRows = [
            ...beforeRows.filter((r) => !changed.some((c) => c.itemId === r.itemId)),
            ...changed,
          ];
          const members = (rows: CellSourceRow[]) =>
            rows.map((r) => memberOf(r, monthOf)).filter((m): m is CellMember => m !== null);
          const before = members(beforeRows);
          const after = members(afterRows);
          const touched = new Set(changed.map((c) => c.itemId));
          const deltas = cellDeltas(
            before.filter((m) => touched.has(m.itemId)),
            after.filter((m) => touched.has(m.itemId))
          );
          expect(applied(cellsOf(before), deltas)).toEqual(cellsOf(after));
        }
      )
    );
  });

  it('every facet sums to the same totals (each item is in one cell per facet)', () => {
    fc.assert(
      fc.property(fc.array(source, { maxLength: 40 }), (rows) => {
        const members = rows.map((r) => memberOf(r, monthOf)).filter((m): m is CellMember => !!m);
        const byFacet = new Map<string, typeof ZERO_COUNTS>();
        for (const cell of cellsOf(members).values()) {
          const counts = { ...ZERO_COUNTS, received: cell.received, handled: cell.handled };
          byFacet.set(cell.facet, addCounts(byFacet.get(cell.facet) ?? ZERO_COUNTS, counts));
        }
        const totals = [...byFacet.values()].map((c) => [c.received, c.handled]);
        for (const t of totals)
          expect(t).toEqual([members.length, members.filter((m) => m.handled).length]);
        expect(
          cellKeyOf({ month: 202610, township: 'T1', facet: 'channel', unitKey: 'website' })
        ).toBe('202610|T1|channel|website');
      })
    );
  });
});
