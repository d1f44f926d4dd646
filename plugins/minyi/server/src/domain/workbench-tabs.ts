import type { WorkbenchTab } from '../../../shared/contracts';
import type { ActorRole, ItemStatus } from './vocabulary';

/**
 * The workbench's tabs (工作台): which items of the unit each shows. Overdue and due-soon cut
 * across the handling states; the others follow the state. Rows are sorted by due time, which
 * puts the overdue ones (the earliest deadlines) first.
 */
export const TAB_LABELS_ZH: Readonly<Record<WorkbenchTab, string>> = {
  'to-accept': '待受理',
  'in-progress': '办理中',
  'due-soon': '即将超期',
  overdue: '已超期',
  'to-confirm': '待办结确认/待回访',
  'extension-approval': '延期待审批',
};

export const TO_ACCEPT: readonly ItemStatus[] = ['submitted', 'returned', 'escalated'];
export const IN_PROGRESS: readonly ItemStatus[] = [
  'accepted',
  'assigned',
  'in-progress',
  'extended',
  'reopened',
];
export const OPEN: readonly ItemStatus[] = [...TO_ACCEPT, ...IN_PROGRESS];

/** Roles that decide extension requests (state machine: approve-extension). */
const APPROVERS: readonly ActorRole[] = ['township-officer', 'county-coordinator', 'leader'];

export function tabsFor(role: ActorRole | null): WorkbenchTab[] {
  const tabs: WorkbenchTab[] = ['to-accept', 'in-progress', 'due-soon', 'overdue', 'to-confirm'];
  if (role && APPROVERS.includes(role)) tabs.push('extension-approval');
  return tabs;
}

/** The Strapi query filter of a tab; `soon` is the instant within which due-soon items fall due. */
export function tabFilter(tab: WorkbenchTab, now: Date, soon: Date): Record<string, unknown> {
  switch (tab) {
    case 'to-accept':
      return { state: { $in: [...TO_ACCEPT] } };
    case 'in-progress':
      return { state: { $in: [...IN_PROGRESS] } };
    case 'due-soon':
      return { state: { $in: [...OPEN] }, dueAt: { $gt: now, $lte: soon } };
    case 'overdue':
      return { state: { $in: [...OPEN] }, dueAt: { $lte: now } };
    case 'to-confirm':
      return { state: 'resolved' };
    case 'extension-approval':
      return { state: { $in: [...OPEN] }, extensionPending: true };
  }
}
