import fc from 'fast-check';
import {
  checkPreconditions,
  type ItemOwners,
  noOpRefusal,
  parseMovePreconditions,
} from './move-guards';

const owners: ItemOwners = {
  assignedGridId: 3,
  leadDepartmentId: 7,
  coDepartmentIds: [8, 9],
  leadLeaderId: null,
  complexity: 'simple',
};

describe('parseMovePreconditions', () => {
  it('takes expectedState out of the action input and reads If-Match versions', () => {
    expect(parseMovePreconditions({ expectedState: 'assigned', note: 'x' }, '"4"')).toEqual({
      ok: true,
      input: { note: 'x' },
      preconditions: { expectedState: 'assigned', expectedVersions: [4] },
    });
    expect(parseMovePreconditions({ reason: 'r' }, 'W/"4", "5"')).toEqual({
      ok: true,
      input: { reason: 'r' },
      preconditions: { expectedVersions: [4, 5] },
    });
    expect(parseMovePreconditions({}, '*')).toEqual({ ok: true, input: {}, preconditions: {} });
    expect(parseMovePreconditions(undefined, undefined)).toEqual({
      ok: true,
      input: undefined,
      preconditions: {},
    });
  });

  it('answers field by field for a state or version it cannot read', () => {
    const parsed = parseMovePreconditions({ expectedState: 'done' }, 'abc');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.problems.map((problem) => problem.field)).toEqual([
        'expectedState',
        'If-Match',
      ]);
  });
});

describe('checkPreconditions', () => {
  it('holds when nothing is expected, or what is expected is what was read', () => {
    expect(checkPreconditions({}, { state: 'accepted', version: 2 })).toBeNull();
    expect(
      checkPreconditions(
        { expectedState: 'accepted', expectedVersions: [1, 2] },
        { state: 'accepted', version: 2 }
      )
    ).toBeNull();
  });

  it('refuses another state or another version, in both languages', () => {
    const state = checkPreconditions(
      { expectedState: 'submitted' },
      { state: 'accepted', version: 2 }
    );
    expect(state).toMatchObject({
      code: 'STATE_CHANGED',
      reason: { zh: expect.stringMatching(/已受理/) },
    });
    const version = checkPreconditions(
      { expectedVersions: [1] },
      { state: 'accepted', version: 2 }
    );
    expect(version).toMatchObject({
      code: 'VERSION_CHANGED',
      reason: { en: expect.stringMatching(/2/) },
    });
  });
});

describe('noOpRefusal', () => {
  it('refuses assigning an assigned item to the owners it has', () => {
    expect(
      noOpRefusal('assign', 'assigned', 'assigned', owners, { assignedGridId: 3 })
    ).toMatchObject({
      code: 'NO_CHANGE',
    });
    expect(
      noOpRefusal('assign', 'assigned', 'assigned', owners, {
        leadDepartmentId: 7,
        coDepartmentIds: [9, 8, 9],
        complexity: 'simple',
      })
    ).not.toBeNull();
  });

  it('lets a move through that changes the state or any owner it names', () => {
    expect(
      noOpRefusal('assign', 'in-progress', 'assigned', owners, { assignedGridId: 3 })
    ).toBeNull();
    expect(noOpRefusal('start', 'assigned', 'assigned', owners, {})).toBeNull();
    fc.assert(
      fc.property(
        fc.constantFrom<keyof ItemOwners>(
          'assignedGridId',
          'leadDepartmentId',
          'coDepartmentIds',
          'leadLeaderId',
          'complexity'
        ),
        fc.integer({ min: 100, max: 200 }),
        (key, other) => {
          const changed: Partial<ItemOwners> = {
            ...owners,
            [key]:
              key === 'coDepartmentIds' ? [8, other] : key === 'complexity' ? 'complex' : other,
          };
          return noOpRefusal('assign', 'assigned', 'assigned', owners, changed) === null;
        }
      )
    );
  });
});
