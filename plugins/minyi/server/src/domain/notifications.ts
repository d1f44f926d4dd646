import type { Level, StaffRole } from './vocabulary';

/** Who is told when an item lands at a level (besides lead departments and the first responder). */
export const OWNER_ROLES_AT_LEVEL: Readonly<Record<Level, readonly StaffRole[]>> = {
  grid: ['grid-head', 'grid-member'],
  township: ['township-officer'],
  county: ['county-coordinator'],
};

export type NotificationTemplate =
  | 'assigned'
  | 'warning'
  | 'escalated'
  | 'overdue'
  | 'extension-decided'
  | 'resolved'
  /** 督办: the coordinator or a leader urges the owning unit. */
  | 'supervised'
  /** Notices (bulletin, rectification notice, reports): one template, the notice's kind picks the wording. */
  | 'notice'
  /** A login opened by the structure import: a link to set the password (never the password). */
  | 'invitation'
  /** A step on a rectification notice: signed for, report submitted, accepted or sent back. */
  | 'notice-step';

/** The kinds of notice, as stored in api::notice.notice.kind. */
export type NoticeKind =
  'bulletin' | 'rectification' | 'special-report' | 'weekly' | 'monthly' | 'quarterly';

/**
 * The data of a queued 'notice' message. The notices issue writes it, the notifications issue renders it:
 * plain values only (the outbox stores JSON), everything a mail needs so the sender loads nothing else.
 */
export interface NoticeMessageData {
  readonly noticeDocumentId: string;
  readonly kind: NoticeKind;
  readonly title: string;
  /** Report period as stored on the notice: 2026-10, 2026-W44, 2026-Q4. */
  readonly period: string;
  /** The unit the notice is addressed to (rectification), absent for county-wide notices. */
  readonly unitName?: string;
  /** Plain-text paragraphs of the notice body, in order. */
  readonly paragraphs: readonly string[];
  /** An optional table (ranking, metrics): header cells and rows of cells, already formatted. */
  readonly table?: {
    readonly columns: readonly string[];
    readonly rows: ReadonlyArray<readonly string[]>;
  };
  /** Rectify-by date, ISO yyyy-mm-dd (rectification notices). */
  readonly rectifyBy?: string;
  /** Absolute links to download the notice (XLSX / CSV), when it has them. */
  readonly downloads?: ReadonlyArray<{ readonly label: string; readonly url: string }>;
}

export interface Recipient {
  readonly email: string;
  readonly label: string;
  /** Why this person is told: owner, first-responder, leader, lead-department, or resident (gave an email and agreed). */
  readonly reason: 'owner' | 'first-responder' | 'leader' | 'lead-department' | 'resident';
}

export interface QueuedNotification {
  readonly dedupeKey: string;
  readonly template: NotificationTemplate;
  readonly recipient: string;
  readonly recipientLabel: string;
  readonly itemDocumentId: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/**
 * One message per distinct address. The key names the change (item, template and the occurrence:
 * the escalation count, the deadline warned about …) and the address, so replaying the same
 * change queues nothing new while a later change of the same kind still gets its own message.
 */
export function notificationsFor(change: {
  template: NotificationTemplate;
  itemDocumentId: string;
  occurrence: string;
  recipients: readonly Recipient[];
  data: Readonly<Record<string, unknown>>;
}): QueuedNotification[] {
  const seen = new Set<string>();
  const messages: QueuedNotification[] = [];
  for (const recipient of change.recipients) {
    const email = recipient.email.trim().toLowerCase();
    if (email === '' || seen.has(email)) continue;
    seen.add(email);
    messages.push({
      dedupeKey: `${change.template}:${change.itemDocumentId}:${change.occurrence}:${email}`,
      template: change.template,
      recipient: email,
      recipientLabel: recipient.label,
      itemDocumentId: change.itemDocumentId,
      data: { ...change.data, reason: recipient.reason },
    });
  }
  return messages;
}
