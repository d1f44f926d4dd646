import type { ItemEventType, Level, StaffRole } from './vocabulary';

/** Who is told when an item lands at a level (besides lead departments and the first responder). */
export const OWNER_ROLES_AT_LEVEL: Readonly<Record<Level, readonly StaffRole[]>> = {
  grid: ['grid-head', 'grid-member'],
  township: ['township-officer'],
  county: ['county-coordinator'],
};

export type NotificationTemplate = 'assigned' | 'warning' | 'escalated' | 'overdue' | 'extension-decided' | 'resolved';

/** The sweep's and the workflow's events that send mail, and the template each uses. */
export const TEMPLATE_OF_EVENT: Partial<Record<ItemEventType, NotificationTemplate>> = {
  assigned: 'assigned',
  warned: 'warning',
  escalated: 'escalated',
  'overdue-flagged': 'overdue',
  extended: 'extension-decided',
  resolved: 'resolved',
};

export interface Recipient {
  readonly email: string;
  readonly label: string;
  /** Why this person is told: owner, first-responder, leader, lead-department. */
  readonly reason: 'owner' | 'first-responder' | 'leader' | 'lead-department';
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
