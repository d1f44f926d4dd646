import type { NotificationTemplate, Recipient } from './notifications';
import type { Action } from './state-machine';
import type { ItemEventType, Level } from './vocabulary';

/**
 * Who a mail about an item is for. The shell resolves each for the item at hand:
 * - owners: staff holding the level's owner roles (OWNER_ROLES_AT_LEVEL) on the item's assigned grid;
 * - lead-department: the lead department's contact address;
 * - leader: the lead leader (领办领导);
 * - first-responder: the staff member who registered the item (首问负责人);
 * - county-coordinators: the county social work department's coordinators;
 * - resident: the person who reported it, only with an address and their consent (residentRecipient).
 */
export const AUDIENCES = [
  'owners',
  'lead-department',
  'leader',
  'first-responder',
  'county-coordinators',
  'resident',
] as const;
export type Audience = (typeof AUDIENCES)[number];

/** The mail an event of an item sends: its template and its audience, in the order they are told. */
export interface EventMail {
  readonly template: NotificationTemplate;
  readonly audience: readonly Audience[];
}

/** What happened to an item, as the mail rule needs to know it. */
export interface MailOccasion {
  readonly event: ItemEventType;
  /** A person's (or a partner's) change through the intake or the workflow, or the escalation sweep's. */
  readonly by: 'person' | 'sweep';
  /** The workflow's move, for a person's change (a refused extension is recorded as 'commented'). */
  readonly action?: Action;
  /** The level the item is at after the change. */
  readonly level: Level;
}

const TO_OWNING_UNIT: readonly Audience[] = ['owners', 'lead-department', 'leader'];

/** The events that send mail, and what each sends; an event not listed sends none. */
const MAIL_OF_EVENT: Partial<Record<ItemEventType, EventMail>> = {
  // A new item: the owners it is routed to and the category's default department.
  created: { template: 'assigned', audience: ['owners', 'lead-department'] },
  assigned: { template: 'assigned', audience: TO_OWNING_UNIT },
  // A reopened item (the callback says not solved) goes back to the unit that owns it.
  reopened: { template: 'assigned', audience: TO_OWNING_UNIT },
  // 督办 urges the same owners.
  supervised: { template: 'supervised', audience: TO_OWNING_UNIT },
  extended: { template: 'extension-decided', audience: ['first-responder'] },
  // A person who escalates has the item in hand; the first responder is told (the sweep: below).
  escalated: { template: 'escalated', audience: ['first-responder'] },
  resolved: { template: 'resolved', audience: ['first-responder', 'leader', 'resident'] },
  warned: { template: 'warning', audience: ['owners', 'first-responder'] },
  'overdue-flagged': { template: 'overdue', audience: ['leader', 'county-coordinators'] },
};

/**
 * The one audience rule: which template an event of an item sends and to whom; null when it sends
 * none. The sweep's escalation hands the item to the owners at its new level (and, at the county,
 * to the coordinators) besides its first responder. A refused extension is recorded as a comment
 * (the app has no "extension-rejected" event) and told like a decided one.
 */
export function mailOfEvent(occasion: MailOccasion): EventMail | null {
  if (occasion.event === 'commented')
    return occasion.action === 'reject-extension'
      ? { template: 'extension-decided', audience: ['first-responder'] }
      : null;
  if (occasion.event === 'escalated' && occasion.by === 'sweep')
    return {
      template: 'escalated',
      audience:
        occasion.level === 'county'
          ? ['owners', 'county-coordinators', 'first-responder']
          : ['owners', 'first-responder'],
    };
  return MAIL_OF_EVENT[occasion.event] ?? null;
}

/** The people of each audience, as the shell found them for one item. */
export type AudienceContacts = Partial<Record<Audience, readonly Recipient[]>>;

/** The recipients of a mail: the contacts of its audience, in the audience's order. */
export function recipientsOf(
  audience: readonly Audience[],
  contacts: AudienceContacts
): Recipient[] {
  return audience.flatMap((who) => contacts[who] ?? []);
}

/** The resident is told only when they gave an email address and agreed to mail. */
export function residentRecipient(item: {
  readonly submitterEmail: string | null;
  readonly emailConsent: boolean;
}): Recipient[] {
  const email = item.submitterEmail?.trim();
  return item.emailConsent === true && email
    ? [{ email, label: '反映人', reason: 'resident' }]
    : [];
}
