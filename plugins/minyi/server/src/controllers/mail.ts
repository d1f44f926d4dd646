import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { MAIL_PREVIEW_SAMPLES, renderMessage } from '../domain/mail-templates';
import type { MailConfig } from '../config/outbox';

/**
 * The admin's mail page: the outbox by state, the mail the file transport wrote, and a preview
 * of every template. Mail holds recipients' addresses from every unit: the routes need the mailRead permission,
 * which no county role starts with (super admins have it).
 */
const mail = ({ strapi }: { strapi: Core.Strapi }) => {
  const plugin = () => strapi.plugin('minyi');

  function context() {
    return {
      publicUrl: plugin().config('publicUrl') as string,
      timezone: plugin().config('timezone') as string,
      feedbackKey: plugin().config('feedbackKey') as string,
    };
  }

  return {
    /** GET /minyi/mail: transport, outbox counts by state, stored files (newest first). */
    async overview(ctx: Context) {
      const config = plugin().config('mail') as MailConfig;
      const files =
        config.transport === 'file'
          ? await plugin().service('mail-files').list()
          : { total: 0, files: [] };
      ctx.body = {
        data: {
          transport: config.transport,
          directory: config.transport === 'file' ? config.dir : null,
          outbox: await plugin().service('outbox-sender').counts(),
          ...files,
        },
      };
    },

    /** GET /minyi/mail/files/:file: one stored message with its text and HTML. */
    async file(ctx: Context) {
      const found = await plugin()
        .service('mail-files')
        .read(String(ctx.params.file ?? ''));
      if (!found) throw new errors.NotFoundError('没有这封邮件 / no such mail');
      ctx.body = { data: found };
    },

    /** GET /minyi/mail/files/:file/raw: the .eml itself, to open in a mail client. */
    async raw(ctx: Context) {
      const file = String(ctx.params.file ?? '');
      const raw = await plugin().service('mail-files').raw(file);
      if (!raw) throw new errors.NotFoundError('没有这封邮件 / no such mail');
      ctx.set('Content-Disposition', `attachment; filename="${file}"`);
      ctx.type = 'message/rfc822';
      ctx.body = raw;
    },

    /** GET /minyi/mail/previews: every template rendered from example data. */
    async previews(ctx: Context) {
      const mailContext = context();
      ctx.body = {
        data: MAIL_PREVIEW_SAMPLES.map((sample) => ({
          id: sample.id,
          label: sample.label,
          template: sample.template,
          ...renderMessage(sample, mailContext),
        })),
      };
    },
  };
};

export default mail;
