import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { MAIL_PREVIEW_SAMPLES, renderMessage } from '../domain/mail-templates';
import { minyiConfig, minyiService } from '../plugin';
import { mailContextOf } from '../services/mail/mail-context';

interface AdminUser {
  roles?: Array<{ code?: string }>;
}

/**
 * The admin's mail page: the outbox by state, the mail the file transport wrote, and a preview
 * of every template. Mail holds recipients' addresses from every unit, so only super admins see it.
 */
const mail = ({ strapi }: { strapi: Core.Strapi }) => {
  function requireSuperAdmin(ctx: Context): void {
    const user = ctx.state.user as AdminUser | undefined;
    if (!user?.roles?.some((role) => role.code === 'strapi-super-admin')) {
      throw new errors.ForbiddenError(
        '只有超级管理员可以查看邮件 / only super admins may read mail'
      );
    }
  }

  return {
    /** GET /minyi/mail: transport, outbox counts by state, stored files (newest first). */
    async overview(ctx: Context) {
      requireSuperAdmin(ctx);
      const config = minyiConfig(strapi).mail;
      const files =
        config.transport === 'file'
          ? await minyiService(strapi, 'mail-files').list()
          : { total: 0, files: [] };
      ctx.body = {
        data: {
          transport: config.transport,
          directory: config.transport === 'file' ? config.dir : null,
          outbox: await minyiService(strapi, 'outbox-sender').counts(),
          ...files,
        },
      };
    },

    /** GET /minyi/mail/files/:file: one stored message with its text and HTML. */
    async file(ctx: Context) {
      requireSuperAdmin(ctx);
      const found = await minyiService(strapi, 'mail-files').read(String(ctx.params.file ?? ''));
      if (!found) throw new errors.NotFoundError('没有这封邮件 / no such mail');
      ctx.body = { data: found };
    },

    /** GET /minyi/mail/files/:file/raw: the .eml itself, to open in a mail client. */
    async raw(ctx: Context) {
      requireSuperAdmin(ctx);
      const file = String(ctx.params.file ?? '');
      const raw = await minyiService(strapi, 'mail-files').raw(file);
      if (!raw) throw new errors.NotFoundError('没有这封邮件 / no such mail');
      ctx.set('Content-Disposition', `attachment; filename="${file}"`);
      ctx.type = 'message/rfc822';
      ctx.body = raw;
    },

    /** GET /minyi/mail/previews: every template rendered from example data. */
    async previews(ctx: Context) {
      requireSuperAdmin(ctx);
      const mailContext = mailContextOf(strapi);
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
