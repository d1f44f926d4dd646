import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { minyiService } from '../plugin';
import { answeringRefusals, Refusal } from '../refusal';
import { requireAdminActor } from './admin-actor';

/** Notices (通报、整改通知书、报告): acknowledgement (签收) and rectification (整改), for administrators. */
const notices = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** POST /minyi/notices/:documentId/acknowledge: issued → acknowledged, who and when. */
  async acknowledge(ctx: Context) {
    const { documentId } = ctx.params as { documentId: string };
    await answeringRefusals(ctx, async () => {
      const actor = await requireAdminActor(strapi, ctx);
      ctx.body = {
        data: await minyiService(strapi, 'notices').acknowledge(documentId, actor.label),
      };
    });
  },

  /** POST /minyi/notices/:documentId/rectified with { data: { note } }: acknowledged → rectified. */
  async rectified(ctx: Context) {
    const { documentId } = ctx.params as { documentId: string };
    await answeringRefusals(ctx, async () => {
      const actor = await requireAdminActor(strapi, ctx);
      const body = (ctx.request.body as { data?: { note?: unknown } } | undefined)?.data ?? {};
      const note = typeof body.note === 'string' ? body.note.trim() : '';
      if (note.length < 2 || note.length > 2000) {
        throw new Refusal(
          400,
          'INVALID_INPUT',
          {
            zh: '请填写整改情况说明(2–2000 字)',
            en: 'note: describe the rectification (2–2000 characters)',
          },
          [{ field: 'note', message: 'required, 2–2000 characters' }]
        );
      }
      ctx.body = {
        data: await minyiService(strapi, 'notices').markRectified(documentId, actor.label, note),
      };
    });
  },
});

export default notices;
