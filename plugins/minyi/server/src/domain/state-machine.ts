import { LEVEL_LABELS_ZH, ROLE_LABELS_ZH, STATUS_LABELS_ZH } from './labels';
import { type Refusal, refuse } from './result';
import {
  type ActorRole,
  type ItemEventType,
  type ItemStatus,
  type Level,
  levelRank,
  nextLevel,
} from './vocabulary';

/**
 * The item workflow. Every row of TRANSITIONS is one allowed move; anything not listed is refused.
 *
 * | from        | action → to                                                                     |
 * |-------------|---------------------------------------------------------------------------------|
 * | submitted   | accept → accepted, return → returned, reject → rejected,                        |
 * |             | link-duplicate → rejected, escalate → escalated                                 |
 * | accepted    | assign → assigned, return → returned, reject → rejected,                        |
 * |             | link-duplicate → rejected, escalate → escalated, EXT                            |
 * | assigned    | assign → assigned (re-assign), start → in-progress, return → returned,          |
 * |             | link-duplicate → rejected, escalate → escalated, EXT                            |
 * | in-progress | resolve → resolved, assign → assigned (hand over), return → returned,           |
 * |             | escalate → escalated, EXT                                                       |
 * | escalated   | accept → accepted, assign → assigned, start → in-progress,                      |
 * |             | escalate → escalated, EXT                                                       |
 * | extended    | assign → assigned, start → in-progress, resolve → resolved,                     |
 * |             | escalate → escalated, EXT (a second extension is possible)                      |
 * | reopened    | assign → assigned, start → in-progress, escalate → escalated, EXT               |
 * | returned    | accept → accepted, assign → assigned, reject → rejected,                        |
 * |             | link-duplicate → rejected, escalate → escalated                                 |
 * | resolved    | close → closed, reopen → reopened                                               |
 * | closed      | reopen → reopened (resident, county coordinator, leader only)                   |
 * | rejected    | reopen → reopened (county coordinator, leader only: overturning a rejection)    |
 *
 * EXT: request-extension → same status, approve-extension → extended, reject-extension → same.
 * SUP: supervise (督办) → same status, from every open status (SUPERVISABLE): a note to the owning unit.
 *
 * Side states say what last happened, not where the work stands, so their exits are the union of
 * the places the item may have come from: an extended item may be waiting for assignment or be
 * in progress. Escalation is open from every status that is not terminal because the sweep
 * escalates whatever has run out of time, worked on or not. "returned" means misrouted: back with
 * the dispatcher to route again, never to the resident.
 *
 * Who may act: ACTION_RULES gives the roles; each role belongs to a level (ROLE_LEVELS) and acts
 * on items at its level or below, so a township officer may assign a grid item but a grid head
 * cannot touch a county item. Extensions are approved from above: by a level higher than the
 * item's, or by the county for county items since nothing is higher. Which grid or department a
 * person belongs to is checked by the caller (unit-scoped permissions), not here.
 */

export const ACTIONS = [
  'accept',
  'assign',
  'start',
  'resolve',
  'close',
  'return',
  'reject',
  'request-extension',
  'approve-extension',
  'reject-extension',
  'escalate',
  'reopen',
  'link-duplicate',
  'supervise',
] as const;
export type Action = (typeof ACTIONS)[number];

export interface Transition {
  readonly from: ItemStatus;
  readonly action: Action;
  readonly to: ItemStatus;
  /** Narrows the action's roles for this move only. */
  readonly roles?: readonly ActorRole[];
}

const EXTENSION_ACTIONS_FROM = (status: ItemStatus): Transition[] => [
  { from: status, action: 'request-extension', to: status },
  { from: status, action: 'approve-extension', to: 'extended' },
  { from: status, action: 'reject-extension', to: status },
];

/** 督办 keeps the state: it is open on every item that is still being handled. */
const SUPERVISABLE: readonly ItemStatus[] = [
  'submitted',
  'accepted',
  'assigned',
  'in-progress',
  'escalated',
  'extended',
  'reopened',
  'returned',
];

