import { NOTICE_STEP_LABELS_ZH, type NoticeStep } from '../notice-review';
import {
  type Block,
  compose,
  formatDateTime,
  type MailContext,
  type RenderedMail,
  text,
} from './layout';

const isStep = (value: string): value is NoticeStep =>
  Object.prototype.hasOwnProperty.call(NOTICE_STEP_LABELS_ZH, value);

/**
 * A step on a rectification notice (签收, 整改报告, 整改通过, 退回重报), to the coordinator or the
 * unit: data { noticeDocumentId, title, unitName, step, by, at, text? } — plain values from the
 * notice service; the report or the reason is quoted (escaped by the layout).
 */
export function noticeStepMail(
  message: { recipientLabel: string; data: Readonly<Record<string, unknown>> },
  context: MailContext
): RenderedMail {
  const { data } = message;
  const stepText = text(data, 'step');
  const step = isStep(stepText) ? NOTICE_STEP_LABELS_ZH[stepText] : '办理';
  const title = text(data, 'title');
  const unit = text(data, 'unitName');
  const at = text(data, 'at');
  const body = text(data, 'text');
  const blocks: Block[] = [
    {
      kind: 'facts',
      facts: [
        { label: '通知', value: title },
        { label: '单位', value: unit || '—' },
        { label: '办理', value: step },
        { label: '办理人', value: text(data, 'by') },
        { label: '时间', value: at ? formatDateTime(at, context.timezone) : '' },
      ],
    },
  ];
  if (body)
    blocks.push({
      kind: 'quote',
      label: stepText === 'return' ? '退回理由' : '整改报告',
      text: body,
    });
  if (stepText === 'return')
    blocks.push({ kind: 'paragraph', text: '请按退回理由补充整改,并在系统中重新提交整改报告。' });
  if (stepText === 'report')
    blocks.push({ kind: 'paragraph', text: '请在“通报与整改”中审核该整改报告。' });
  blocks.push({
    kind: 'link',
    label: '在系统中查看',
    url: `${context.publicUrl.replace(/\/$/, '')}/admin/plugins/minyi/notices/${encodeURIComponent(text(data, 'noticeDocumentId'))}`,
  });
  return compose(`【整改通知书·${step}】${title}`, `${message.recipientLabel || '您好'}:`, blocks);
}
