import fc from 'fast-check';
import { periodBounds } from './job-period';
import {
  CELLS_BUILD_LIMITS,
  CELL_FLAGS,
  buildIsStale,
  cellDeltas,
  cellsServe,
  planCellsRefresh,
  type CellsSituation,
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

describe('planCellsRefresh (the chunked build)', () => {
  const NOW = new Date('2026-12-03T10:00:00Z');
  const STALE = CELLS_BUILD_LIMITS.staleAfterMs;
  const base: CellsSituation = {
    zone: ZONE,
    state: { zone: ZONE },
    build: null,
    pendingMarks: 0,
    full: false,
    me: 'me',
    otherCallBuilding: false,
    now: NOW,
  };
  const ago = (ms: number) => new Date(NOW.getTime() - ms);
  const building = (owner: string, heartbeatMsAgo: number, zone = ZONE) => ({
    ...base,
    state: null,
    build: { owner, zone, heartbeatAt: ago(heartbeatMsAgo) },
  });

  it('folds marks in when built, and starts a build when there is none, the zone moved, a full one is asked or too much changed', () => {
    expect(planCellsRefresh(base)).toBe('none');
    expect(planCellsRefresh({ ...base, pendingMarks: 3 })).toBe('incremental');
    expect(planCellsRefresh({ ...base, pendingMarks: CELLS_BUILD_LIMITS.fullRebuildMarks })).toBe(
      'incremental'
    );
    expect(
      planCellsRefresh({ ...base, pendingMarks: CELLS_BUILD_LIMITS.fullRebuildMarks + 1 })
    ).toBe('start');
    expect(planCellsRefresh({ ...base, state: null })).toBe('start');
    expect(planCellsRefresh({ ...base, state: { zone: 'UTC' } })).toBe('start');
    expect(planCellsRefresh({ ...base, full: true })).toBe('start');
  });

  it('continues its own build, waits for a fresh one held elsewhere, takes over a stale one', () => {
    expect(planCellsRefresh(building('me', 1_000))).toBe('step');
    expect(planCellsRefresh(building('other', 1_000))).toBe('wait');
    expect(planCellsRefresh(building('other', STALE - 1))).toBe('wait');
    expect(planCellsRefresh(building('other', STALE))).toBe('take-over');
    expect(planCellsRefresh(building('me', STALE * 10))).toBe('step');
    // A heartbeat ahead of this clock (another instance's clock) is fresh.
    expect(planCellsRefresh(building('other', -60_000))).toBe('wait');
    // Built in another zone: started over, by whoever may touch it.
    expect(planCellsRefresh(building('me', 1_000, 'UTC'))).toBe('start');
    expect(planCellsRefresh(building('other', STALE, 'UTC'))).toBe('start');
    expect(planCellsRefresh(building('other', 1_000, 'UTC'))).toBe('wait');
    // A full build asked while one runs does not restart it.
    expect(planCellsRefresh({ ...building('me', 1_000), full: true })).toBe('step');
  });

  it('never lets two builders act at once, never folds marks while a build is under way', () => {
    const situation = fc.record({
      zone: fc.constantFrom(ZONE, 'UTC'),
      state: fc.option(fc.record({ zone: fc.constantFrom(ZONE, 'UTC') }), { nil: null }),
      build: fc.option(
        fc.record({
          zone: fc.constantFrom(ZONE, 'UTC'),
          owner: fc.constantFrom('me', 'other'),
          heartbeatAt: fc.integer({ min: -STALE, max: 3 * STALE }).map(ago),
        }),
        { nil: null }
      ),
      pendingMarks: fc.nat({ max: 3 * CELLS_BUILD_LIMITS.fullRebuildMarks }),
      full: fc.boolean(),
      me: fc.constant('me'),
      otherCallBuilding: fc.boolean(),
      now: fc.constant(NOW),
    });
    fc.assert(
      fc.property(situation, (s) => {
        const plan = planCellsRefresh(s);
        const acts = plan === 'start' || plan === 'step' || plan === 'take-over';
        // Another call here is building: this one acts on no build.
        if (s.otherCallBuilding && acts) return false;
        if (s.build) {
          // A build under way: the cells do not answer, marks are not folded.
          if (cellsServe(plan)) return false;
          const fresh = !buildIsStale(s.build.heartbeatAt, s.now, STALE);
          // A fresh build held by another process is never touched.
          if (s.build.owner !== s.me && fresh && plan !== 'wait') return false;
          if (plan === 'take-over' && (s.build.owner === s.me || fresh)) return false;
        } else {
          if (plan === 'step' || plan === 'take-over') return false;
          // The cells answer exactly when they were built in this zone and not too much changed.
          const built =
            !s.full &&
            s.state?.zone === s.zone &&
            s.pendingMarks <= CELLS_BUILD_LIMITS.fullRebuildMarks;
          if (built !== cellsServe(plan)) return false;
        }
        return true;
      })
    );
  });
});
