import fc from 'fast-check';
import { ownerAtLevel, routeItem } from './routing';
import { COMPLEXITIES, LEVELS, levelRank } from './vocabulary';

const GRID = '/C/T1/V1/G1/';

describe('routing a new item', () => {
  it('keeps a simple item at the category level, owned by the grid itself', () => {
    expect(routeItem({ category: { defaultLevel: 'grid' }, gridPath: GRID })).toEqual({
      level: 'grid',
      complexity: 'simple',
      assignedGridCode: 'G1',
      coDepartments: [],
    });
  });

  it('sends a township-level category to the township ancestor', () => {
    expect(routeItem({ category: { defaultLevel: 'township' }, gridPath: GRID })).toMatchObject({
      level: 'township',
      assignedGridCode: 'T1',
    });
  });

  it('lifts a complex item to at least township, never lowering a county category', () => {
    expect(
      routeItem({ category: { defaultLevel: 'grid' }, gridPath: GRID, complexity: 'complex' })
    ).toMatchObject({
      level: 'township',
      assignedGridCode: 'T1',
    });
    expect(
      routeItem({ category: { defaultLevel: 'county' }, gridPath: GRID, complexity: 'complex' })
    ).toMatchObject({
      level: 'county',
      assignedGridCode: 'C',
    });
  });

  it('sends a multi-department item to the county with a lead and distinct co-departments', () => {
    expect(
      routeItem({
        category: { defaultLevel: 'grid', defaultDepartment: 'water' },
        gridPath: GRID,
        complexity: 'multi-department',
        coDepartments: ['roads', 'water', 'roads', 'housing'],
        leadLeader: 'leader-7',
      })
    ).toEqual({
      level: 'county',
      complexity: 'multi-department',
      assignedGridCode: 'C',
      leadDepartment: 'water',
      coDepartments: ['roads', 'housing'],
      leadLeader: 'leader-7',
    });
  });

  it('treats named co-departments as multi-department and a named lead department as county work', () => {
    expect(
      routeItem({ category: { defaultLevel: 'grid' }, gridPath: GRID, coDepartments: ['roads'] })
    ).toMatchObject({
      level: 'county',
      complexity: 'multi-department',
      coDepartments: ['roads'],
    });
    expect(
      routeItem({ category: { defaultLevel: 'grid' }, gridPath: GRID, leadDepartment: 'roads' })
    ).toMatchObject({
      level: 'county',
      complexity: 'simple',
      leadDepartment: 'roads',
    });
  });

  it('leaves departments out below the county', () => {
    const route = routeItem({
      category: { defaultLevel: 'grid', defaultDepartment: 'water' },
      gridPath: GRID,
    });
    expect(route.leadDepartment).toBeUndefined();
  });

  it('never places an item below the node it was registered at', () => {
    expect(routeItem({ category: { defaultLevel: 'grid' }, gridPath: '/C/T1/' })).toMatchObject({
      level: 'township',
      assignedGridCode: 'T1',
    });
    expect(ownerAtLevel('/C/', 'grid')).toEqual({ level: 'county', gridCode: 'C' });
    expect(ownerAtLevel('/C/T1/V1/', 'grid')).toEqual({ level: 'grid', gridCode: 'V1' });
  });

  it('refuses a malformed path', () => {
    for (const bad of ['', '/', 'C/T/', '/C/T', '/C//G/', '/C/T 1/']) {
      expect(() => routeItem({ category: { defaultLevel: 'grid' }, gridPath: bad })).toThrow(
        RangeError
      );
    }
  });

  it('always lands on an ancestor-or-self of the grid at or above the category level', () => {
    const code = fc.stringMatching(/^[A-Za-z0-9-]{1,8}$/);
    fc.assert(
      fc.property(
        fc.array(code, { minLength: 1, maxLength: 6 }),
        fc.constantFrom(...LEVELS),
        fc.constantFrom(...COMPLEXITIES),
        (codes, defaultLevel, complexity) => {
          const route = routeItem({
            category: { defaultLevel },
            gridPath: `/${codes.join('/')}/`,
            complexity,
          });
          return (
            codes.includes(route.assignedGridCode) &&
            levelRank(route.level) >= levelRank(defaultLevel) &&
            (complexity !== 'multi-department' || route.level === 'county') &&
            (route.level !== 'county' || route.assignedGridCode === codes[0])
          );
        }
      )
    );
  });
});
