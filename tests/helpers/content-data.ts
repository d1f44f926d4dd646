import type { Core, Modules, UID } from '@strapi/strapi';
import type {
  Complexity,
  ItemEventType,
  ItemStatus,
  Level,
  StaffRole,
} from '../../plugins/minyi/server/src/domain/vocabulary';
import type { ItemChannel } from '../../plugins/minyi/server/src/domain/partner-channel';
import type { NoticeKind } from '../../plugins/minyi/server/src/domain/notifications';
import type { NoticeState } from '../../plugins/minyi/server/src/domain/notice-review';
import type { Satisfaction } from '../../plugins/minyi/server/src/domain/metrics';
import type { ITEM_TYPES } from '../../plugins/minyi/server/src/domain/submission';
import type {
  DepartmentKind,
  GridLevel,
} from '../../plugins/minyi/server/src/domain/structure-import/labels';

/**
 * What a fixture may write into each of the app's content types, spelled after their schemas
 * (src/api/<type>/content-types/<type>/schema.json) with the domain's vocabulary for the enums
 * (tests/unit keeps the vocabulary and the schemas in step). Fields with a schema default, or
 * filled by a lifecycle (tracking code, grid path), are optional. The types are ours because
 * types/generated is not in the repository, and without it Strapi types every data as `any`.
 */

/** A relation by the related document's documentId or row id (a list for the *ToMany ones). */
type DocumentRef = string | number;
/** An admin or users-permissions user, by the numeric id their services return. */
type UserRef = number;
type Instant = Date | string;

export interface GridData {
  name: string;
  code: string;
  level: GridLevel;
  parent?: DocumentRef | null;
  path?: string;
}

export interface DepartmentData {
  name: string;
  code: string;
  kind?: DepartmentKind;
  contactEmail?: string | null;
}

export interface StaffData {
  name: string;
  role: StaffRole;
  phone?: string | null;
  email?: string | null;
  grid?: DocumentRef | null;
  department?: DocumentRef | null;
  adminUser?: UserRef | null;
  user?: UserRef | null;
  active?: boolean;
}

export interface CategoryData {
  name: string;
  code: string;
  parent?: DocumentRef | null;
  defaultLevel?: Level;
  defaultDepartment?: DocumentRef | null;
  gridDays?: number;
  townshipDays?: number;
  countyDays?: number;
  urgentHours?: number | null;
  warningOffsetHours?: number;
  gridWarningOffsetHours?: number | null;
  townshipWarningOffsetHours?: number | null;
  countyWarningOffsetHours?: number | null;
  open311ServiceCode?: string | null;
  open311Description?: string | null;
  open311Keywords?: string | null;
  open311Attributes?: unknown;
}

export interface ItemData {
  title: string;
  content: string;
  trackingCode?: string;
  type?: (typeof ITEM_TYPES)[number];
  channel?: ItemChannel;
  category?: DocumentRef | null;
  submitterName?: string | null;
  submitterPhone?: string | null;
  submitterEmail?: string | null;
  emailConsent?: boolean;
  anonymous?: boolean;
  address?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  grid?: DocumentRef | null;
  level?: Level;
  state?: ItemStatus;
  complexity?: Complexity;
  firstResponder?: DocumentRef | null;
  assignedGrid?: DocumentRef | null;
  leadDepartment?: DocumentRef | null;
  coDepartments?: DocumentRef[];
  leadLeader?: DocumentRef | null;
  receivedAt?: Instant | null;
  dueAt?: Instant | null;
  warnedAt?: Instant | null;
  overdueFlaggedAt?: Instant | null;
  pausedAt?: Instant | null;
  extensionPending?: boolean;
  extensionRequest?: unknown;
  escalationCount?: number;
  acceptedAt?: Instant | null;
  resolvedAt?: Instant | null;
  closedAt?: Instant | null;
  resolution?: string | null;
  satisfaction?: Satisfaction | null;
  callbackSolved?: boolean | null;
  callbackAt?: Instant | null;
  callbackNote?: string | null;
  duplicateOf?: DocumentRef | null;
  /** Upload file ids. */
  photos?: number[];
}

export interface ItemEventData {
  type: ItemEventType;
  at: Instant;
  item?: DocumentRef;
  fromStatus?: string | null;
  toStatus?: string | null;
  fromLevel?: string | null;
  toLevel?: string | null;
  actor?: DocumentRef | null;
  actorLabel?: string | null;
  note?: string | null;
}

export interface NoticeData {
  kind: NoticeKind;
  title: string;
  state?: NoticeState;
  body?: string | null;
  period?: string | null;
  targetGrids?: DocumentRef[];
  targetDepartments?: DocumentRef[];
  issuedAt?: Instant | null;
  rectifyBy?: string | null;
  metrics?: unknown;
  spotCheck?: DocumentRef | null;
  items?: DocumentRef[];
  acknowledgedAt?: Instant | null;
  acknowledgedBy?: string | null;
  rectifiedAt?: Instant | null;
  rectifiedBy?: string | null;
  rectificationNote?: string | null;
  rectificationReport?: string | null;
  reportedAt?: Instant | null;
  reportedBy?: string | null;
  reviewedAt?: Instant | null;
  reviewedBy?: string | null;
  returnReason?: string | null;
  history?: unknown;
}

/** The content types fixtures write, by UID. */
export interface ContentData {
  'api::grid.grid': GridData;
  'api::department.department': DepartmentData;
  'api::staff.staff': StaffData;
  'api::category.category': CategoryData;
  'api::item.item': ItemData;
  'api::item-event.item-event': ItemEventData;
  'api::notice.notice': NoticeData;
}

type Service<U extends UID.ContentType> = Modules.Documents.ServiceInstance<U>;
type CreateParams<U extends UID.ContentType> = Parameters<Service<U>['create']>[0];
type UpdateParams<U extends UID.ContentType> = Parameters<Service<U>['update']>[0];

/** Strapi's Document Service for one content type, its create and update taking that type's data. */
export type TypedDocumentService<U extends keyof ContentData> = Omit<
  Service<U>,
  'create' | 'update'
> & {
  create(
    params: Omit<CreateParams<U>, 'data'> & { data: ContentData[U] }
  ): ReturnType<Service<U>['create']>;
  update(
    params: Omit<UpdateParams<U>, 'data'> & { data: Partial<ContentData[U]> }
  ): ReturnType<Service<U>['update']>;
};

export interface TypedDocuments {
  <U extends keyof ContentData>(uid: U): TypedDocumentService<U>;
  <U extends UID.ContentType>(uid: U): Service<U>;
}

/**
 * Strapi's Document Service with typed data, as it is: no plugin writer, so the owned-fields guard
 * treats it like any other writer. For the tests of the guard; fixtures use `fixtureDocuments`.
 */
export function contentDocuments(strapi: Core.Strapi): TypedDocuments {
  // The same function; only its type is narrowed to the data above.
  return strapi.documents as unknown as TypedDocuments;
}
