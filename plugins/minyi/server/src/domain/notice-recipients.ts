/** Someone a notice's mail goes to: an address and how the outbox names them. */
export interface NoticeRecipient {
  email: string;
  label: string;
}

/**
 * Each address once (trimmed, lower-cased: the outbox keys a notice's mail by address), empty
 * ones dropped, in the order given; the first label given for an address is kept.
 */
export function distinctRecipients(recipients: readonly NoticeRecipient[]): NoticeRecipient[] {
  const seen = new Map<string, NoticeRecipient>();
  for (const recipient of recipients) {
    const email = recipient.email.trim().toLowerCase();
    if (email !== '' && !seen.has(email)) seen.set(email, { email, label: recipient.label });
  }
  return [...seen.values()];
}
