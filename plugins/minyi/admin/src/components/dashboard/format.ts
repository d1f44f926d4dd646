/** 0.9376 → "93.76%" (the metrics' own rounding); null → "—". */
export const percent = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : `${(Math.round(value * 10000) / 100).toFixed(2)}%`;

/** A local date and time in the county's language. */
export const dateTime = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—';

export const itemHref = (documentId: string) =>
  `/content-manager/collection-types/api::item.item/${documentId}`;
