import type { ActorRole, ItemEventType, ItemStatus, Level } from './vocabulary';
import type { ItemChannel } from './partner-channel';

/** Chinese names as staff and residents know them; used in refusals, emails and the admin UI. */
export const STATUS_LABELS_ZH: Readonly<Record<ItemStatus, string>> = {
  submitted: '已提交',
  accepted: '已受理',
  assigned: '已交办',
  'in-progress': '办理中',
  resolved: '已办结',
  closed: '已关闭',
  escalated: '已上报',
  extended: '已延期',
  returned: '已退回',
  rejected: '不予受理',
  reopened: '重新办理',
};

export const LEVEL_LABELS_ZH: Readonly<Record<Level, string>> = {
  grid: '网格',
  township: '乡镇',
  county: '县级',
};

export const ROLE_LABELS_ZH: Readonly<Record<ActorRole, string>> = {
  instructor: '指导员',
  'grid-head': '网格长',
  'grid-member': '网格员',
  'neighbour-head': '邻长',
  volunteer: '志愿者',
  liaison: '部门联络员',
  'township-officer': '乡镇干部',
  'county-coordinator': '县委社会工作部',
  leader: '县级领导',
  system: '系统',
  resident: '群众',
};

/** Every item-event type, for staff (the timeline of the item panel). */
export const EVENT_TYPE_LABELS_ZH: Readonly<Record<ItemEventType, string>> = {
  created: '登记',
  accepted: '受理',
  assigned: '交办',
  started: '开始办理',
  resolved: '办结',
  closed: '关闭',
  escalated: '上报',
  extended: '批准延期',
  'extension-requested': '申请延期',
  returned: '退回',
  rejected: '不予受理',
  reopened: '重新办理',
  warned: '超期预警',
  'overdue-flagged': '超期标记',
  'duplicate-linked': '标记重复',
  callback: '回访',
  commented: '备注',
  supervised: '督办',
  corrected: '数据更正',
};

/** Item types (item.type). */
export const ITEM_TYPE_LABELS_ZH: Readonly<Record<string, string>> = {
  complaint: '投诉',
  request: '求助',
  suggestion: '建议',
  consultation: '咨询',
};

export const COMPLEXITY_LABELS_ZH: Readonly<Record<string, string>> = {
  simple: '简单',
  complex: '复杂',
  'multi-department': '多部门协同',
};

export const GRID_LEVEL_LABELS_ZH: Readonly<Record<string, string>> = {
  county: '县',
  township: '乡镇',
  village: '村(社区)',
  grid: '网格',
};

/** Outbox delivery states. */
export const MAIL_STATE_LABELS_ZH: Readonly<Record<string, string>> = {
  queued: '待发送',
  sending: '发送中',
  sent: '已发送',
  failed: '发送失败',
};

/** Collection channels (the five cars, hotlines, website, QR at the liaison stations, CPPCC cloud, Open311). */
export const CHANNEL_LABELS_ZH: Readonly<Record<ItemChannel, string>> = {
  'grid-worker': '网格员走访(引导车)',
  department: '部门转办(应急车)',
  'mayor-hotline': '县长热线(应急车)',
  'opinion-hotline': '民意热线(应急车)',
  'door-to-door': '四进四访(巡诊车)',
  'deputy-station': '代表联络站扫码(便民车)',
  'cppcc-cloud': '政协云(便民车)',
  'social-organisation': '社会组织(共享车)',
  website: '政府网站',
  open311: 'Open311 接口',
};
