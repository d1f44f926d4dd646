/**
 * The workflow owns its fields (issue 10, DESIGN §3): an item's handling fields, a spot-check's
 * sample and an issued notice's content change only through the plugin's own services, which
 * write the item-event in the same transaction. Any other write — the content manager's form or
 * API, REST, a Document Service call from elsewhere — that would change one of them is refused.
 *
 * A write that sends an owned field with the value it already has is not a change: the content
 * manager's form sends every field back on save, and saving a corrected title must keep working.
 */

export type OwnedFieldKind =
  'scalar' | 'boolean' | 'number' | 'datetime' | 'json' | 'to-one' | 'to-many';

export interface OwnedField {
  readonly kind: OwnedFieldKind;
  readonly labelZh: string;
}

export type OwnedUid = 'api::item.item' | 'api::spot-check.spot-check' | 'api::notice.notice';

const field = (kind: OwnedFieldKind, labelZh: string): OwnedField => ({ kind, labelZh });

/** State, level, owners, times, extension, escalation, resolution, satisfaction, callback, first responder, tracking code, grid path, photos. */
export const ITEM_OWNED_FIELDS: Readonly<Record<string, OwnedField>> = {
  state: field('scalar', '状态'),
  level: field('scalar', '办理层级'),
  assignedGrid: field('to-one', '承办网格/乡镇'),
  leadDepartment: field('to-one', '牵头单位'),
  coDepartments: field('to-many', '协办单位'),
  leadLeader: field('to-one', '领办领导'),
  receivedAt: field('datetime', '受理时间'),
  acceptedAt: field('datetime', '接收时间'),
  resolvedAt: field('datetime', '办结时间'),
  closedAt: field('datetime', '关闭时间'),
  dueAt: field('datetime', '办理时限'),
  warnedAt: field('datetime', '催办时间'),
  overdueFlaggedAt: field('datetime', '超期标记时间'),
  pausedAt: field('datetime', '暂停计时时间'),
  extensionPending: field('boolean', '延期待审批'),
  extensionRequest: field('json', '延期申请'),
  escalationCount: field('number', '上报次数'),
  resolution: field('scalar', '办理答复'),
  satisfaction: field('scalar', '满意度'),
  callbackSolved: field('boolean', '回访是否解决'),
  callbackAt: field('datetime', '回访时间'),
  callbackNote: field('scalar', '回访记录'),
  firstResponder: field('to-one', '首问负责人'),
  trackingCode: field('scalar', '查询码'),
  gridPath: field('scalar', '网格路径'),
  // Photos are attached by the plugin's photo service only (re-encoded without EXIF, issue 12).
  photos: field('to-many', '群众照片'),
  beforePhotos: field('to-many', '整改前照片'),
  afterPhotos: field('to-many', '整改后照片'),
  mediaUrl: field('scalar', '照片链接(Open311 media_url)'),
};

/** The whole spot-check is the job's: its seed, rule, sample, results and the state they lead to. */
export const SPOT_CHECK_OWNED_FIELDS: Readonly<Record<string, OwnedField>> = {
  period: field('scalar', '抽查月份'),
  seed: field('scalar', '随机种子'),
  samplingRule: field('json', '抽样规则'),
  sample: field('json', '样本'),
  results: field('json', '结果'),
  state: field('scalar', '状态'),
  sampledAt: field('datetime', '抽样时间'),
  completedAt: field('datetime', '完成时间'),
  items: field('to-many', '抽查事项'),
};

/** A notice's life (issue, 签收, 整改) moves through the plugin's notice routes, always. */
export const NOTICE_STATE_FIELDS: Readonly<Record<string, OwnedField>> = {
  state: field('scalar', '状态'),
  issuedAt: field('datetime', '下发时间'),
  acknowledgedAt: field('datetime', '签收时间'),
  acknowledgedBy: field('scalar', '签收人'),
  rectifiedAt: field('datetime', '整改完成时间'),
  rectifiedBy: field('scalar', '整改确认人'),
  rectificationNote: field('scalar', '整改情况说明'),
};

/** Once issued, what a notice says is what was sent: frozen. A draft may still be edited. */
export const NOTICE_CONTENT_FIELDS: Readonly<Record<string, OwnedField>> = {
  kind: field('scalar', '类别'),
  title: field('scalar', '标题'),
  body: field('scalar', '正文'),
  period: field('scalar', '期间'),
  targetGrids: field('to-many', '通报乡镇/网格'),
  targetDepartments: field('to-many', '通报部门'),
  metrics: field('json', '指标'),
  rectifyBy: field('datetime', '整改期限'),
  spotCheck: field('to-one', '关联抽查'),
  items: field('to-many', '关联事项'),
};

