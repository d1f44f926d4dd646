import path from 'path';
import type { Core } from '@strapi/strapi';
import { fileTransport } from './file-transport';

type Env = Core.Config.Shared.ConfigParams['env'];

export interface MailSettings {
  /** smtp: SMTP_HOST is set; file: the embedded default, `.eml` files in `dir`. */
  transport: 'smtp' | 'file';
  /** Where the file transport writes (MINYI_MAIL_DIR, default .tmp/mail), absolute. */
  dir: string;
}

export function mailSettings(env: Env): MailSettings {
  return {
    transport: env('SMTP_HOST', '') ? 'smtp' : 'file',
    dir: path.resolve(process.cwd(), env('MINYI_MAIL_DIR', '.tmp/mail')),
  };
}

/**
 * Strapi's email plugin with @strapi/provider-email-nodemailer: SMTP when SMTP_HOST is set, else
 * nodemailer with a transport that writes `.eml` files, so a newcomer's app runs and its mail can
 * be read in the admin (民意直通车 → 邮件).
 */
export function emailPluginConfig(env: Env) {
  const settings = mailSettings(env);
  const user = env('SMTP_USER', '');
  const smtp = {
    host: env('SMTP_HOST', ''),
    port: env.int('SMTP_PORT', 587),
    secure: env.bool('SMTP_SECURE', false),
    ...(user ? { auth: { user, pass: env('SMTP_PASSWORD', '') } } : {}),
    // One reused connection per instance; the outbox sends one message at a time anyway.
    pool: true,
    maxConnections: 1,
    // A hung server must not hold a batch past its claim lease (MINYI_OUTBOX_CLAIM_LEASE_MS).
    connectionTimeout: env.int('SMTP_CONNECTION_TIMEOUT_MS', 10000),
    greetingTimeout: env.int('SMTP_CONNECTION_TIMEOUT_MS', 10000),
    socketTimeout: env.int('SMTP_SOCKET_TIMEOUT_MS', 60000),
  };
  return {
    config: {
      provider: 'nodemailer',
      providerOptions: settings.transport === 'smtp' ? smtp : fileTransport(settings.dir),
      settings: {
        defaultFrom: env('SMTP_FROM', '民意直通车 <no-reply@minyi.localhost>'),
        defaultReplyTo: env('SMTP_REPLY_TO', '') || undefined,
      },
    },
  };
}
