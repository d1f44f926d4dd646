import fc from 'fast-check';
// The library Strapi matches RBAC conditions with in memory (@strapi/permissions).
import sift from 'sift';
import {
  andScope,
  type ItemScope,
  itemInScope,
  itemScopeFilter,
  scopeOfAdminAccount,
  scopeOfStaff,
  type StaffUnit,
} from './access-scope';
import { gridPath } from './grid-path';
import {
  ancestorPaths,
  departmentQuery,
  gridSubtreeQuery,
  noticeToMyUnitQuery,
  registeredByMeQuery,
  type UnitContext,
} from './unit-conditions';
import { STAFF_ROLES, type StaffRole } from './vocabulary';

const TOWNSHIP = '/C/T1/';
const unit = (role: StaffRole, over: Partial<StaffUnit> = {}): StaffUnit => ({
  role,
  gridPath: TOWNSHIP,
  departmentId: 7,
  ...over,
});

describe('scope of a staff member', () => {
  it.each<[StaffRole, ItemScope['kind']]>([
    ['county-coordinator', 'county'],
    ['leader', 'county'],
    ['township-officer', 'grid-subtree'],
    ['instructor', 'grid-subtree'],
    ['grid-head', 'grid-subtree'],
    ['grid-member', 'grid-subtree'],
    ['neighbour-head', 'grid-subtree'],
    ['volunteer', 'grid-subtree'],
    ['liaison', 'department'],
  ])('%s works in scope %s', (role, kind) => {
    expect(scopeOfStaff(unit(role)).kind).toBe(kind);
  });

  it('covers every staff role', () => {
    for (const role of STAFF_ROLES) expect(scopeOfStaff(unit(role)).kind).not.toBe('none');
  });

  it('grants nothing without a staff record or without the unit the role needs', () => {
    expect(scopeOfStaff(null)).toEqual({ kind: 'none' });
    expect(scopeOfStaff(unit('grid-member', { gridPath: null }))).toEqual({ kind: 'none' });
    expect(scopeOfStaff(unit('liaison', { departmentId: null }))).toEqual({ kind: 'none' });
  });
});

describe('scope of an admin panel account', () => {
  it('a super admin sees the county even when linked to a township staff record', () => {
    expect(scopeOfAdminAccount(unit('township-officer'), ['strapi-super-admin'])).toEqual({
      kind: 'county',
    });
  });

  it("anyone else works in their staff record's unit, whatever their admin role", () => {
    expect(scopeOfAdminAccount(unit('township-officer'), ['minyi-county-coordinator'])).toEqual({
      kind: 'grid-subtree',
      gridPath: TOWNSHIP,
    });
    expect(scopeOfAdminAccount(unit('liaison'), ['minyi-department-officer'])).toEqual({
      kind: 'department',
      departmentId: 7,
    });
  });

  it('without a staff record, county-wide admin roles see the county and other roles nothing', () => {
    for (const code of ['minyi-county-coordinator', 'minyi-leader', 'minyi-auditor'])
      expect(scopeOfAdminAccount(null, [code]).kind).toBe('county');
    for (const codes of [[], ['minyi-township-officer'], ['strapi-editor']])
      expect(scopeOfAdminAccount(null, codes).kind).toBe('none');
  });
});

describe('items in a scope', () => {
  const item = (gridPath: string | null, lead: number | null = null, co: number[] = []) => ({
    gridPath,
    leadDepartmentId: lead,
    coDepartmentIds: co,
  });

  it('a grid subtree holds its own grids, not a neighbour whose code starts the same', () => {
    const scope: ItemScope = { kind: 'grid-subtree', gridPath: '/C/T1/' };
    expect(itemInScope(scope, item('/C/T1/'))).toBe(true);
    expect(itemInScope(scope, item('/C/T1/V1/G1/'))).toBe(true);
    expect(itemInScope(scope, item('/C/T10/G1/'))).toBe(false);
    expect(itemInScope(scope, item('/C/'))).toBe(false);
    expect(itemInScope(scope, item(null))).toBe(false);
  });

  it('a department holds the items it leads or co-handles', () => {
    const scope: ItemScope = { kind: 'department', departmentId: 7 };
    expect(itemInScope(scope, item('/C/T1/', 7))).toBe(true);
    expect(itemInScope(scope, item('/C/T1/', 8, [3, 7]))).toBe(true);
    expect(itemInScope(scope, item('/C/T1/', 8, [3]))).toBe(false);
  });

  it('county sees all, none sees nothing', () => {
    expect(itemInScope({ kind: 'county' }, item(null))).toBe(true);
    expect(itemInScope({ kind: 'none' }, item('/C/T1/', 7, [7]))).toBe(false);
  });
});