export const TRANSITIONS: readonly Transition[] = [
  { from: 'submitted', action: 'accept', to: 'accepted' },
  { from: 'submitted', action: 'return', to: 'returned' },
  { from: 'submitted', action: 'reject', to: 'rejected' },
  { from: 'submitted', action: 'link-duplicate', to: 'rejected' },
  { from: 'submitted', action: 'escalate', to: 'escalated' },

  { from: 'accepted', action: 'assign', to: 'assigned' },
  { from: 'accepted', action: 'return', to: 'returned' },
  { from: 'accepted', action: 'reject', to: 'rejected' },
  { from: 'accepted', action: 'link-duplicate', to: 'rejected' },
  { from: 'accepted', action: 'escalate', to: 'escalated' },
  ...EXTENSION_ACTIONS_FROM('accepted'),

  { from: 'assigned', action: 'assign', to: 'assigned' },
  { from: 'assigned', action: 'start', to: 'in-progress' },
  { from: 'assigned', action: 'return', to: 'returned' },
  { from: 'assigned', action: 'link-duplicate', to: 'rejected' },
  { from: 'assigned', action: 'escalate', to: 'escalated' },
  ...EXTENSION_ACTIONS_FROM('assigned'),

  { from: 'in-progress', action: 'resolve', to: 'resolved' },
  { from: 'in-progress', action: 'assign', to: 'assigned' },
  { from: 'in-progress', action: 'return', to: 'returned' },
  { from: 'in-progress', action: 'escalate', to: 'escalated' },
  ...EXTENSION_ACTIONS_FROM('in-progress'),

  { from: 'escalated', action: 'accept', to: 'accepted' },
  { from: 'escalated', action: 'assign', to: 'assigned' },
  { from: 'escalated', action: 'start', to: 'in-progress' },
  { from: 'escalated', action: 'escalate', to: 'escalated' },
  ...EXTENSION_ACTIONS_FROM('escalated'),

  { from: 'extended', action: 'assign', to: 'assigned' },
  { from: 'extended', action: 'start', to: 'in-progress' },
  { from: 'extended', action: 'resolve', to: 'resolved' },
  { from: 'extended', action: 'escalate', to: 'escalated' },
  ...EXTENSION_ACTIONS_FROM('extended'),

  { from: 'reopened', action: 'assign', to: 'assigned' },
  { from: 'reopened', action: 'start', to: 'in-progress' },
  { from: 'reopened', action: 'escalate', to: 'escalated' },
  ...EXTENSION_ACTIONS_FROM('reopened'),

  { from: 'returned', action: 'accept', to: 'accepted' },
  { from: 'returned', action: 'assign', to: 'assigned' },
  { from: 'returned', action: 'reject', to: 'rejected' },
  { from: 'returned', action: 'link-duplicate', to: 'rejected' },
  { from: 'returned', action: 'escalate', to: 'escalated' },

  { from: 'resolved', action: 'close', to: 'closed' },
  { from: 'resolved', action: 'reopen', to: 'reopened' },

  {
    from: 'closed',
    action: 'reopen',
    to: 'reopened',
    roles: ['resident', 'county-coordinator', 'leader'],
  },

  { from: 'rejected', action: 'reopen', to: 'reopened', roles: ['county-coordinator', 'leader'] },

  ...SUPERVISABLE.map((status): Transition => ({ from: status, action: 'supervise', to: status })),
];

/**
 * The level a role works at. Jobs and residents are bound to no level; placing them at the top
 * lets them act on an item wherever it is.
 */
export const ROLE_LEVELS: Readonly<Record<ActorRole, Level>> = {
  instructor: 'grid',
  'grid-head': 'grid',
  'grid-member': 'grid',
  'neighbour-head': 'grid',
  volunteer: 'grid',
  'township-officer': 'township',
  liaison: 'county',
  'county-coordinator': 'county',
  leader: 'county',
  system: 'county',
  resident: 'county',
};

export interface ActionRule {
  readonly roles: readonly ActorRole[];
  /** at-or-below: the item is at the actor's level or lower. above: approval from a higher level. */
  readonly levelRule: 'at-or-below' | 'above';
  /** The item-event type the caller appends for this action. */
  readonly event: ItemEventType;
  readonly labelZh: string;
}

const HANDLERS: readonly ActorRole[] = [
  'grid-head',
  'grid-member',
  'township-officer',
  'liaison',
  'county-coordinator',
];
const SUPERVISORS: readonly ActorRole[] = ['township-officer', 'county-coordinator', 'leader'];

/** Neighbour heads and volunteers collect items (the "created" event) but handle none. */
export const ACTION_RULES: Readonly<Record<Action, ActionRule>> = {
  accept: {
    roles: [...HANDLERS, 'instructor'],
    levelRule: 'at-or-below',
    event: 'accepted',
    labelZh: '受理',
  },
  assign: {
    roles: ['grid-head', 'instructor', 'township-officer', 'county-coordinator', 'leader'],
    levelRule: 'at-or-below',
    event: 'assigned',
    labelZh: '交办',
  },
  start: { roles: HANDLERS, levelRule: 'at-or-below', event: 'started', labelZh: '开始办理' },
  resolve: { roles: HANDLERS, levelRule: 'at-or-below', event: 'resolved', labelZh: '办结' },
  // The grid member answers, the grid head settles: a grid member cannot close.
  close: {
    roles: [
      'grid-head',
      'instructor',
      'township-officer',
      'county-coordinator',
      'leader',
      'resident',
    ],
    levelRule: 'at-or-below',
    event: 'closed',
    labelZh: '关闭',
  },
  return: {
    roles: [...HANDLERS, 'instructor'],
    levelRule: 'at-or-below',
    event: 'returned',
    labelZh: '退回',
  },
  reject: {
    roles: ['grid-head', 'instructor', 'township-officer', 'county-coordinator'],
    levelRule: 'at-or-below',
    event: 'rejected',
    labelZh: '不予受理',
  },
  'request-extension': {
    roles: ['grid-head', 'grid-member', 'township-officer', 'liaison'],
    levelRule: 'at-or-below',
    event: 'extension-requested',
    labelZh: '申请延期',
  },
  'approve-extension': {
    roles: SUPERVISORS,
    levelRule: 'above',
    event: 'extended',
    labelZh: '批准延期',
  },
  // The app's event types have no "extension-rejected"; the refusal is kept as a comment.
  'reject-extension': {
    roles: SUPERVISORS,
    levelRule: 'above',
    event: 'commented',
    labelZh: '驳回延期申请',
  },
  escalate: {
    roles: ['system', 'grid-head', 'instructor', 'township-officer', 'county-coordinator'],
    levelRule: 'at-or-below',
    event: 'escalated',
    labelZh: '上报',
  },
  reopen: {
    roles: ['resident', 'township-officer', 'county-coordinator', 'leader'],
    levelRule: 'at-or-below',
    event: 'reopened',
    labelZh: '重新办理',
  },
  'link-duplicate': {
    roles: ['grid-head', 'instructor', 'township-officer', 'county-coordinator'],
    levelRule: 'at-or-below',
    event: 'duplicate-linked',
    labelZh: '标记重复',
  },
  // 跟踪督办: the county coordinator and the leaders urge the owning unit, on any open item.
  supervise: {
    roles: ['county-coordinator', 'leader'],
    levelRule: 'at-or-below',
    event: 'supervised',
    labelZh: '督办',
  },
};

