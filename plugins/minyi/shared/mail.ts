/**
 * A stored mail: what the app's file transport (src/mail/file-transport.ts) writes beside each
 * .eml, what the plugin's mail-files service reads back, and what the admin's mail page lists.
 */
export interface StoredMail {
  file: string;
  messageId: string;
  subject: string;
  to: string[];
  from: string;
  storedAt: string;
  size: number;
  /** The text and HTML bodies as sent, so the admin can show the message without a MIME parser. */
  text: string;
  html: string;
}

/** A stored mail in the list, without its bodies. */
export type StoredMailSummary = Omit<StoredMail, 'text' | 'html'>;
