import fs from 'fs';
import path from 'path';
import type { StoredMail } from '../../plugins/minyi/shared/mail';

/** The part of nodemailer's MailMessage a transport uses (nodemailer's own typings are not a dependency of the app). */
interface MailMessage {
  data: { subject?: unknown; text?: unknown; html?: unknown };
  message: {
    build(callback: (error: Error | null, raw: Buffer) => void): void;
    messageId(): string;
    getEnvelope(): { from: string | false; to: string[] };
  };
}

/** A file name from a Message-ID: the same message always lands in the same file. */
export function mailFileName(messageId: string): string {
  const core = messageId
    .replace(/^<|>$/g, '')
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .slice(0, 120);
  return `${core || 'message'}.eml`;
}

/**
 * The embedded default when no SMTP server is configured: a nodemailer transport that writes each
 * message as an RFC 822 `.eml` file (openable in any mail client) plus a small `.json` with its
 * subject and recipients for the admin's list. Files are named by Message-ID, so sending the same
 * notification again replaces its file instead of adding a second one.
 */
export function fileTransport(directory: string) {
  return {
    name: 'minyi-file',
    version: '1.0.0',
    /** The email settings page's "verify": the directory can be written. Callback or promise, as nodemailer's own transports. */
    verify(callback?: (error: Error | null, success?: boolean) => void): Promise<boolean> | void {
      const check = (): boolean => {
        fs.mkdirSync(directory, { recursive: true });
        fs.accessSync(directory, fs.constants.W_OK);
        return true;
      };
      if (!callback)
        return new Promise((resolve, reject) => {
          try {
            resolve(check());
          } catch (error) {
            reject(error);
          }
        });
      try {
        callback(null, check());
      } catch (error) {
        callback(error as Error);
      }
    },
    /** Nothing to close or wait for: every message is written before send() answers. */
    close(): void {},
    isIdle(): boolean {
      return true;
    },
    send(mail: MailMessage, callback: (error: Error | null, info?: unknown) => void): void {
      mail.message.build((buildError, raw) => {
        if (buildError) return callback(buildError);
        try {
          const messageId = mail.message.messageId();
          const envelope = mail.message.getEnvelope();
          const file = mailFileName(messageId);
          fs.mkdirSync(directory, { recursive: true });
          const meta: StoredMail = {
            file,
            messageId,
            subject: typeof mail.data.subject === 'string' ? mail.data.subject : '',
            to: envelope.to,
            from: envelope.from || '',
            storedAt: new Date().toISOString(),
            size: raw.length,
            text: typeof mail.data.text === 'string' ? mail.data.text : '',
            html: typeof mail.data.html === 'string' ? mail.data.html : '',
          };
          // Written under a temporary name and renamed: a reader never sees half a message.
          const target = path.join(directory, file);
          fs.writeFileSync(`${target}.tmp`, raw);
          fs.renameSync(`${target}.tmp`, target);
          fs.writeFileSync(target.replace(/\.eml$/, '.json'), JSON.stringify(meta));
          callback(null, {
            envelope,
            messageId,
            accepted: envelope.to,
            rejected: [],
            response: `stored ${file}`,
            path: target,
          });
        } catch (error) {
          callback(error as Error);
        }
      });
    },
  };
}
