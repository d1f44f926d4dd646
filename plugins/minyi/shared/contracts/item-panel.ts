import type {
  Action,
  Complexity,
  ItemEventType,
  ItemStatus,
  Labeled,
  Level,
  StaffRole,
  UnitRef,
} from './common';

/**
 * GET /minyi/items/:documentId/panel — the side panel of an item's edit view
 * (needs workbench.read; the item must be in the caller's unit scope, else 403; unknown 404).
 */
export interface ItemPanelResponse {
  data: ItemPanel;
}

export interface ItemPanel {
  documentId: string;
  trackingCode: string;
  title: string;
  status: Labeled<ItemStatus>;
  level: Labeled<Level>;
  /** Who holds the item now: the assigned grid, else the lead department, else the reported grid. */
  owningUnit: UnitRef | null;
  coDepartments: UnitRef[];
  /** For a department caller: whether it leads the item or co-handles it. */
  callerPart: 'lead' | 'co-handling' | null;
  due: ItemDue;
  firstResponder: { name: string; role: Labeled<StaffRole> } | null;
  extensionPending: boolean;
  /** Times the item was supervised (督办). */
  supervisionCount: number;
  /** Newest first. */
  timeline: TimelineEntry[];
  /** Mails about the item (outbox), newest first. */
  mails: ItemMail[];
  /** 群众照片, 整改前, 整改后 (kinds with photos only), each stored without EXIF. */
  photos: ItemPhotoGroup[];
  /** Exactly what this user may do to this item now; the handling route accepts each of these. */
  allowedActions: AllowedAction[];
}

/** One kind of an item's photos, in the order they were attached. */
export interface ItemPhotoGroup {
  kind: Labeled<'submitted' | 'before' | 'after'>;
  photos: Array<{ url: string; thumbnailUrl: string; width: number | null; height: number | null }>;
}

export interface ItemDue {
  dueAt: string | null;
  /** Counted by the plugin's working-day calendar (MINYI_TIMEZONE, holidays, 08–12 / 14–18). */
  workingMinutesLeft: number | null;
  /** Working minutes past dueAt; null when not overdue. */
  workingMinutesOverdue: number | null;
  overdue: boolean;
  /** A stopped clock: terminal items, paused items. */
  stopped: boolean;
  /** Ready to show: 剩余 2 个工作日 3 小时 / 已超期 5 小时 / 已办结. */
  label: string;
}

export interface TimelineEntry {
  at: string;
  /** The person's name, 系统 for jobs, 群众 for the resident. */
  actor: string;
  type: Labeled<ItemEventType>;
  fromStatus: Labeled<ItemStatus> | null;
  toStatus: Labeled<ItemStatus> | null;
  fromLevel: Labeled<Level> | null;
  toLevel: Labeled<Level> | null;
  note: string | null;
}

export interface ItemMail {
  template: Labeled;
  /** The recipient's role (not the address for unit roles that may not read it). */
  recipient: string;
  state: Labeled<'queued' | 'sending' | 'sent' | 'failed'>;
  queuedAt: string;
  sentAt: string | null;
  lastError: string | null;
}

/** What an action's form asks for. `name` is the key the handling route's `data` takes. */
export type ActionInputField =
  | {
      name: 'note' | 'reason' | 'reply';
      kind: 'text';
      label: string;
      required: boolean;
      maxLength: number;
    }
  | { name: 'grid'; kind: 'grid'; label: string; required: boolean; targets: UnitRef[] }
  | {
      name: 'leadDepartment';
      kind: 'department';
      label: string;
      required: boolean;
      targets: UnitRef[];
    }
  | {
      name: 'coDepartments';
      kind: 'departments';
      label: string;
      required: false;
      targets: UnitRef[];
    }
  | {
      name: 'leadLeader';
      kind: 'staff';
      label: string;
      required: false;
      targets: Array<{ documentId: string; name: string }>;
    }
  | {
      name: 'complexity';
      kind: 'enum';
      label: string;
      required: false;
      options: Array<Labeled<Complexity>>;
    }
  | { name: 'workingDays'; kind: 'integer'; label: string; required: false; min: 1; max: 60 }
  | { name: 'until'; kind: 'datetime'; label: string; required: false }
  | { name: 'duplicateOf'; kind: 'item'; label: string; required: true };

export interface AllowedAction {
  action: Action;
  /** 受理, 交办, 督办 … */
  label: string;
  /** The status after the action (the same status for 督办, 申请延期). */
  to: Labeled<ItemStatus>;
  inputs: ActionInputField[];
  /** Which form rule joins inputs: assign needs grid or leadDepartment; extension workingDays xor until. */
  rule: 'grid-or-lead-department' | 'working-days-xor-until' | null;
  /** POST here with `{ data: { …inputs } }`. */
  path: string;
}
