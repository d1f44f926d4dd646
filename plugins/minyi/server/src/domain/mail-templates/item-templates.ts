import { feedbackLink } from '../feedback-token';
import { LEVEL_LABELS_ZH } from '../labels';
import { LEVELS, type Level } from '../vocabulary';
import {
  base,
  type Block,
  compose,
  type Fact,
  formatDateTime,
  type MailContext,
  type RenderedMail,
  text,
} from './layout';

/** The outbox row as the item templates see it. */
export interface ItemMessage {
  readonly recipientLabel: string;
  readonly itemDocumentId: string;
  readonly data: Readonly<Record<string, unknown>>;
}

type Data = Readonly<Record<string, unknown>>;

function levelLabel(value: string): string {
  return (LEVELS as readonly string[]).includes(value) ? LEVEL_LABELS_ZH[value as Level] : value;
}

/** The public tracking page of an item: no personal data, safe to give anyone with the code. */
export function trackingLink(publicUrl: string, trackingCode: string): string {
  return `${base(publicUrl)}/api/items/track/${encodeURIComponent(trackingCode)}`;
}

/** The item in the admin panel, for staff. */
export function adminItemLink(publicUrl: string, itemDocumentId: string): string {
  return `${base(publicUrl)}/admin/content-manager/collection-types/api::item.item/${encodeURIComponent(itemDocumentId)}`;
}

function titleOf(data: Data): string {
  return text(data, 'title') || '(无标题)';
}

/**
 * What a handling unit needs to find and handle the item, and nothing more: no name, phone or email
 * of the resident (the address is where the matter is).
 */
function staffFacts(data: Data, context: MailContext, extra: readonly Fact[] = []): Block {
  return {
    kind: 'facts',
    facts: [
      { label: '事项标题', value: titleOf(data) },
      { label: '查询码', value: text(data, 'trackingCode') },
      { label: '事项分类', value: text(data, 'categoryName') },
      { label: '地址', value: text(data, 'address') },
      { label: '办理层级', value: levelLabel(text(data, 'level')) },
      ...extra,
      { label: '办理时限', value: formatDateTime(text(data, 'dueAt'), context.timezone) },
    ],
  };
}

function staffMail(
  message: ItemMessage,
  context: MailContext,
  subject: string,
  intro: string,
  blocks: readonly Block[]
): RenderedMail {
  const greeting = message.recipientLabel ? `${message.recipientLabel}:您好!` : '您好!';
  return compose(subject, greeting, [
    { kind: 'paragraph', text: intro },
    ...blocks,
    {
      kind: 'link',
      label: '在管理后台办理',
      url: adminItemLink(context.publicUrl, message.itemDocumentId),
    },
  ]);
}

function noteBlock(data: Data, label: string): Block[] {
  const note = text(data, 'note');
  return note ? [{ kind: 'quote', label, text: note }] : [];
}

/** 交办: a unit (grid, township, department) receives an item to handle. */
export function assignedMail(message: ItemMessage, context: MailContext): RenderedMail {
  const { data } = message;
  const due = formatDateTime(text(data, 'dueAt'), context.timezone);
  // A reopened item (the resident or the spot-check callback found it not solved) comes back to the unit.
  if (text(data, 'action') === 'reopen') {
    return staffMail(
      message,
      context,
      `【重新办理】${titleOf(data)}(${text(data, 'trackingCode')})`,
      `以下民意事项经回访未解决,已重新交由你单位办理,请按时限办结${due ? `(${due} 前)` : ''}并在系统中答复。`,
      [staffFacts(data, context), ...noteBlock(data, '重新办理原因')]
    );
  }
  return staffMail(
    message,
    context,
    `【交办】${titleOf(data)}(${text(data, 'trackingCode')})`,
    `现将以下民意事项交由你单位办理,请按时限办结${due ? `(${due} 前)` : ''}并在系统中答复。`,
    [staffFacts(data, context), ...noteBlock(data, '交办说明')]
  );
}

/** 督办: the county coordinator or a leader urges the owning unit, with what they expect. */
export function supervisedMail(message: ItemMessage, context: MailContext): RenderedMail {
  const { data } = message;
  const due = formatDateTime(text(data, 'dueAt'), context.timezone);
  return staffMail(
    message,
    context,
    `【督办】${titleOf(data)}(${text(data, 'trackingCode')})`,
    `县委社会工作部/县领导对以下民意事项进行督办,请你单位高度重视,按督办意见抓紧办理${due ? `,于 ${due} 前办结` : ''}并在系统中答复。`,
    [staffFacts(data, context), ...noteBlock(data, '督办意见')]
  );
}

