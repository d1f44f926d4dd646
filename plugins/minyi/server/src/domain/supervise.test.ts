import fc from 'fast-check';
import { parseActionInput } from './action-input';
import { availableActions, checkTransition } from './state-machine';
import { ACTOR_ROLES, ITEM_STATUSES, LEVELS, TERMINAL_STATUSES } from './vocabulary';

describe('督办 (supervise)', () => {
  it('keeps the state and level, on every open item, for the coordinator and leaders only', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ITEM_STATUSES),
        fc.constantFrom(...ACTOR_ROLES),
        fc.constantFrom(...LEVELS),
        (from, actorRole, level) => {
          const check = checkTransition({ from, action: 'supervise', actorRole, level });
          const open = !TERMINAL_STATUSES.includes(from);
          const supervisor = actorRole === 'county-coordinator' || actorRole === 'leader';
          if (!check.ok) return !(open && supervisor);
          return (
            open &&
            supervisor &&
            check.to === from &&
            check.toLevel === level &&
            check.event === 'supervised'
          );
        }
      )
    );
  });

  it('is offered to a leader on an open item and needs a note', () => {
    expect(availableActions({ from: 'in-progress', actorRole: 'leader', level: 'grid' })).toContain(
      'supervise'
    );
    expect(availableActions({ from: 'closed', actorRole: 'leader', level: 'grid' })).not.toContain(
      'supervise'
    );
    expect(parseActionInput('supervise', {}).ok).toBe(false);
    expect(parseActionInput('supervise', { note: '本周内办结' }).ok).toBe(true);
  });
});