describe('the scope in a query', () => {
  it('spells each scope as a filter; county restricts nothing, none matches nothing', () => {
    expect(itemScopeFilter({ kind: 'county' })).toBeNull();
    expect(itemScopeFilter({ kind: 'grid-subtree', gridPath: '/C/T1/' })).toEqual({
      gridPath: { $startsWith: '/C/T1/' },
    });
    expect(itemScopeFilter({ kind: 'department', departmentId: 7 })).toEqual({
      $or: [{ leadDepartment: { id: 7 } }, { coDepartments: { id: 7 } }],
    });
    expect(itemScopeFilter({ kind: 'none' })).toEqual({ id: { $null: true } });
  });

  it('never lets client filters widen the scope: the scope is always one arm of the conjunction', () => {
    const scopeFilter = { gridPath: { $startsWith: '/C/T1/' } };
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constant(undefined),
          fc.constant(null),
          fc.dictionary(fc.string(), fc.jsonValue())
        ),
        (client) => {
          const combined = andScope(client, scopeFilter) as Record<string, unknown>;
          if (combined === scopeFilter) return;
          expect(Object.keys(combined)).toEqual(['$and']);
          expect(combined.$and).toEqual([client, scopeFilter]);
        }
      )
    );
    expect(andScope({ $or: [{ gridPath: { $null: false } }] }, null)).toEqual({
      $or: [{ gridPath: { $null: false } }],
    });
  });
});

/** A random grid tree: codes under a county, as materialised paths. */
const treeArb = fc
  .array(fc.tuple(fc.nat(), fc.stringMatching(/^[A-Z0-9]{1,3}$/)), { minLength: 1, maxLength: 30 })
  .map((nodes) => {
    const paths = [gridPath(null, 'C')];
    for (const [parent, code] of nodes) paths.push(gridPath(paths[parent % paths.length], code));
    return [...new Set(paths)];
  });