/** The owned fields of a stored document (for a notice they depend on whether it was issued). */
export function ownedFieldsOf(
  uid: OwnedUid,
  stored: Readonly<Record<string, unknown>> | null
): Readonly<Record<string, OwnedField>> {
  if (uid === 'api::item.item') return ITEM_OWNED_FIELDS;
  if (uid === 'api::spot-check.spot-check') return SPOT_CHECK_OWNED_FIELDS;
  const issued = stored !== null && stored.state !== undefined && stored.state !== 'draft';
  return issued ? { ...NOTICE_STATE_FIELDS, ...NOTICE_CONTENT_FIELDS } : NOTICE_STATE_FIELDS;
}

/** Every field that may ever be owned, for the content manager's read-only marks. */
export function everOwnedFields(uid: OwnedUid): string[] {
  if (uid === 'api::notice.notice')
    return Object.keys({ ...NOTICE_STATE_FIELDS, ...NOTICE_CONTENT_FIELDS });
  return Object.keys(ownedFieldsOf(uid, null));
}

/** What a new document holds before anyone writes it: the schema defaults, nothing else. */
export const CREATE_DEFAULTS: Readonly<Record<OwnedUid, Readonly<Record<string, unknown>>>> = {
  'api::item.item': {
    state: 'submitted',
    level: 'grid',
    extensionPending: false,
    escalationCount: 0,
  },
  'api::spot-check.spot-check': { state: 'sampled' },
  'api::notice.notice': { state: 'draft' },
};

/** A related document as stored (to-one) or one of them (to-many). */
export interface StoredRelation {
  id: number;
  documentId: string;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

function stableJson(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') {
    // JSON fields may arrive as text (a form's JSON editor) or parsed.
    try {
      return stableJson(JSON.parse(value) as unknown);
    } catch {
      return JSON.stringify(value);
    }
  }
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function timeOf(value: unknown): number | null {
  if (isEmpty(value)) return null;
  // Raw SQLite rows carry times as epoch milliseconds.
  const time =
    value instanceof Date
      ? value.getTime()
      : typeof value === 'number'
        ? value
        : Date.parse(String(value));
  return Number.isNaN(time) ? Number.NaN : time;
}

/** Whether an incoming reference (documentId, id, `{ id }`, `{ documentId }`) names this document. */
function refersTo(ref: unknown, target: StoredRelation): boolean {
  if (typeof ref === 'string') return ref === target.documentId || ref === String(target.id);
  if (typeof ref === 'number') return ref === target.id;
  if (typeof ref === 'object' && ref !== null) {
    const { id, documentId } = ref as { id?: unknown; documentId?: unknown };
    if (documentId !== undefined) return documentId === target.documentId;
    if (id !== undefined) return id === target.id || id === target.documentId;
  }
  return false;
}

function asList(value: unknown): unknown[] {
  if (isEmpty(value)) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * The related documents after the write, as references; undefined when the write leaves the
 * relation as it is. Strapi accepts a plain reference or list (set), `{ set }`, and
 * `{ connect, disconnect }`; a reference it cannot resolve is kept as written, so it never
 * matches a stored document and counts as a change.
 */
function relationAfter(value: unknown, stored: StoredRelation[]): unknown[] | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const shape = value as { set?: unknown; connect?: unknown; disconnect?: unknown };
    if ('set' in shape) return asList(shape.set);
    if ('connect' in shape || 'disconnect' in shape) {
      const connect = asList(shape.connect);
      const disconnect = asList(shape.disconnect);
      if (connect.length === 0 && disconnect.length === 0) return undefined;
      const kept: unknown[] = stored.filter(
        (target) => !disconnect.some((ref) => refersTo(ref, target))
      );
      return [...kept, ...connect];
    }
    if (!('id' in shape) && !('documentId' in shape)) return undefined;
  }
  return asList(value);
}

function relationChanged(
  kind: 'to-one' | 'to-many',
  value: unknown,
  storedValue: unknown
): boolean {
  const stored = asList(storedValue) as StoredRelation[];
  const after = relationAfter(value, stored);
  if (after === undefined) return false;
  // A to-one connect replaces the target: the last reference wins.
  const wanted = kind === 'to-one' ? after.slice(-1) : after;
  if (wanted.length !== stored.length) return true;
  return (
    !wanted.every((ref) => stored.some((target) => refersTo(ref, target))) ||
    !stored.every((target) => wanted.some((ref) => refersTo(ref, target)))
  );
}

