import type { WorkbenchTab } from '../../../shared/contracts';
import { ROLE_LEVELS } from './state-machine';
import { type ActorRole, type ItemStatus, type Level, LEVELS, levelRank } from './vocabulary';

/**
 * The workbench (工作台): a unit's open work in tabs. Each tab is a condition on the item's state,
 * deadline and extension request; the shell turns it into SQL over the partial index of open items.
 */
export const OPEN_STATES: readonly ItemStatus[] = [
  'submitted',
  'accepted',
  'assigned',
  'in-progress',
  'escalated',
  'extended',
  'returned',
  'reopened',
];

export const WORKBENCH_TAB_LABELS_ZH: Readonly<Record<WorkbenchTab, string>> = {
  'to-accept': '待受理',
  'in-progress': '办理中',
  'due-soon': '即将超期',
  overdue: '已超期',
  'to-confirm': '待办结确认/待回访',
  'extension-approval': '延期待审批',
};

export interface TabCondition {
  states: readonly ItemStatus[];
  /** due-soon: due between now and the horizon; overdue: due before now. */
  due?: 'before-now' | 'within-horizon';
  extensionPending?: true;
  /** extension-approval: only items at these levels (the approver's rule: from above). */
  levels?: readonly Level[];
}

/** Levels whose extension requests this role decides: below its own, or the county's at county. */
export function levelsApprovableBy(role: ActorRole): Level[] {
  if (!['township-officer', 'county-coordinator', 'leader'].includes(role)) return [];
  const own = ROLE_LEVELS[role];
  return LEVELS.filter(
    (level) => levelRank(own) > levelRank(level) || (own === 'county' && level === 'county')
  );
}

/** The tabs a role sees: 延期待审批 only for those who approve extensions. */
export function tabsFor(role: ActorRole | null): WorkbenchTab[] {
  const tabs: WorkbenchTab[] = ['to-accept', 'in-progress', 'due-soon', 'overdue', 'to-confirm'];
  return role !== null && levelsApprovableBy(role).length > 0
    ? [...tabs, 'extension-approval']
    : tabs;
}

export function tabCondition(tab: WorkbenchTab, role: ActorRole | null): TabCondition {
  switch (tab) {
    case 'to-accept':
      // New, arrived from below (escalated) or sent back as misrouted: someone has to take it.
      return { states: ['submitted', 'escalated', 'returned'] };
    case 'in-progress':
      return { states: ['accepted', 'assigned', 'in-progress', 'extended', 'reopened'] };
    case 'due-soon':
      return { states: OPEN_STATES, due: 'within-horizon' };
    case 'overdue':
      return { states: OPEN_STATES, due: 'before-now' };
    case 'to-confirm':
      // Resolved, waiting for the resident's confirmation or the callback (回访).
      return { states: ['resolved'] };
    case 'extension-approval':
      return {
        states: OPEN_STATES,
        extensionPending: true,
        levels: role === null ? [] : levelsApprovableBy(role),
      };
  }
}

/** Working hours ahead that count as "due soon" (one working day). */
export const DUE_SOON_WORKING_HOURS = 8;
