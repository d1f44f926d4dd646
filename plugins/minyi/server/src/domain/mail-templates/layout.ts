import escapeHtml from 'escape-html';

/** What a template renders: a UTF-8 subject and the same message as plain text and as HTML. */
export interface RenderedMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** Everything a template needs besides the message's data: where links point, which clock face to show. */
export interface MailContext {
  /** Absolute address of the app (MINYI_PUBLIC_URL), no trailing slash needed. */
  readonly publicUrl: string;
  /** The county's IANA zone: dates in mails are shown in local time. */
  readonly timezone: string;
  /** Signs the resident's feedback link (MINYI_FEEDBACK_KEY). */
  readonly feedbackKey: string;
}

/** One labelled fact of a message ("查询码: MY…"), shown as a table row in HTML and a line in text. */
export interface Fact {
  readonly label: string;
  readonly value: string;
}

/** A block of the message body. Every string in it is plain text; the HTML side escapes it. */
export type Block =
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'facts'; readonly facts: readonly Fact[] }
  | { readonly kind: 'link'; readonly label: string; readonly url: string }
  | { readonly kind: 'quote'; readonly label: string; readonly text: string }
  | {
      readonly kind: 'table';
      readonly columns: readonly string[];
      readonly rows: ReadonlyArray<readonly string[]>;
    };

export const FOOTER = '本邮件由民意直通车系统自动发送,请勿直接回复。';

/** A string field of the message data, or '' (the outbox stores JSON written by other code: trust nothing). */
export function text(data: Readonly<Record<string, unknown>>, key: string): string {
  const value = data[key];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

export function base(publicUrl: string): string {
  return publicUrl.replace(/\/+$/, '');
}

/** 2026年12月1日 18:00 in the county's zone; '' for a missing or unreadable date. */
export function formatDateTime(value: string, timezone: string): string {
  if (value === '') return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((part) => [part.type, part.value])
  );
  return `${parts.year}年${Number(parts.month)}月${Number(parts.day)}日 ${parts.hour}:${parts.minute}`;
}

/** 2026年12月15日 for an ISO date (yyyy-mm-dd). */
export function formatDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return match ? `${match[1]}年${Number(match[2])}月${Number(match[3])}日` : value;
}

/** Columns a string takes in a monospace font: CJK and full-width characters take two. */
export function displayWidth(value: string): number {
  let width = 0;
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      (code >= 0x20000 && code <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
}

function padEnd(value: string, width: number): string {
  return value + ' '.repeat(Math.max(0, width - displayWidth(value)));
}

/** A table as aligned monospace text: a header, a rule, and the rows, columns two spaces apart. */
export function alignedTable(
  columns: readonly string[],
  rows: ReadonlyArray<readonly string[]>
): string {
  const widths = columns.map((column, index) =>
    Math.max(displayWidth(column), ...rows.map((row) => displayWidth(row[index] ?? '')))
  );
  const line = (cells: readonly string[]) =>
    widths
      .map((width, index) => padEnd(cells[index] ?? '', width))
      .join('  ')
      .trimEnd();
  return [
    line(columns),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...rows.map(line),
  ].join('\n');
}

function blockText(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return block.text;
    case 'facts':
      return block.facts
        .filter((fact) => fact.value !== '')
        .map((fact) => `${fact.label}:${fact.value}`)
        .join('\n');
    case 'link':
      return `${block.label}:${block.url}`;
    case 'quote':
      return `${block.label}:\n${block.text
        .split('\n')
        .map((line) => `  ${line}`)
        .join('\n')}`;
    case 'table':
      return alignedTable(block.columns, block.rows);
  }
}

const cell = 'border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top';

function multiline(value: string): string {
  return escapeHtml(value).replace(/\r?\n/g, '<br>');
}

function blockHtml(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p>${multiline(block.text)}</p>`;
    case 'facts': {
      const rows = block.facts
        .filter((fact) => fact.value !== '')
        .map(
          (fact) =>
            `<tr><th style="${cell};background:#f6f8fa;white-space:nowrap">${escapeHtml(fact.label)}</th><td style="${cell}">${multiline(fact.value)}</td></tr>`
        );
      return `<table style="border-collapse:collapse;margin:8px 0">${rows.join('')}</table>`;
    }
    case 'link':
      return `<p>${escapeHtml(block.label)}:<a href="${escapeHtml(block.url)}">${escapeHtml(block.url)}</a></p>`;
    case 'quote':
      return `<p><strong>${escapeHtml(block.label)}:</strong></p><blockquote style="margin:0 0 8px 0;padding:4px 12px;border-left:4px solid #d0d7de">${multiline(block.text)}</blockquote>`;
    case 'table': {
      const head = block.columns
        .map((column) => `<th style="${cell};background:#f6f8fa">${escapeHtml(column)}</th>`)
        .join('');
      const body = block.rows
        .map(
          (row) =>
            `<tr>${block.columns.map((_, index) => `<td style="${cell}">${escapeHtml(row[index] ?? '')}</td>`).join('')}</tr>`
        )
        .join('');
      return `<table style="border-collapse:collapse;margin:8px 0"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
    }
  }
}

/**
 * Renders a message from a greeting and blocks. All values are treated as plain text: the HTML
 * side escapes every one of them, so text written by residents or staff can never become markup.
 */
export function compose(subject: string, greeting: string, blocks: readonly Block[]): RenderedMail {
  // Header injection: a subject is one line, whatever the data held.
  const oneLineSubject = subject.replace(/[\r\n]+/g, ' ').trim();
  const text =
    [greeting, ...blocks.map(blockText), FOOTER].filter((part) => part !== '').join('\n\n') + '\n';
  const html =
    '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">' +
    `<title>${escapeHtml(oneLineSubject)}</title></head>` +
    "<body style=\"font-family:-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;font-size:14px;line-height:1.6;color:#1f2328\">" +
    `<p>${escapeHtml(greeting)}</p>${blocks.map(blockHtml).join('')}` +
    `<p style="color:#656d76;font-size:12px">${escapeHtml(FOOTER)}</p></body></html>`;
  return { subject: oneLineSubject, text, html };
}
