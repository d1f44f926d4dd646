import type { NoticeKind } from '../notifications';
import {
  type Block,
  compose,
  formatDate,
  type MailContext,
  type RenderedMail,
  text,
} from './layout';

export const NOTICE_KIND_LABELS_ZH: Readonly<Record<NoticeKind, string>> = {
  rectification: '整改通知书',
  bulletin: '通报',
  'special-report': '民意专报',
  weekly: '周调度',
  monthly: '月研判',
  quarterly: '季汇报',
};

function isNoticeKind(value: string): value is NoticeKind {
  return Object.prototype.hasOwnProperty.call(NOTICE_KIND_LABELS_ZH, value);
}

function strings(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((entry): entry is string => typeof entry === 'string')
    : [];
}

function tableOf(value: unknown): Block[] {
  if (!value || typeof value !== 'object') return [];
  const { columns, rows } = value as { columns?: unknown; rows?: unknown };
  const header = strings(columns);
  if (header.length === 0 || !Array.isArray(rows)) return [];
  return [
    {
      kind: 'table',
      columns: header,
      rows: rows.map((row) =>
        Array.isArray(row)
          ? row.map((cell) => (cell === null || cell === undefined ? '' : String(cell)))
          : []
      ),
    },
  ];
}

function downloadsOf(value: unknown): Block[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry): Block[] => {
    const { label, url } = (entry ?? {}) as { label?: unknown; url?: unknown };
    return typeof label === 'string' && typeof url === 'string' && /^https?:\/\//.test(url)
      ? [{ kind: 'link', label: `下载${label}`, url }]
      : [];
  });
}

/**
 * Notices (整改通知书, 通报, 民意专报, 周调度, 月研判, 季汇报): one template, the kind picks the
 * wording. The data is NoticeMessageData, written by the notices work; the table comes as an HTML
 * table and as aligned text.
 */
export function noticeMail(
  message: { recipientLabel: string; data: Readonly<Record<string, unknown>> },
  _context: MailContext
): RenderedMail {
  const { data } = message;
  const kindText = text(data, 'kind');
  const kind = isNoticeKind(kindText) ? NOTICE_KIND_LABELS_ZH[kindText] : '通知';
  const title = text(data, 'title');
  const period = text(data, 'period');
  const unit = text(data, 'unitName');
  const rectifyBy = text(data, 'rectifyBy');
  const greeting = `${unit || message.recipientLabel || ''}:`.replace(/^:$/, '您好:');
  const blocks: Block[] = [
    {
      kind: 'facts',
      facts: [
        { label: '类别', value: kind },
        { label: '期间', value: period },
        { label: '标题', value: title },
      ],
    },
    ...strings(data.paragraphs).map((paragraph): Block => ({ kind: 'paragraph', text: paragraph })),
    ...tableOf(data.table),
  ];
  if (kindText === 'rectification' && rectifyBy) {
    blocks.push({
      kind: 'paragraph',
      text: `请于 ${formatDate(rectifyBy)} 前完成整改,并在系统中报送整改情况。`,
    });
  }
  blocks.push(...downloadsOf(data.downloads));
  return compose(`【${kind}】${title || period}`, greeting, blocks);
}