export interface TransitionRequest {
  readonly from: ItemStatus;
  readonly action: Action;
  readonly actorRole: ActorRole;
  /** The item's current level. */
  readonly level: Level;
  /**
   * Whether an extension request awaits a decision. The status cannot tell, so the caller does;
   * when it says false, approving or rejecting an extension is refused.
   */
  readonly extensionPending?: boolean;
}

export interface TransitionAllowed {
  readonly ok: true;
  readonly to: ItemStatus;
  /** The level after the move: one up for escalate, unchanged otherwise. */
  readonly toLevel: Level;
  readonly event: ItemEventType;
}

export type TransitionRefusalCode =
  | 'TRANSITION_NOT_ALLOWED'
  | 'ROLE_NOT_ALLOWED'
  | 'LEVEL_NOT_ALLOWED'
  | 'ALREADY_AT_TOP_LEVEL'
  | 'NO_PENDING_EXTENSION';

export type TransitionCheck = TransitionAllowed | Refusal<TransitionRefusalCode>;

/** Conflicts with the item's state are 409; a person without the right is 403. */
export function httpStatusOf(code: TransitionRefusalCode): 403 | 409 {
  return code === 'ROLE_NOT_ALLOWED' || code === 'LEVEL_NOT_ALLOWED' ? 403 : 409;
}

export function checkTransition(request: TransitionRequest): TransitionCheck {
  const { from, action, actorRole, level } = request;
  const rule = ACTION_RULES[action];
  const transition = TRANSITIONS.find((row) => row.from === from && row.action === action);
  if (transition === undefined) {
    return refuse(
      'TRANSITION_NOT_ALLOWED',
      `事项当前状态为"${STATUS_LABELS_ZH[from]}"，不能${rule.labelZh}`,
      `An item that is ${from} cannot take the action "${action}"`
    );
  }
  if (!(transition.roles ?? rule.roles).includes(actorRole)) {
    return refuse(
      'ROLE_NOT_ALLOWED',
      `${ROLE_LABELS_ZH[actorRole]}无权对"${STATUS_LABELS_ZH[from]}"的事项执行"${rule.labelZh}"`,
      `The role ${actorRole} may not ${action} an item that is ${from}`
    );
  }
  if (!actsAtLevel(rule.levelRule, ROLE_LEVELS[actorRole], level)) {
    return refuse(
      'LEVEL_NOT_ALLOWED',
      `${ROLE_LABELS_ZH[actorRole]}不能对${LEVEL_LABELS_ZH[level]}层级的事项执行"${rule.labelZh}"`,
      `The role ${actorRole} may not ${action} an item at ${level} level`
    );
  }
  let toLevel = level;
  if (action === 'escalate') {
    const higher = nextLevel(level);
    if (higher === null) {
      return refuse(
        'ALREADY_AT_TOP_LEVEL',
        '事项已在县级办理，无法继续上报',
        'The item is already at county level'
      );
    }
    toLevel = higher;
  }
  if (
    (action === 'approve-extension' || action === 'reject-extension') &&
    request.extensionPending === false
  ) {
    return refuse(
      'NO_PENDING_EXTENSION',
      '没有待审批的延期申请',
      'There is no extension request to decide'
    );
  }
  return { ok: true, to: transition.to, toLevel, event: rule.event };
}

/** What this actor can do to the item now, for buttons and API hints. */
export function availableActions(request: Omit<TransitionRequest, 'action'>): Action[] {
  return ACTIONS.filter((action) => checkTransition({ ...request, action }).ok);
}

function actsAtLevel(
  levelRule: ActionRule['levelRule'],
  actorLevel: Level,
  itemLevel: Level
): boolean {
  const actor = levelRank(actorLevel);
  const item = levelRank(itemLevel);
  if (levelRule === 'above') {
    return actor > item || (itemLevel === 'county' && actorLevel === 'county');
  }
  return actor >= item;
}