/** 催办: the deadline is near. */
export function warningMail(message: ItemMessage, context: MailContext): RenderedMail {
  const { data } = message;
  const due = formatDateTime(text(data, 'dueAt'), context.timezone);
  return staffMail(
    message,
    context,
    `【催办】${titleOf(data)} 将于 ${due || '近期'} 到期`,
    `以下民意事项即将超过办理时限${due ? `(${due})` : ''},请抓紧办理,逾期将自动上报上一级。`,
    [staffFacts(data, context)]
  );
}

/** 上报: the item moved one level up (by the sweep, or reported upward by a person). */
export function escalatedMail(message: ItemMessage, context: MailContext): RenderedMail {
  const { data } = message;
  const to = levelLabel(text(data, 'toLevel') || text(data, 'level'));
  const from = levelLabel(text(data, 'fromLevel'));
  const byPerson = text(data, 'action') === 'escalate';
  const intro = byPerson
    ? `以下民意事项已上报至${to}办理。`
    : `以下民意事项超过办理时限未办结,已由系统自动${from ? `从${from}` : ''}上报至${to}办理。`;
  return staffMail(message, context, `【上报】${titleOf(data)} 已上报至${to}`, intro, [
    staffFacts(data, context, from ? [{ label: '原办理层级', value: from }] : []),
    ...noteBlock(data, '上报原因'),
  ]);
}

/** 超期: overdue at county level, for the lead leader and the social work department. */
export function overdueMail(message: ItemMessage, context: MailContext): RenderedMail {
  const { data } = message;
  return staffMail(
    message,
    context,
    `【超期】${titleOf(data)} 县级办理已超期`,
    '以下民意事项在县级办理已超过时限,提请领办领导关注,并将纳入下期通报。',
    [staffFacts(data, context)]
  );
}

/** 延期审批结果: an extension request was approved or rejected. */
export function extensionDecidedMail(message: ItemMessage, context: MailContext): RenderedMail {
  const { data } = message;
  const approved = text(data, 'action') !== 'reject-extension';
  const due = formatDateTime(text(data, 'dueAt'), context.timezone);
  return staffMail(
    message,
    context,
    `【延期审批结果】${titleOf(data)}:${approved ? '同意延期' : '不同意延期'}`,
    approved
      ? `你单位的延期申请已获批准,新的办理时限为 ${due}。`
      : '你单位的延期申请未获批准,请在原时限内办结。',
    [staffFacts(data, context), ...noteBlock(data, approved ? '审批意见' : '不同意的理由')]
  );
}

/** 办结, to staff: the item they are accountable for was resolved. */
function resolvedStaffMail(message: ItemMessage, context: MailContext): RenderedMail {
  const { data } = message;
  const reply = text(data, 'reply');
  return staffMail(
    message,
    context,
    `【办结】${titleOf(data)}(${text(data, 'trackingCode')})`,
    '以下民意事项已办结,等待回访评价。',
    [
      staffFacts(data, context),
      ...(reply ? [{ kind: 'quote', label: '办理答复', text: reply } as const] : []),
    ]
  );
}

/**
 * 办结, to the resident: the answer, where to follow the item and how to rate it. Carries nothing
 * about the staff who handled it (no names, no phones, no addresses), only the unit's answer.
 */
function resolvedResidentMail(message: ItemMessage, context: MailContext): RenderedMail {
  const { data } = message;
  const code = text(data, 'trackingCode');
  const reply = text(data, 'reply');
  return compose(`您反映的事项已办结(查询码 ${code})`, '您好:', [
    {
      kind: 'paragraph',
      text: `您通过民意直通车反映的“${titleOf(data)}”(查询码 ${code})已办理完结。`,
    },
    ...(reply ? [{ kind: 'quote', label: '办理答复', text: reply } as const] : []),
    { kind: 'link', label: '查看办理进度', url: trackingLink(context.publicUrl, code) },
    {
      kind: 'link',
      label: '评价办理结果',
      url: feedbackLink(context.publicUrl, code, context.feedbackKey),
    },
    {
      kind: 'paragraph',
      text: '如您对办理结果不满意,可通过上面的评价链接告诉我们,我们将重新办理。感谢您的支持!',
    },
  ]);
}

/** 办结: the resident's variant when the message is for the resident (data.reason), else the staff one. */
export function resolvedMail(message: ItemMessage, context: MailContext): RenderedMail {
  return text(message.data, 'reason') === 'resident'
    ? resolvedResidentMail(message, context)
    : resolvedStaffMail(message, context);
}
