import { randomBytes } from 'crypto';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { dueAtFor } from '../domain/deadlines';
import { channelOfTokenDescription } from '../domain/partner-channel';
import { RECEIPT_SECRET_BYTES, receiptSecretFromBytes } from '../domain/receipt-secret';
import { parseFeedback } from '../domain/resident-feedback';
import { parseSubmission } from '../domain/submission';
import { multipartPhotos, multipartBody, removeIncoming } from './multipart';
import type { SubmissionSource } from '../services/intake/public-submission';
import type { RateLimitKind } from '../services/intake/rate-limits';
import { feedbackFormPage, messagePage } from './feedback-page';
import { answeringRefusals, Refusal } from '../refusal';
import { minyiService } from '../plugin';

interface TokenCredentials {
  id: number;
  name: string;
  description?: string | null;
}

/** Strategies that authenticate a content-API token (the name changed across Strapi 5 minors). */
const TOKEN_STRATEGIES = new Set(['content-api-token', 'api-token']);

/**
 * The public and partner routes: submit (POST /api/items), track (GET /api/items/track/:code),
 * feedback (GET shows a form, POST records it). Answers are Strapi's `{ data }` / `{ error }` shapes;
 * refusals carry Chinese and English, field by field for bad input.
 */
const publicItems = ({ strapi }: { strapi: Core.Strapi }) => {
  /** Runs a handler, turning every known refusal into its status; anything else is a real server error. */
  async function guarded(
    ctx: Context,
    limit: { kind: RateLimitKind; key: string },
    handler: () => Promise<void>
  ) {
    await answeringRefusals(
      ctx,
      async () => {
        await minyiService(strapi, 'rate-limits').consume(limit.kind, limit.key);
        await handler();
      },
      { problemsByPath: true }
    );
  }

  function sourceOf(ctx: Context): SubmissionSource {
    const auth = ctx.state.auth as
      { strategy?: { name?: string }; credentials?: TokenCredentials } | undefined;
    if (auth?.strategy?.name && TOKEN_STRATEGIES.has(auth.strategy.name) && auth.credentials) {
      const token = auth.credentials;
      const channel = channelOfTokenDescription(token.description);
      if (channel === null) {
        throw new Refusal(403, 'TOKEN_WITHOUT_CHANNEL', {
          zh: '该 API 令牌未指定收集渠道(在令牌说明中写 channel: 渠道代码)',
          en: 'This API token is not fixed to a channel (write "channel: <code>" in its description)',
        });
      }
      return { channel, partnerTokenId: Number(token.id), actorLabel: `${token.name}(合作方接口)` };
    }
    return { channel: 'website', actorLabel: '群众(网站)' };
  }

  function partnerKey(ctx: Context): string | null {
    const auth = ctx.state.auth as
      { strategy?: { name?: string }; credentials?: TokenCredentials } | undefined;
    return auth?.strategy?.name && TOKEN_STRATEGIES.has(auth.strategy.name) && auth.credentials
      ? `token:${auth.credentials.id}`
      : null;
  }

  /** A receipt that looks real to a bot that filled the honeypot; nothing is stored, the code tracks to 404. */
  function decoyReceipt() {
    const now = new Date();
    const limits = minyiService(strapi, 'calendar').limitsOf(null);
    return {
      trackingCode: minyiService(strapi, 'item-identity').newTrackingCode(),
      receiptSecret: receiptSecretFromBytes(randomBytes(RECEIPT_SECRET_BYTES)),
      status: 'submitted',
      level: 'grid',
      dueAt: dueAtFor(minyiService(strapi, 'calendar').get(), limits, 'grid', now).toISOString(),
    };
  }

  const trackingCodeOf = (ctx: Context) =>
    String((ctx.params as { trackingCode?: string }).trackingCode ?? '').slice(0, 64);
  const tokenOf = (ctx: Context) => {
    const token = (ctx.query as Record<string, unknown>).token;
    return typeof token === 'string' && token !== '' ? token.slice(0, 128) : undefined;
  };
  const isFormPost = (ctx: Context) =>
    ctx.is('application/x-www-form-urlencoded') === 'application/x-www-form-urlencoded';

  /** The HTML form's fields → the JSON body the API takes. */
  function bodyOfForm(form: Record<string, unknown>): unknown {
    const solved = form.solved === 'yes' ? true : form.solved === 'no' ? false : form.solved;
    return {
      data: {
        solved,
        satisfaction: form.satisfaction,
        ...(typeof form.receiptSecret === 'string' && form.receiptSecret !== ''
          ? { receiptSecret: form.receiptSecret }
          : {}),
      },
    };
  }

  function html(ctx: Context, status: number, body: string) {
    ctx.status = status;
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = body;
  }

  return {
    async submit(ctx: Context) {
      const partner = partnerKey(ctx);
      // The request's temporary upload files go, whatever the answer (the photo service removes its own copies).
      await removeIncoming(ctx, () =>
        guarded(
          ctx,
          partner ? { kind: 'partner', key: partner } : { kind: 'submit', key: ctx.request.ip },
          async () => {
            const source = sourceOf(ctx);
            // multipart/form-data: `data` is the JSON the JSON body carries, photos are the `photos` files.
            const parsed = parseSubmission(multipartBody(ctx));
            if (!parsed.ok)
              throw new Refusal(
                400,
                'INVALID_INPUT',
                { zh: '提交内容有误', en: 'Invalid submission' },
                parsed.problems
              );
            if (parsed.honeypotFilled) {
              strapi.log.info(
                `[minyi] a submission with the honeypot filled was answered with a decoy receipt (ip ${ctx.request.ip})`
              );
              ctx.status = 201;
              ctx.body = { data: decoyReceipt() };
              return;
            }
            const receipt = await minyiService(strapi, 'public-submission').submit(
              parsed.input,
              source,
              new Date(),
              { photos: multipartPhotos(ctx) }
            );
            ctx.status = 201;
            ctx.body = { data: receipt };
          }
        )
      );
    },

    async track(ctx: Context) {
      await guarded(ctx, { kind: 'track', key: ctx.request.ip }, async () => {
        const view = await minyiService(strapi, 'public-tracking').find(trackingCodeOf(ctx));
        if (!view)
          throw new Refusal(404, 'NOT_FOUND', {
            zh: '查询码不存在',
            en: 'No item has this tracking code',
          });
        ctx.body = { data: view };
      });
    },

    /** The link in the resolution mail: a small form (GET), posting back to the same address. */
    async feedbackForm(ctx: Context) {
      await guarded(ctx, { kind: 'feedback', key: ctx.request.ip }, async () => {
        try {
          const form = await minyiService(strapi, 'resident-feedback').formFor(
            trackingCodeOf(ctx),
            {
              token: tokenOf(ctx),
            }
          );
          if (!form.open) return html(ctx, 409, messagePage('无法评价', form.reason?.zh ?? ''));
          return html(ctx, 200, feedbackFormPage(form));
        } catch (error) {
          if (error instanceof Refusal)
            return html(ctx, error.status, messagePage('无法评价', error.reason.zh));
          throw error;
        }
      });
    },

    async feedback(ctx: Context) {
      const form = isFormPost(ctx);
      await guarded(ctx, { kind: 'feedback', key: ctx.request.ip }, async () => {
        const body = form
          ? bodyOfForm((ctx.request.body ?? {}) as Record<string, unknown>)
          : ctx.request.body;
        const parsed = parseFeedback(body);
        try {
          if (!parsed.ok)
            throw new Refusal(
              400,
              'INVALID_INPUT',
              { zh: '评价内容有误', en: 'Invalid feedback' },
              parsed.problems
            );
          const { receiptSecret, ...input } = parsed.input;
          const result = await minyiService(strapi, 'resident-feedback').give(
            trackingCodeOf(ctx),
            input,
            {
              receiptSecret,
              token: tokenOf(ctx),
            }
          );
          if (form)
            return html(
              ctx,
              200,
              messagePage(
                '感谢您的评价',
                result.solved ? '您的评价已记录。' : '您的反馈已记录,事项已重新交由工作人员办理。'
              )
            );
          ctx.body = { data: result };
        } catch (error) {
          if (form && error instanceof Refusal)
            return html(ctx, error.status, messagePage('无法评价', error.reason.zh));
          throw error;
        }
      });
    },
  };
};

export default publicItems;
