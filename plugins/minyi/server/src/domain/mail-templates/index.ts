import type { NotificationTemplate } from '../notifications';
import {
  assignedMail,
  escalatedMail,
  extensionDecidedMail,
  type ItemMessage,
  overdueMail,
  resolvedMail,
  supervisedMail,
  warningMail,
} from './item-templates';
import type { MailContext, RenderedMail } from './layout';
import { noticeMail } from './notice-template';
import { invitationMail } from './invitation-template';
import { noticeStepMail } from './notice-step-template';

export type { MailContext, RenderedMail } from './layout';
export { adminItemLink, trackingLink } from './item-templates';
export { NOTICE_KIND_LABELS_ZH } from './notice-template';
export { MAIL_PREVIEW_SAMPLES, type MailPreviewSample } from './samples';

/** An outbox row as the templates see it. */
export interface OutboxMessageView extends ItemMessage {
  readonly template: string;
}

const RENDERERS: Readonly<
  Record<NotificationTemplate, (message: OutboxMessageView, context: MailContext) => RenderedMail>
> = {
  assigned: assignedMail,
  warning: warningMail,
  escalated: escalatedMail,
  overdue: overdueMail,
  'extension-decided': extensionDecidedMail,
  resolved: resolvedMail,
  supervised: supervisedMail,
  notice: noticeMail,
  invitation: invitationMail,
  'notice-step': noticeStepMail,
};

export const TEMPLATE_LABELS_ZH: Readonly<Record<NotificationTemplate, string>> = {
  assigned: '交办',
  warning: '催办',
  escalated: '上报',
  overdue: '超期',
  'extension-decided': '延期审批结果',
  resolved: '办结',
  supervised: '督办',
  notice: '通报/整改通知书/报告',
  invitation: '账号邀请',
  'notice-step': '整改通知书办理(签收、整改报告、审核)',
};

export class UnknownTemplateError extends Error {
  constructor(readonly template: string) {
    super(`unknown mail template "${template}"`);
  }
}

export function isKnownTemplate(template: string): template is NotificationTemplate {
  return Object.prototype.hasOwnProperty.call(RENDERERS, template);
}

/** Renders a queued message into subject, text and HTML. Pure: the same row and context give the same mail. */
export function renderMessage(message: OutboxMessageView, context: MailContext): RenderedMail {
  if (!isKnownTemplate(message.template)) throw new UnknownTemplateError(message.template);
  return RENDERERS[message.template](message, context);
}
