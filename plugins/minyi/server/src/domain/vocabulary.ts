/**
 * The workflow's words, spelled exactly as the app's content types spell them
 * (src/api/{item,item-event,staff,category}/...schema.json). A test keeps the two in step.
 */

export const ITEM_STATUSES = [
  'submitted',
  'accepted',
  'assigned',
  'in-progress',
  'resolved',
  'closed',
  'escalated',
  'extended',
  'returned',
  'rejected',
  'reopened',
] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** Statuses in which nobody owes the resident anything more, so no clock runs. */
export const TERMINAL_STATUSES: readonly ItemStatus[] = ['resolved', 'closed', 'rejected'];

/** Statuses in which the item's deadline runs (everything not terminal). */
export const ACTIVE_STATUSES: readonly ItemStatus[] = ITEM_STATUSES.filter(
  (status) => !TERMINAL_STATUSES.includes(status)
);

/**
 * Statuses an item is done with: closed after its callback, or rejected (a repeat included). Only
 * a reopen leads out of them, while a resolved item still waits for its callback. The intake looks
 * for repeats among the items not done with.
 */
export const DONE_STATUSES: readonly ItemStatus[] = ['closed', 'rejected'];

export function isTerminalStatus(status: ItemStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** Ordered from the lowest to the highest level: the order is what escalation climbs. */
export const LEVELS = ['grid', 'township', 'county'] as const;
export type Level = (typeof LEVELS)[number];

export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

export function higherLevel(a: Level, b: Level): Level {
  return levelRank(a) >= levelRank(b) ? a : b;
}

/** The level an item escalates to; null at county, where there is nowhere higher to go. */
export function nextLevel(level: Level): Level | null {
  return LEVELS[levelRank(level) + 1] ?? null;
}

export const COMPLEXITIES = ['simple', 'complex', 'multi-department'] as const;
export type Complexity = (typeof COMPLEXITIES)[number];

export const STAFF_ROLES = [
  'instructor',
  'grid-head',
  'grid-member',
  'neighbour-head',
  'volunteer',
  'liaison',
  'township-officer',
  'county-coordinator',
  'leader',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Staff plus the two actors that are not staff: scheduled jobs and the resident giving feedback. */
export const ACTOR_ROLES = [...STAFF_ROLES, 'system', 'resident'] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

export const ITEM_EVENT_TYPES = [
  'created',
  'accepted',
  'assigned',
  'started',
  'resolved',
  'closed',
  'escalated',
  'extended',
  'extension-requested',
  'returned',
  'rejected',
  'reopened',
  'warned',
  'overdue-flagged',
  'duplicate-linked',
  'callback',
  'commented',
  /** 督办: a coordinator or leader urged the owning unit; the state stays. */
  'supervised',
  /** 数据更正: a super admin corrected workflow-owned data, with a reason and the old and new values. */
  'corrected',
] as const;
export type ItemEventType = (typeof ITEM_EVENT_TYPES)[number];
