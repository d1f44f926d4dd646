import type { Core } from '@strapi/strapi';
import { isValidFeedbackToken } from '../../domain/feedback-token';
import { isReceiptSecret } from '../../domain/receipt-secret';
import {
  decideFeedback,
  type FeedbackInput,
  SATISFACTION_LABELS_ZH,
} from '../../domain/resident-feedback';
import { isWellFormedTrackingCode, normaliseTrackingCode } from '../../domain/tracking-code';
import type { ItemStatus } from '../../domain/vocabulary';
import type { Actor } from '../handling/workflow';
import { minyiConfig, minyiService } from '../../plugin';
import { Refusal } from '../../refusal';
import { itemsRepository } from '../../repositories/items';

type Connection = Core.Strapi['db']['connection'];

/** How the resident proves the item is theirs: the receipt secret, or the signed link from the resolution mail. */
export interface FeedbackCredentials {
  receiptSecret?: string;
  token?: string;
}

const RESIDENT: Actor = { role: 'resident', label: '群众' };

function asDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  return new Date(
    typeof value === 'number' ? value : /^\d+$/.test(String(value)) ? Number(value) : String(value)
  );
}

const NOT_FOUND = () =>
  new Refusal(404, 'NOT_FOUND', {
    zh: '查询码不存在',
    en: 'No item has this tracking code',
  });

/**
 * 群众评价: "solved?" and satisfaction on a resolved item. Solved closes it, not solved reopens it —
 * both through the workflow service as the resident, in the same transaction as the callback
 * fields and the "callback" event.
 */
const residentFeedback = ({ strapi }: { strapi: Core.Strapi }) => {
  async function load(typedCode: string) {
    const code = normaliseTrackingCode(typedCode);
    if (!isWellFormedTrackingCode(code)) return null;
    return itemsRepository(strapi).forFeedback(code);
  }

  function checkCredentials(
    trackingCode: string,
    storedHash: string | null,
    credentials: FeedbackCredentials
  ): void {
    const key = minyiConfig(strapi).feedbackKey;
    if (credentials.token === undefined && credentials.receiptSecret === undefined) {
      throw new Refusal(401, 'CREDENTIALS_REQUIRED', {
        zh: '请提供回执密钥或邮件中的评价链接',
        en: 'Give the receipt secret or use the link from the mail',
      });
    }
    const valid =
      (credentials.token !== undefined &&
        isValidFeedbackToken(trackingCode, credentials.token, key)) ||
      (credentials.receiptSecret !== undefined &&
        isReceiptSecret(credentials.receiptSecret, storedHash));
    if (!valid)
      throw new Refusal(403, 'WRONG_CREDENTIALS', {
        zh: '回执密钥或评价链接不正确',
        en: 'The receipt secret or the feedback link is not valid',
      });
  }

  return {
    /** What the feedback form shows; checks the credentials like the feedback itself. */
    async formFor(typedCode: string, credentials: FeedbackCredentials) {
      const item = await load(typedCode);
      if (!item) throw NOT_FOUND();
      checkCredentials(item.trackingCode, item.receiptSecretHash, credentials);
      const decision = decideFeedback(
        {
          status: item.state,
          resolvedAt: asDate(item.resolvedAt),
          callbackAt: asDate(item.callbackAt),
        },
        true
      );
      return {
        trackingCode: item.trackingCode as string,
        title: item.title as string,
        status: item.state,
        open: decision.ok,
        reason: decision.ok ? null : decision.reason,
      };
    },

    async give(
      typedCode: string,
      input: FeedbackInput,
      credentials: FeedbackCredentials,
      now: Date = new Date()
    ) {
      const item = await load(typedCode);
      if (!item) throw NOT_FOUND();
      checkCredentials(item.trackingCode, item.receiptSecretHash, credentials);
      const decision = decideFeedback(
        {
          status: item.state,
          resolvedAt: asDate(item.resolvedAt),
          callbackAt: asDate(item.callbackAt),
        },
        input.solved
      );
      if (!decision.ok) throw new Refusal(409, decision.code, decision.reason);

      return strapi.db.transaction(async ({ trx }: { trx: Connection }) => {
        // The claim: of two feedbacks at once on the same resolution, one is recorded.
        const claimed = await itemsRepository(strapi).claimFeedback(
          trx,
          item.id,
          { satisfaction: input.satisfaction, solved: input.solved },
          now
        );
        if (!claimed) {
          throw new Refusal(409, 'FEEDBACK_ALREADY_GIVEN', {
            zh: '本次办理结果已评价过',
            en: 'Feedback on this resolution has already been given',
          });
        }
        await minyiService(strapi, 'change-log').appendEvents(trx, [
          {
            itemId: item.id,
            type: 'callback',
            fromStatus: item.state,
            toStatus: item.state,
            actorLabel: RESIDENT.label,
            at: now,
            note: `${input.solved ? '已解决' : '未解决'},${SATISFACTION_LABELS_ZH[input.satisfaction]}`,
          },
        ]);
        let status: ItemStatus = item.state;
        if (decision.action !== null) {
          const reason = { reason: '群众反馈问题未解决 / the resident says it is not solved' };
          const moved = await minyiService(strapi, 'workflow').act(
            item.documentId,
            decision.action,
            RESIDENT,
            decision.action === 'reopen' ? reason : {},
            now
          );
          status = moved.state as ItemStatus;
        }
        return {
          trackingCode: item.trackingCode as string,
          status,
          solved: input.solved,
          satisfaction: input.satisfaction,
        };
      });
    },
  };
};

export default residentFeedback;
