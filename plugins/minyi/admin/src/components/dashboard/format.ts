/** 0.9376 → "93.76%" (the metrics' own rounding); null → "—". */
export const percent = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : `${(Math.round(value * 10000) / 100).toFixed(2)}%`;

/** Where dates are shown when the answer does not carry the county's zone (the default setting). */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** A date and time in the county's language and time zone (the dashboard's data carries the zone). */
export const dateTime = (iso: string | null, timeZone: string = DEFAULT_TIME_ZONE) =>
  iso ? new Date(iso).toLocaleString('zh-CN', { timeZone, hour12: false }) : '—';

export const itemHref = (documentId: string) =>
  `/content-manager/collection-types/api::item.item/${documentId}`;

/** The workbench (工作台) on one of its tabs: it reads the tab from `?tab=`. */
export const workbenchHref = (tab?: 'overdue' | 'due-soon') =>
  tab ? `/plugins/minyi?tab=${tab}` : '/plugins/minyi';
