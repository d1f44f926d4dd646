import fc from 'fast-check';
import {
  mayReadNotice,
  mayRespondToNotice,
  scopeListsNotice,
  type NoticeCaller,
} from './notice-access';

const township: NoticeCaller = {
  superAdmin: false,
  countyWide: false,
  unit: { gridId: 2, subtreeGridIds: [2, 3, 4], ancestorGridIds: [1], departmentId: null },
};
const gridWorker: NoticeCaller = {
  superAdmin: false,
  countyWide: false,
  unit: { gridId: 4, subtreeGridIds: [4], ancestorGridIds: [1, 2, 3], departmentId: null },
};
const department: NoticeCaller = {
  superAdmin: false,
  countyWide: false,
  unit: { gridId: null, subtreeGridIds: [], ancestorGridIds: [], departmentId: 7 },
};
const auditor: NoticeCaller = { superAdmin: false, countyWide: true, unit: null };
const superAdmin: NoticeCaller = { superAdmin: true, countyWide: true, unit: null };

describe('notice access', () => {
  const toTownship = { gridIds: [2], departmentIds: [] };
  const toOtherTownship = { gridIds: [9], departmentIds: [] };
  const toDepartment = { gridIds: [], departmentIds: [7] };
  const countyWide = { gridIds: [], departmentIds: [] };

  it('lets the addressee read and answer, and nobody else of another unit', () => {
    expect(mayReadNotice(township, toTownship)).toBe(true);
    expect(mayRespondToNotice(township, toTownship)).toBe(true);
    expect(mayReadNotice(township, toOtherTownship)).toBe(false);
    expect(mayRespondToNotice(township, toOtherTownship)).toBe(false);
    expect(mayReadNotice(department, toDepartment)).toBe(true);
    expect(mayRespondToNotice(department, toDepartment)).toBe(true);
    expect(mayReadNotice(department, toTownship)).toBe(false);
  });

  it("lets a grid worker read their township's notice but not answer it for the township", () => {
    expect(mayReadNotice(gridWorker, toTownship)).toBe(true);
    expect(mayRespondToNotice(gridWorker, toTownship)).toBe(false);
  });

  it('lets every unit read a county-wide report; only the super admin answers for others', () => {
    for (const unit of [township, gridWorker, department]) {
      expect(mayReadNotice(unit, countyWide)).toBe(true);
      expect(mayRespondToNotice(unit, countyWide)).toBe(false);
    }
    expect(mayReadNotice(auditor, countyWide)).toBe(true);
    expect(mayRespondToNotice(auditor, toTownship)).toBe(false);
    expect(mayRespondToNotice(superAdmin, countyWide)).toBe(true);
  });

  it('property: whoever may answer a notice may read it', () => {
    const ids = fc.array(fc.integer({ min: 1, max: 8 }), { maxLength: 4 });
    fc.assert(
      fc.property(
        fc.record({
          superAdmin: fc.boolean(),
          countyWide: fc.boolean(),
          unit: fc.option(
            fc.record({
              gridId: fc.option(fc.integer({ min: 1, max: 8 })),
              subtreeGridIds: ids,
              ancestorGridIds: ids,
              departmentId: fc.option(fc.integer({ min: 1, max: 8 })),
            })
          ),
        }),
        fc.record({ gridIds: ids, departmentIds: ids }),
        (caller, notice) => {
          // A staff member's own grid is in their subtree.
          const unit = caller.unit && {
            ...caller.unit,
            subtreeGridIds:
              caller.unit.gridId === null
                ? caller.unit.subtreeGridIds
                : [caller.unit.gridId, ...caller.unit.subtreeGridIds],
          };
          const whole = { ...caller, unit };
          if (mayRespondToNotice(whole, notice)) expect(mayReadNotice(whole, notice)).toBe(true);
        }
      )
    );
  });
});

describe('the notices list (scopeListsNotice) reaches what mayReadNotice reads', () => {
  // Grids 1 /C/, 2 /C/T/, 3 /C/T/V/, 4 /C/T/V/G/, 9 /C/O/ — the callers above, by path.
  const pathOf: Record<number, string> = {
    1: '/C/',
    2: '/C/T/',
    3: '/C/T/V/',
    4: '/C/T/V/G/',
    9: '/C/O/',
  };
  const callers: Array<[NoticeCaller, Parameters<typeof scopeListsNotice>[0]]> = [
    [township, { kind: 'grid-subtree', gridPath: '/C/T/' }],
    [gridWorker, { kind: 'grid-subtree', gridPath: '/C/T/V/G/' }],
    [department, { kind: 'department', departmentId: 7 }],
    [auditor, { kind: 'county' }],
  ];

  it('agrees for every set of addressees', () => {
    fc.assert(
      fc.property(fc.subarray([1, 2, 3, 4, 9]), fc.subarray([7, 8]), (gridIds, departmentIds) => {
        for (const [caller, scope] of callers)
          expect(
            scopeListsNotice(scope, { gridPaths: gridIds.map((id) => pathOf[id]), departmentIds })
          ).toBe(mayReadNotice(caller, { gridIds, departmentIds }));
      })
    );
  });

  it('lists nothing to a scope without a unit', () => {
    expect(scopeListsNotice({ kind: 'none' }, { gridPaths: [], departmentIds: [] })).toBe(false);
  });
});
