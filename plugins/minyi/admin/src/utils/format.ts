/** Dates as county staff read them: Beijing time, 2026/12/01 14:30. */
const DATE_TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '—' : DATE_TIME.format(date);
}

/** The content manager's edit view of an item. */
export function itemEditPath(documentId: string): string {
  return `/content-manager/collection-types/api::item.item/${documentId}`;
}
