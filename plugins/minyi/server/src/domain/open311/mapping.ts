import { LEVEL_LABELS_ZH } from '../labels';
import type { ItemChannel } from '../partner-channel';
import { EVENT_LABELS_ZH, PUBLIC_EVENT_TYPES } from '../public-tracking';
import { isTerminalStatus, type ItemEventType, type ItemStatus, type Level } from '../vocabulary';
import type { AttributeDefinition } from './attributes';
import { formatOpen311Datetime } from './datetime';
import type { Open311Status } from './requests-query';

/** Our states → GeoReport's two: nothing more is owed once resolved, closed or rejected. */
export function open311StatusOf(state: ItemStatus): Open311Status {
  return isTerminalStatus(state) ? 'closed' : 'open';
}

/** The states an Open311 status stands for (the filter's SQL). */
export function statesOfOpen311Status(
  status: Open311Status,
  all: readonly ItemStatus[]
): ItemStatus[] {
  return all.filter((state) => open311StatusOf(state) === status);
}

/** A category published as a service: it has an Open311 service code. */
export interface ServiceCategory {
  readonly serviceCode: string;
  readonly name: string;
  readonly description: string | null;
  readonly keywords: string | null;
  /** The root of the category tree it sits in (its own name when it is a root). */
  readonly group: string | null;
  readonly attributes: readonly AttributeDefinition[];
}

export interface Open311Service {
  readonly service_code: string;
  readonly service_name: string;
  readonly description: string;
  readonly metadata: boolean;
  readonly type: 'realtime';
  readonly keywords: string;
  readonly group: string;
}

export function serviceOf(category: ServiceCategory): Open311Service {
  return {
    service_code: category.serviceCode,
    service_name: category.name,
    description: category.description ?? category.name,
    metadata: category.attributes.length > 0,
    // Every request is routed and given its deadline at once, and answered with its id.
    type: 'realtime',
    keywords: category.keywords ?? '',
    group: category.group ?? '',
  };
}

export interface Open311ServiceDefinition {
  readonly service_code: string;
  readonly attributes: ReadonlyArray<{
    readonly variable: boolean;
    readonly code: string;
    readonly datatype: string;
    readonly required: boolean;
    readonly datatype_description: string | null;
    readonly order: number;
    readonly description: string;
    readonly values: ReadonlyArray<{ readonly key: string; readonly name: string }>;
  }>;
}

export function serviceDefinitionOf(category: ServiceCategory): Open311ServiceDefinition {
  return {
    service_code: category.serviceCode,
    attributes: category.attributes.map((attribute) => ({
      variable: attribute.variable,
      code: attribute.code,
      datatype: attribute.datatype,
      required: attribute.required,
      datatype_description: attribute.datatype_description,
      order: attribute.order,
      description: attribute.description,
      values: attribute.values,
    })),
  };
}

/** What the list query reads of one item: only public columns (no submitter, no address). */
export interface RequestRow {
  readonly trackingCode: string;
  readonly title: string;
  readonly state: ItemStatus;
  readonly level: Level;
  readonly channel: ItemChannel;
  readonly serviceCode: string;
  readonly serviceName: string;
  readonly unitName: string | null;
  readonly gridCode: string | null;
  readonly latitude: number | null;
  readonly longitude: number | null;
  readonly receivedAt: Date;
  readonly updatedAt: Date | null;
  readonly dueAt: Date | null;
  /** The first photo's absolute URL, else the media_url the client sent (issue 12). */
  readonly mediaUrl?: string | null;
}

/** The public timeline's last entry (the events the tracking page shows). */
export interface TimelineEntry {
  readonly type: ItemEventType;
  readonly toLevel: Level | null;
}

export interface Open311Request {
  readonly service_request_id: string;
  readonly status: Open311Status;
  readonly status_notes: string | null;
  readonly service_name: string;
  readonly service_code: string;
  readonly description: string;
  readonly agency_responsible: string | null;
  readonly service_notice: string | null;
  readonly requested_datetime: string;
  readonly updated_datetime: string | null;
  readonly expected_datetime: string | null;
  readonly address_id: string | null;
  readonly lat: number | null;
  readonly long: number | null;
  /** The item's first photo (stored without EXIF), else the media_url it was submitted with. */
  readonly media_url: string | null;
  /** FixMyStreet's extension: the channel the request came in through. */
  readonly interface_used: ItemChannel;
}

const PUBLIC_TYPES = new Set<ItemEventType>(PUBLIC_EVENT_TYPES);

/** status_notes: the last step of the public timeline and the level the item stands at. */
export function statusNotesOf(
  row: Pick<RequestRow, 'level'>,
  timeline: readonly TimelineEntry[]
): string | null {
  const last = [...timeline].reverse().find((entry) => PUBLIC_TYPES.has(entry.type));
  if (!last) return null;
  return `${EVENT_LABELS_ZH[last.type] ?? last.type}(${LEVEL_LABELS_ZH[last.toLevel ?? row.level]}级)`;
}

/**
 * One request as GeoReport v2 answers it. Only what the resident's tracking page shows is
 * public: the title stands for the description (the content may carry names and phone numbers
 * residents typed), the submitter and the street address never appear; `address_id` is the grid
 * code the item was registered at.
 */
export function requestOf(
  row: RequestRow,
  timeline: readonly TimelineEntry[],
  zone: string
): Open311Request {
  const status = open311StatusOf(row.state);
  return {
    service_request_id: row.trackingCode,
    status,
    status_notes: statusNotesOf(row, timeline),
    service_name: row.serviceName,
    service_code: row.serviceCode,
    description: row.title,
    agency_responsible: row.unitName,
    service_notice: null,
    requested_datetime: formatOpen311Datetime(row.receivedAt, zone),
    updated_datetime: row.updatedAt ? formatOpen311Datetime(row.updatedAt, zone) : null,
    expected_datetime:
      row.dueAt && status === 'open' ? formatOpen311Datetime(row.dueAt, zone) : null,
    address_id: row.gridCode,
    lat: row.latitude,
    long: row.longitude,
    media_url: row.mediaUrl ?? null,
    interface_used: row.channel,
  };
}

/** The notice a new request is answered with: how the resident follows it. */
export function serviceNoticeOf(trackingCode: string, trackUrl: string, dueAt: Date, zone: string) {
  return (
    `已受理,查询码 ${trackingCode},预计 ${formatOpen311Datetime(dueAt, zone)} 前办理;` +
    `凭查询码在 ${trackUrl} 查看进度。` +
    ` / Received: tracking code ${trackingCode}; follow it at ${trackUrl}.`
  );
}
