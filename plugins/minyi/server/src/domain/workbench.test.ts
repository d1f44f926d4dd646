import { availableActions } from './state-machine';
import { ACTOR_ROLES, LEVELS } from './vocabulary';
import { levelsApprovableBy, OPEN_STATES, tabCondition, tabsFor } from './workbench';

describe('workbench tabs', () => {
  it('shows 延期待审批 exactly to the roles that may approve an extension at those levels', () => {
    for (const role of ACTOR_ROLES) {
      for (const level of LEVELS) {
        const approves = availableActions({
          from: 'in-progress',
          actorRole: role,
          level,
          extensionPending: true,
        }).includes('approve-extension');
        expect([role, level, levelsApprovableBy(role).includes(level)]).toEqual([
          role,
          level,
          approves,
        ]);
      }
      expect(tabsFor(role).includes('extension-approval')).toBe(
        levelsApprovableBy(role).length > 0
      );
    }
  });

  it('splits the open states between 待受理 and 办理中, and keeps handled items out of the deadline tabs', () => {
    const toAccept = tabCondition('to-accept', null).states;
    const inProgress = tabCondition('in-progress', null).states;
    expect([...toAccept, ...inProgress].sort()).toEqual([...OPEN_STATES].sort());
    expect(tabCondition('overdue', null).states).not.toContain('resolved');
    expect(tabCondition('to-confirm', null).states).toEqual(['resolved']);
  });
});
