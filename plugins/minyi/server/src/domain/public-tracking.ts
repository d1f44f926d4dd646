import { LEVEL_LABELS_ZH, STATUS_LABELS_ZH } from './labels';
import type { PhotosByKind } from './photos';
import type { ItemEventType, ItemStatus, Level } from './vocabulary';

/**
 * What a resident sees when tracking an item: where it stands and what happened, never who did it
 * or what staff wrote to each other. Only these event types are shown; warnings, overdue flags,
 * extension requests and internal comments stay inside.
 */
export const PUBLIC_EVENT_TYPES: readonly ItemEventType[] = [
  'created',
  'accepted',
  'assigned',
  'started',
  'escalated',
  'extended',
  'returned',
  'resolved',
  'closed',
  'rejected',
  'reopened',
  'duplicate-linked',
  'callback',
];

export const EVENT_LABELS_ZH: Readonly<Partial<Record<ItemEventType, string>>> = {
  created: '已提交',
  accepted: '已受理',
  assigned: '已交办',
  started: '开始办理',
  escalated: '已上报',
  extended: '已延期',
  returned: '重新分派',
  resolved: '已办结',
  closed: '已关闭',
  rejected: '不予受理',
  reopened: '重新办理',
  'duplicate-linked': '合并办理',
  callback: '群众评价',
};

export interface TrackedItem {
  readonly trackingCode: string;
  readonly title: string;
  readonly status: ItemStatus;
  readonly level: Level;
  readonly unit: string | null;
  readonly dueAt: Date | string | null;
  /** The reply written for the resident when resolving; shown once resolved or closed. */
  readonly resolution: string | null;
  /** The item's photos as URLs (re-encoded without EXIF when stored); none when not given. */
  readonly photos?: PhotosByKind;
}

export interface TrackedEvent {
  readonly type: ItemEventType;
  readonly at: Date | string;
  readonly toLevel: Level | null;
  readonly toStatus: ItemStatus | null;
}

export interface PublicTimelineEntry {
  readonly type: ItemEventType;
  readonly label: string;
  readonly at: string;
  readonly level: Level | null;
  readonly status: ItemStatus | null;
}

export interface PublicTrackingView {
  readonly trackingCode: string;
  readonly title: string;
  readonly status: ItemStatus;
  readonly statusLabel: string;
  readonly level: Level;
  readonly levelLabel: string;
  readonly unit: string | null;
  readonly dueAt: string | null;
  readonly reply: string | null;
  readonly timeline: readonly PublicTimelineEntry[];
  /** 群众照片, 整改前, 整改后: URLs only. */
  readonly photos: PhotosByKind;
}

const iso = (value: Date | string): string =>
  (value instanceof Date ? value : new Date(value)).toISOString();

export function publicTrackingView(
  item: TrackedItem,
  events: readonly TrackedEvent[]
): PublicTrackingView {
  const shown = new Set(PUBLIC_EVENT_TYPES);
  return {
    trackingCode: item.trackingCode,
    title: item.title,
    status: item.status,
    statusLabel: STATUS_LABELS_ZH[item.status],
    level: item.level,
    levelLabel: LEVEL_LABELS_ZH[item.level],
    unit: item.unit,
    dueAt: item.dueAt === null ? null : iso(item.dueAt),
    reply: item.status === 'resolved' || item.status === 'closed' ? item.resolution : null,
    photos: item.photos ?? { submitted: [], before: [], after: [] },
    timeline: events
      .filter((event) => shown.has(event.type))
      .map((event) => ({
        type: event.type,
        label: EVENT_LABELS_ZH[event.type] ?? event.type,
        at: iso(event.at),
        level: event.toLevel,
        status: event.toStatus,
      }))
      .sort((a, b) => a.at.localeCompare(b.at)),
  };
}
