import { parseOpen311Datetime } from './datetime';

/**
 * GET requests' arguments (GeoReport v2 and the common extensions), read into one query:
 * - `service_request_id` (comma-separated list) overrides every other filter;
 * - `service_code` (list), `status` (open, closed; list), `start_date`/`end_date` on the requested
 *   time, at most 90 days apart; without either, the last 90 days;
 * - `updated_after`/`updated_before` on the last update; when given without start/end dates, the
 *   updated range takes the place of the default 90-day window (a client syncing changes wants
 *   old requests that moved recently);
 * - `page` (from 1) and `page_size` (1–1000, default 1000: the spec's "at most 1,000").
 * An empty argument behaves as an absent one.
 */
export const MAX_WINDOW_DAYS = 90;
export const MAX_PAGE_SIZE = 1000;
export const MAX_IDS = 1000;
const DAY_MS = 24 * 3600 * 1000;

export type Open311Status = 'open' | 'closed';

export interface Range {
  readonly from?: Date;
  readonly to?: Date;
}

export type RequestsQuery =
  | { readonly kind: 'ids'; readonly ids: readonly string[] }
  | {
      readonly kind: 'search';
      readonly serviceCodes: readonly string[];
      readonly statuses: readonly Open311Status[];
      readonly requested: Range;
      readonly updated: Range;
      readonly page: number;
      readonly pageSize: number;
    };

export type QueryParse =
  | { readonly ok: true; readonly query: RequestsQuery }
  | { readonly ok: false; readonly description: string };

type RawQuery = Readonly<Record<string, unknown>>;

/** A query argument as text: the last of repeated ones, trimmed; '' and non-text count as absent. */
export function argument(raw: RawQuery, name: string): string | undefined {
  const value = raw[name];
  const last = Array.isArray(value) ? value[value.length - 1] : value;
  if (typeof last !== 'string') return undefined;
  const trimmed = last.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** A comma-separated (or repeated) list argument, without empty entries or repeats. */
export function listArgument(raw: RawQuery, name: string): string[] {
  const value = raw[name];
  const parts = (Array.isArray(value) ? value : [value])
    .filter((part): part is string => typeof part === 'string')
    .flatMap((part) => part.split(','))
    .map((part) => part.trim())
    .filter((part) => part !== '');
  return [...new Set(parts)];
}

function positiveInteger(text: string | undefined, name: string, max: number) {
  if (text === undefined) return { ok: true as const, value: undefined };
  if (!/^\d{1,7}$/.test(text) || Number(text) < 1 || Number(text) > max)
    return { ok: false as const, description: `${name} must be a whole number from 1 to ${max}` };
  return { ok: true as const, value: Number(text) };
}

export function parseRequestsQuery(raw: RawQuery, now: Date, zone: string): QueryParse {
  const ids = listArgument(raw, 'service_request_id');
  if (ids.length > MAX_IDS)
    return { ok: false, description: `service_request_id lists at most ${MAX_IDS} ids` };
  if (ids.length > 0) return { ok: true, query: { kind: 'ids', ids } };

  const statuses = listArgument(raw, 'status');
  const unknownStatus = statuses.find((status) => status !== 'open' && status !== 'closed');
  if (unknownStatus !== undefined)
    return { ok: false, description: `status must be open or closed, not "${unknownStatus}"` };

  const dates: Record<string, Date | undefined> = {};
  for (const name of ['start_date', 'end_date', 'updated_after', 'updated_before']) {
    const text = argument(raw, name);
    if (text === undefined) continue;
    const parsed = parseOpen311Datetime(text, zone);
    if (parsed === null)
      return { ok: false, description: `${name} must be an ISO 8601 datetime, got "${text}"` };
    dates[name] = parsed;
  }
  const { start_date: start, end_date: end } = dates;
  if (start && end && start.getTime() > end.getTime())
    return { ok: false, description: 'start_date must not be after end_date' };
  if (start && end && end.getTime() - start.getTime() > MAX_WINDOW_DAYS * DAY_MS)
    return {
      ok: false,
      description: `start_date and end_date may be at most ${MAX_WINDOW_DAYS} days apart`,
    };
  const { updated_after: after, updated_before: before } = dates;
  if (after && before && after.getTime() > before.getTime())
    return { ok: false, description: 'updated_after must not be after updated_before' };

  const page = positiveInteger(argument(raw, 'page'), 'page', 1_000_000);
  if (!page.ok) return page;
  const pageSize = positiveInteger(argument(raw, 'page_size'), 'page_size', MAX_PAGE_SIZE);
  if (!pageSize.ok) return pageSize;

  const window = MAX_WINDOW_DAYS * DAY_MS;
  const updatedOnly = !start && !end && (after !== undefined || before !== undefined);
  const requested: Range = updatedOnly
    ? {}
    : start && end
      ? { from: start, to: end }
      : start
        ? { from: start, to: new Date(start.getTime() + window) }
        : end
          ? { from: new Date(end.getTime() - window), to: end }
          : { from: new Date(now.getTime() - window), to: now };

  return {
    ok: true,
    query: {
      kind: 'search',
      serviceCodes: listArgument(raw, 'service_code'),
      statuses: [...new Set(statuses as Open311Status[])],
      requested,
      updated: { from: after, to: before },
      page: page.value ?? 1,
      pageSize: pageSize.value ?? MAX_PAGE_SIZE,
    },
  };
}
