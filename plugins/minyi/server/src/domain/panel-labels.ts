/**
 * Labels the panel needs beyond domain/labels.ts. Issue 10's server work adds the item-event
 * labels to labels.ts (EVENT_TYPE_LABELS_ZH); until then these keep the timeline in Chinese.
 */
export const EVENT_LABELS_ZH_FALLBACK: Readonly<Record<string, string>> = {
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
};

/** The label of `value` in `table`, the value itself when the table has none. */
export function labelOf(table: Readonly<Record<string, string>>, value: string): string {
  return table[value] ?? value;
}