describe('the admin conditions agree with the scope rules', () => {
  it('"item in my grid subtree" matched in memory (sift) holds exactly the items whose path has the prefix', () => {
    fc.assert(
      fc.property(treeArb, fc.nat(), fc.nat(), (paths, mine, theirs) => {
        const myPath = paths[mine % paths.length];
        const subtree = paths.filter((path) => path.startsWith(myPath));
        const context: UnitContext = {
          subtreePaths: subtree,
          subtreeGridIds: subtree.map((_, i) => i + 1),
          ancestorGridIds: [],
          departmentId: null,
          staffId: 1,
        };
        const query = gridSubtreeQuery('api::item.item', context);
        expect(query).not.toBe(false);
        const itemPath = paths[theirs % paths.length];
        const matches = sift(query as Record<string, unknown>)({ gridPath: itemPath });
        expect(matches).toBe(
          itemInScope(
            { kind: 'grid-subtree', gridPath: myPath },
            { gridPath: itemPath, leadDepartmentId: null, coDepartmentIds: [] }
          )
        );
        // …and the event of that item, through its relation.
        expect(
          sift(gridSubtreeQuery('api::item-event.item-event', context) as Record<string, unknown>)({
            item: { gridPath: itemPath },
          })
        ).toBe(matches);
      })
    );
  });

  it('"item of my department" matched in memory holds exactly led or co-handled items', () => {
    const ids = fc.integer({ min: 1, max: 6 });
    fc.assert(
      fc.property(
        ids,
        fc.option(ids, { nil: null }),
        fc.uniqueArray(ids, { maxLength: 4 }),
        (mine, lead, co) => {
          const context: UnitContext = {
            subtreePaths: [],
            subtreeGridIds: [],
            ancestorGridIds: [],
            departmentId: mine,
            staffId: 1,
          };
          const record = {
            leadDepartment: lead === null ? null : { id: lead },
            coDepartments: co.map((id) => ({ id })),
          };
          const matches = sift(
            departmentQuery('api::item.item', context) as Record<string, unknown>
          )(record);
          expect(matches).toBe(
            itemInScope(
              { kind: 'department', departmentId: mine },
              { gridPath: null, leadDepartmentId: lead, coDepartmentIds: co }
            )
          );
        }
      )
    );
  });

  it('grant nothing to a person without a unit, or for a type they do not cover', () => {
    expect(gridSubtreeQuery('api::item.item', null)).toBe(false);
    expect(
      gridSubtreeQuery('api::item.item', {
        subtreePaths: [],
        subtreeGridIds: [],
        ancestorGridIds: [],
        departmentId: 3,
        staffId: 1,
      })
    ).toBe(false);
    expect(
      departmentQuery('api::item.item', {
        subtreePaths: ['/C/'],
        subtreeGridIds: [1],
        ancestorGridIds: [],
        departmentId: null,
        staffId: 1,
      })
    ).toBe(false);
    expect(
      gridSubtreeQuery('api::spot-check.spot-check', {
        subtreePaths: ['/C/'],
        subtreeGridIds: [1],
        ancestorGridIds: [],
        departmentId: null,
        staffId: 1,
      })
    ).toBe(false);
    expect(
      noticeToMyUnitQuery('api::item.item', {
        subtreePaths: ['/C/'],
        subtreeGridIds: [1],
        ancestorGridIds: [],
        departmentId: 2,
        staffId: 1,
      })
    ).toBe(false);
  });

  it('"notice to my unit": to my grid, one below or above it, or to my department', () => {
    const township: UnitContext = {
      subtreePaths: ['/C/T1/', '/C/T1/G1/'],
      subtreeGridIds: [2, 3],
      ancestorGridIds: [1],
      departmentId: null,
      staffId: 1,
    };
    const match = (notice: object) =>
      sift(noticeToMyUnitQuery('api::notice.notice', township) as Record<string, unknown>)(notice);
    expect(match({ targetGrids: [{ id: 2 }], targetDepartments: [] })).toBe(true);
    expect(match({ targetGrids: [{ id: 1 }], targetDepartments: [] })).toBe(true);
    expect(match({ targetGrids: [{ id: 9 }, { id: 3 }], targetDepartments: [] })).toBe(true);
    expect(match({ targetGrids: [{ id: 9 }], targetDepartments: [{ id: 4 }] })).toBe(false);
    const department: UnitContext = {
      subtreePaths: [],
      subtreeGridIds: [],
      ancestorGridIds: [],
      departmentId: 4,
      staffId: 1,
    };
    expect(
      sift(noticeToMyUnitQuery('api::notice.notice', department) as Record<string, unknown>)({
        targetGrids: [],
        targetDepartments: [{ id: 4 }],
      })
    ).toBe(true);
    expect(noticeToMyUnitQuery('api::notice.notice', { ...department, departmentId: null })).toBe(
      false
    );
  });

  it('"item registered by me" follows the first responder, on the item and on its history', () => {
    const me: UnitContext = {
      subtreePaths: [],
      subtreeGridIds: [],
      ancestorGridIds: [],
      departmentId: null,
      staffId: 42,
    };
    expect(
      sift(registeredByMeQuery('api::item.item', me) as Record<string, unknown>)({
        firstResponder: { id: 42 },
      })
    ).toBe(true);
    expect(
      sift(registeredByMeQuery('api::item.item', me) as Record<string, unknown>)({
        firstResponder: { id: 7 },
      })
    ).toBe(false);
    expect(
      sift(registeredByMeQuery('api::item.item', me) as Record<string, unknown>)({
        firstResponder: null,
      })
    ).toBe(false);
    expect(
      sift(registeredByMeQuery('api::item-event.item-event', me) as Record<string, unknown>)({
        item: { firstResponder: { id: 42 } },
      })
    ).toBe(true);
    expect(registeredByMeQuery('api::notice.notice', me)).toBe(false);
    expect(registeredByMeQuery('api::item.item', null)).toBe(false);
  });

  it('lists the grids above a path, root first', () => {
    expect(ancestorPaths('/C/T1/V1/G1/')).toEqual(['/C/', '/C/T1/', '/C/T1/V1/']);
    expect(ancestorPaths('/C/')).toEqual([]);
  });
});
