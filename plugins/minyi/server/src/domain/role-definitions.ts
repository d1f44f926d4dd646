import { UNIT_CONDITION_NAMES, type UnitConditionName } from './unit-conditions';

/**
 * The roles a county starts with: admin panel roles for the people who work in the admin, and
 * users-permissions roles for field staff on the REST API. Created once on the first start;
 * an administrator may change them afterwards (Settings → Roles) and those changes are kept.
 */

export type ContentAccess = 'read' | 'create' | 'update' | 'delete';

export interface ContentGrant {
  subject: string;
  actions: readonly ContentAccess[];
  /** The fields the grant covers; every field of the type when absent. */
  fields?: readonly string[];
  /** Unit conditions: the grant holds only for records that match one of them. */
  conditions?: readonly UnitConditionName[];
}

export interface AdminRoleDefinition {
  code: string;
  name: string;
  description: string;
  content: readonly ContentGrant[];
  /** May act on items through the handling route (the plugin's `items.act` permission). */
  handlesItems: boolean;
}

/** The plugin's admin permission for the handling route `POST /minyi/items/:documentId/actions/:action`. */
export const HANDLE_ITEMS_ACTION = {
  uid: 'items.act',
  id: 'plugin::minyi.items.act',
  displayName: '办理事项 (Handle items)',
} as const;

const ITEM = 'api::item.item';
const ITEM_EVENT = 'api::item-event.item-event';
const NOTICE = 'api::notice.notice';
const SPOT_CHECK = 'api::spot-check.spot-check';
const GRID = 'api::grid.grid';
const DEPARTMENT = 'api::department.department';
const CATEGORY = 'api::category.category';
const STAFF = 'api::staff.staff';

/**
 * What a unit's staff may fill in when they register an item (首问负责制: whoever receives it
 * registers it, wherever it happened) and correct afterwards: what the resident said and where. Status, level, deadlines and assignments change only through the handling route, where
 * the state machine checks them and the history records them.
 */
export const ITEM_REGISTRATION_FIELDS = [
  'title',
  'content',
  'type',
  'category',
  'channel',
  'submitterName',
  'submitterPhone',
  'submitterEmail',
  'emailConsent',
  'anonymous',
  'address',
  'latitude',
  'longitude',
  'grid',
  'complexity',
  'resolution',
] as const;

const { gridSubtree, department, noticeToMyUnit, registeredByMe } = UNIT_CONDITION_NAMES;
const STRUCTURE_READ: readonly ContentGrant[] = [GRID, DEPARTMENT, CATEGORY].map((subject) => ({
  subject,
  actions: ['read'] as const,
}));
const READ_EVERYTHING: readonly ContentGrant[] = [
  ITEM,
  ITEM_EVENT,
  NOTICE,
  SPOT_CHECK,
  GRID,
  DEPARTMENT,
  CATEGORY,
  STAFF,
].map((subject) => ({
  subject,
  actions: ['read'] as const,
}));

