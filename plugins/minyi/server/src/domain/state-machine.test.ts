import fc from 'fast-check';
import {
  ACTIONS,
  type Action,
  TRANSITIONS,
  type TransitionCheck,
  availableActions,
  checkTransition,
  httpStatusOf,
} from './state-machine';
import { ACTIVE_STATUSES, ACTOR_ROLES, ITEM_STATUSES, LEVELS, levelRank } from './vocabulary';

const anyRequest = fc.record({
  from: fc.constantFrom(...ITEM_STATUSES),
  action: fc.constantFrom(...ACTIONS),
  actorRole: fc.constantFrom(...ACTOR_ROLES),
  level: fc.constantFrom(...LEVELS),
  extensionPending: fc.option(fc.boolean(), { nil: undefined }),
});

function refusalCode(check: TransitionCheck): string | null {
  return check.ok ? null : check.code;
}

describe('item state machine', () => {
  it('walks the main road from submission to closing', () => {
    const steps: Array<[Parameters<typeof checkTransition>[0], string]> = [
      [
        { from: 'submitted', action: 'accept', actorRole: 'grid-member', level: 'grid' },
        'accepted',
      ],
      [{ from: 'accepted', action: 'assign', actorRole: 'grid-head', level: 'grid' }, 'assigned'],
      [
        { from: 'assigned', action: 'start', actorRole: 'grid-member', level: 'grid' },
        'in-progress',
      ],
      [
        { from: 'in-progress', action: 'resolve', actorRole: 'grid-member', level: 'grid' },
        'resolved',
      ],
      [{ from: 'resolved', action: 'close', actorRole: 'grid-head', level: 'grid' }, 'closed'],
    ];
    for (const [request, to] of steps) {
      expect(checkTransition(request)).toMatchObject({ ok: true, to, toLevel: 'grid' });
    }
  });

  it('names the item event each action leaves behind', () => {
    expect(
      checkTransition({ from: 'assigned', action: 'start', actorRole: 'grid-head', level: 'grid' })
    ).toEqual({
      ok: true,
      to: 'in-progress',
      toLevel: 'grid',
      event: 'started',
    });
    expect(
      checkTransition({
        from: 'in-progress',
        action: 'request-extension',
        actorRole: 'liaison',
        level: 'county',
      })
    ).toMatchObject({ ok: true, to: 'in-progress', event: 'extension-requested' });
  });

  it('refuses a move the table does not list with 409 and both languages', () => {
    const check = checkTransition({
      from: 'submitted',
      action: 'resolve',
      actorRole: 'grid-head',
      level: 'grid',
    });
    expect(check).toEqual({
      ok: false,
      code: 'TRANSITION_NOT_ALLOWED',
      reason: {
        zh: '事项当前状态为"已提交"，不能办结',
        en: 'An item that is submitted cannot take the action "resolve"',
      },
    });
    expect(httpStatusOf('TRANSITION_NOT_ALLOWED')).toBe(409);
  });

  it('keeps roles to their work and their level', () => {
    const closeByMember = checkTransition({
      from: 'resolved',
      action: 'close',
      actorRole: 'grid-member',
      level: 'grid',
    });
    expect(refusalCode(closeByMember)).toBe('ROLE_NOT_ALLOWED');
    expect(httpStatusOf('ROLE_NOT_ALLOWED')).toBe(403);
    expect(
      refusalCode(
        checkTransition({
          from: 'assigned',
          action: 'start',
          actorRole: 'volunteer',
          level: 'grid',
        })
      )
    ).toBe('ROLE_NOT_ALLOWED');
    expect(
      refusalCode(
        checkTransition({
          from: 'assigned',
          action: 'start',
          actorRole: 'grid-head',
          level: 'county',
        })
      )
    ).toBe('LEVEL_NOT_ALLOWED');
    expect(
      checkTransition({
        from: 'accepted',
        action: 'assign',
        actorRole: 'township-officer',
        level: 'grid',
      }).ok
    ).toBe(true);
    expect(
      checkTransition({
        from: 'in-progress',
        action: 'resolve',
        actorRole: 'leader',
        level: 'county',
      }).ok
    ).toBe(false);
  });

  it('lets only a higher level approve an extension, and the county approve its own', () => {
    const approve = (
      actorRole: 'township-officer' | 'county-coordinator',
      level: 'grid' | 'township' | 'county'
    ) =>
      checkTransition({
        from: 'in-progress',
        action: 'approve-extension',
        actorRole,
        level,
        extensionPending: true,
      });
    expect(approve('township-officer', 'grid')).toMatchObject({
      ok: true,
      to: 'extended',
      event: 'extended',
    });
    expect(refusalCode(approve('township-officer', 'township'))).toBe('LEVEL_NOT_ALLOWED');
    expect(approve('county-coordinator', 'county').ok).toBe(true);
    const nothingToDecide = checkTransition({
      from: 'in-progress',
      action: 'reject-extension',
      actorRole: 'leader',
      level: 'county',
      extensionPending: false,
    });
    expect(refusalCode(nothingToDecide)).toBe('NO_PENDING_EXTENSION');
  });

  it('escalates one level up and not past the county', () => {
    expect(
      checkTransition({ from: 'assigned', action: 'escalate', actorRole: 'system', level: 'grid' })
    ).toMatchObject({
      ok: true,
      to: 'escalated',
      toLevel: 'township',
    });
    const atTop = checkTransition({
      from: 'assigned',
      action: 'escalate',
      actorRole: 'system',
      level: 'county',
    });
    expect(refusalCode(atTop)).toBe('ALREADY_AT_TOP_LEVEL');
  });

  it('lets the sweep escalate every status that is not terminal', () => {
    for (const from of ACTIVE_STATUSES) {
      for (const level of ['grid', 'township'] as const) {
        expect(checkTransition({ from, action: 'escalate', actorRole: 'system', level }).ok).toBe(
          true
        );
      }
    }
  });

  it('offers the resident closing or reopening once the item is resolved', () => {
    expect(
      availableActions({ from: 'resolved', actorRole: 'resident', level: 'township' })
    ).toEqual(['close', 'reopen']);
    expect(availableActions({ from: 'closed', actorRole: 'resident', level: 'township' })).toEqual([
      'reopen',
    ]);
    expect(availableActions({ from: 'rejected', actorRole: 'resident', level: 'grid' })).toEqual(
      []
    );
    expect(availableActions({ from: 'rejected', actorRole: 'leader', level: 'grid' })).toEqual([
      'reopen',
    ]);
  });

  it('has one row per status and action, no dead ends, and reaches every status from submission', () => {
    const keys = TRANSITIONS.map((row) => `${row.from} ${row.action}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const status of ITEM_STATUSES) {
      expect(TRANSITIONS.some((row) => row.from === status)).toBe(true);
    }
    const reached = new Set<string>(['submitted']);
    for (let grew = true; grew;) {
      grew = false;
      for (const row of TRANSITIONS) {
        if (reached.has(row.from) && !reached.has(row.to)) {
          reached.add(row.to);
          grew = true;
        }
      }
    }
    expect([...reached].sort()).toEqual([...ITEM_STATUSES].sort());
    const usedActions = new Set<Action>(TRANSITIONS.map((row) => row.action));
    expect(ACTIONS.filter((action) => !usedActions.has(action))).toEqual([]);
  });

  it('never leaves closed except by reopening', () => {
    fc.assert(
      fc.property(anyRequest, (request) => {
        const check = checkTransition({ ...request, from: 'closed' });
        return !check.ok || (request.action === 'reopen' && check.to === 'reopened');
      })
    );
  });

  it('never moves an item down a level, and escalation always moves it up', () => {
    fc.assert(
      fc.property(anyRequest, (request) => {
        const check = checkTransition(request);
        if (!check.ok) {
          return check.reason.zh.length > 0 && check.reason.en.length > 0;
        }
        const rise = levelRank(check.toLevel) - levelRank(request.level);
        return request.action === 'escalate' ? rise === 1 : rise === 0;
      })
    );
  });
});