/** Whether writing `value` into a field that holds `stored` would change it. */
export function valueChanges(kind: OwnedFieldKind, value: unknown, stored: unknown): boolean {
  if (value === undefined) return false;
  switch (kind) {
    case 'boolean':
      return Boolean(value) !== Boolean(stored) || (value !== null && typeof value !== 'boolean');
    case 'number':
      return (isEmpty(value) ? null : Number(value)) !== (isEmpty(stored) ? null : Number(stored));
    case 'datetime': {
      const a = timeOf(value);
      const b = timeOf(stored);
      return a === null || b === null ? a !== b : !(a === b);
    }
    case 'json':
      return stableJson(value) !== stableJson(stored);
    case 'to-one':
    case 'to-many':
      return relationChanged(kind, value, stored);
    case 'scalar':
      return isEmpty(value) ? !isEmpty(stored) : String(value) !== String(stored ?? '');
  }
}

/** The owned fields the write would change, in the table's order. */
export function changedOwnedFields(
  fields: Readonly<Record<string, OwnedField>>,
  data: Readonly<Record<string, unknown>>,
  stored: Readonly<Record<string, unknown>>
): string[] {
  return Object.entries(fields)
    .filter(([name, { kind }]) => name in data && valueChanges(kind, data[name], stored[name]))
    .map(([name]) => name);
}

export interface OwnedFieldsRefusal {
  readonly code: 'WORKFLOW_OWNED_FIELDS';
  readonly zh: string;
  readonly en: string;
  readonly fields: string[];
  readonly errors: Array<{ path: string[]; message: string; name: string }>;
}

const WHO_CHANGES: Readonly<Record<OwnedUid, { zh: string; en: string }>> = {
  'api::item.item': {
    zh: '只能通过办理操作修改(数据更正请使用"数据更正",并填写理由)',
    en: 'they change only through the handling actions (corrections: the data-correction action, with a reason)',
  },
  'api::spot-check.spot-check': {
    zh: '由月度抽查任务生成,不能修改',
    en: 'they are written by the monthly spot-check and cannot be edited',
  },
  'api::notice.notice': {
    zh: '只能通过通报的下发、签收、整改操作修改;已下发的通报内容不能修改',
    en: 'they change only through issuing, acknowledging and rectifying; an issued notice cannot be edited',
  },
};

/** The bilingual refusal naming each field, in the shape of Strapi's ValidationError details. */
export function ownedFieldsRefusal(
  uid: OwnedUid,
  fields: Readonly<Record<string, OwnedField>>,
  changed: readonly string[]
): OwnedFieldsRefusal {
  const named = changed.map((name) => `${fields[name]?.labelZh ?? name}(${name})`);
  const who = WHO_CHANGES[uid];
  return {
    code: 'WORKFLOW_OWNED_FIELDS',
    zh: `以下字段由系统流程维护,${who.zh}:${named.join('、')}`,
    en: `These fields belong to the workflow, ${who.en}: ${changed.join(', ')}`,
    fields: [...changed],
    errors: changed.map((name) => ({
      path: [name],
      name: 'ValidationError',
      message: `${fields[name]?.labelZh ?? name}由系统流程维护,不能直接修改 / ${name} is owned by the workflow`,
    })),
  };
}

export interface DeletionRefusal {
  readonly code: 'WORKFLOW_OWNED_RECORD';
  readonly zh: string;
  readonly en: string;
}

/**
 * Whether a record may be deleted outside the plugin's own services. An item is never deleted: its
 * events would stay without it, and an overdue item deleted would vanish from every figure (an
 * unwanted one is refused 不予受理 or marked 重复 through the workflow). A spot-check is the audit's
 * record; an issued notice is what was sent. A notice still in draft may go.
 */
export function deletionRefusal(
  uid: OwnedUid,
  stored: { readonly state?: unknown } | null
): DeletionRefusal | null {
  if (uid === 'api::item.item') {
    return {
      code: 'WORKFLOW_OWNED_RECORD',
      zh: '事项不能删除:不予受理或重复事项请通过办理操作(不予受理、标记重复)处理',
      en: 'items cannot be deleted: refuse or mark a duplicate through the handling actions',
    };
  }
  if (uid === 'api::spot-check.spot-check') {
    return {
      code: 'WORKFLOW_OWNED_RECORD',
      zh: '月度抽查是审计记录,不能删除',
      en: 'a spot-check is an audit record and cannot be deleted',
    };
  }
  if (stored !== null && stored.state !== undefined && stored.state !== 'draft') {
    return {
      code: 'WORKFLOW_OWNED_RECORD',
      zh: '已下发的通报不能删除',
      en: 'an issued notice cannot be deleted',
    };
  }
  return null;
}