export const ADMIN_ROLES: readonly AdminRoleDefinition[] = [
  {
    code: 'minyi-county-coordinator',
    name: '县委社会工作部',
    description:
      '全县统筹:所有事项、通报、抽查和组织架构 / County coordinator (social work department): every item, notice, spot-check and the county structure',
    handlesItems: true,
    content: [
      { subject: ITEM, actions: ['read', 'create', 'update'] },
      { subject: ITEM_EVENT, actions: ['read'] },
      { subject: NOTICE, actions: ['read', 'create', 'update', 'delete'] },
      { subject: SPOT_CHECK, actions: ['read', 'create', 'update'] },
      ...[GRID, DEPARTMENT, CATEGORY, STAFF].map((subject) => ({
        subject,
        actions: ['read', 'create', 'update', 'delete'] as const,
      })),
    ],
  },
  {
    code: 'minyi-township-officer',
    name: '乡镇干部',
    description:
      '本乡镇(含下辖村和网格)的事项、记录、人员和发给本乡镇的通报 / Township officer: items, history and staff of their township subtree, notices addressed to it',
    handlesItems: true,
    content: [
      { subject: ITEM, actions: ['read'], conditions: [gridSubtree, registeredByMe] },
      { subject: ITEM, actions: ['create'], fields: ITEM_REGISTRATION_FIELDS },
      {
        subject: ITEM,
        actions: ['update'],
        fields: ITEM_REGISTRATION_FIELDS,
        conditions: [gridSubtree],
      },
      { subject: ITEM_EVENT, actions: ['read'], conditions: [gridSubtree, registeredByMe] },
      { subject: STAFF, actions: ['read'], conditions: [gridSubtree] },
      { subject: NOTICE, actions: ['read'], conditions: [noticeToMyUnit] },
      ...STRUCTURE_READ,
    ],
  },
  {
    code: 'minyi-department-officer',
    name: '部门干部',
    description:
      '本部门牵头或协办的事项、记录、本部门人员和发给本部门的通报 / Department officer: items their department leads or co-handles, their history, the department staff, notices addressed to it',
    handlesItems: true,
    content: [
      { subject: ITEM, actions: ['read'], conditions: [department, registeredByMe] },
      { subject: ITEM, actions: ['create'], fields: ITEM_REGISTRATION_FIELDS },
      {
        subject: ITEM,
        actions: ['update'],
        fields: ITEM_REGISTRATION_FIELDS,
        conditions: [department],
      },
      { subject: ITEM_EVENT, actions: ['read'], conditions: [department, registeredByMe] },
      { subject: STAFF, actions: ['read'], conditions: [department] },
      { subject: NOTICE, actions: ['read'], conditions: [noticeToMyUnit] },
      ...STRUCTURE_READ,
    ],
  },
  {
    code: 'minyi-grid-worker',
    name: '网格员',
    description:
      '本网格的事项和记录、发给本网格的通报 / Grid worker: items and history of their own grid, notices addressed to it',
    handlesItems: true,
    content: [
      { subject: ITEM, actions: ['read'], conditions: [gridSubtree, registeredByMe] },
      { subject: ITEM, actions: ['create'], fields: ITEM_REGISTRATION_FIELDS },
      {
        subject: ITEM,
        actions: ['update'],
        fields: ITEM_REGISTRATION_FIELDS,
        conditions: [gridSubtree],
      },
      { subject: ITEM_EVENT, actions: ['read'], conditions: [gridSubtree, registeredByMe] },
      { subject: NOTICE, actions: ['read'], conditions: [noticeToMyUnit] },
      ...STRUCTURE_READ,
    ],
  },
  {
    code: 'minyi-leader',
    name: '领导',
    description:
      '县级领导:查阅全县事项、通报和抽查,通过办理操作交办、领办和审批 / County leader: reads everything; assigns, leads and approves through the handling actions',
    handlesItems: true,
    content: READ_EVERYTHING,
  },
  {
    code: 'minyi-auditor',
    name: '审计(只读)',
    description:
      '只读:查阅全县事项、记录、通报和抽查,不能修改或办理 / Auditor (read-only): reads every item, history, notice and spot-check; changes and handles nothing',
    handlesItems: false,
    content: READ_EVERYTHING,
  },
];

/** Field staff over REST (users-permissions): same unit scoping, enforced by the item controller. */
export interface FieldRoleDefinition {
  type: string;
  name: string;
  description: string;
  actions: readonly string[];
}

const FIELD_ACTIONS = [
  'api::item.item.find',
  'api::item.item.findOne',
  'plugin::minyi.workflow.actAsStaff',
  ...[GRID, DEPARTMENT, CATEGORY].flatMap((uid) => [`${uid}.find`, `${uid}.findOne`]),
] as const;

export const FIELD_ROLES: readonly FieldRoleDefinition[] = [
  {
    type: 'minyi-grid-worker',
    name: '网格员',
    description:
      '网格员(外勤):查看和办理本网格的事项 / Grid worker in the field: reads and handles the items of their grid',
    actions: FIELD_ACTIONS,
  },
  {
    type: 'minyi-department-staff',
    name: '部门工作人员',
    description:
      '部门工作人员(外勤):查看和办理本部门牵头或协办的事项 / Department staff in the field: reads and handles items their department leads or co-handles',
    actions: FIELD_ACTIONS,
  },
];
