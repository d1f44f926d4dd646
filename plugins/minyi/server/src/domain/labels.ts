import type { ActorRole, ItemStatus, Level } from './vocabulary';

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
