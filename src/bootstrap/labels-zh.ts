/** Chinese field labels and the field each type is known by in relation pickers and lists. */
export interface TypeLabels {
  mainField: string;
  fields: Record<string, string>;
  /** Written by the system (codes, paths, workflow timestamps): shown, not editable in the form. */
  readOnly?: string[];
  /** Columns of the list view, set once per type (after that the administrator's to change). */
  list?: string[];
}

export const LABELS_ZH: Record<string, TypeLabels> = {
  'api::grid.grid': {
    mainField: 'name',
    fields: { name: '名称', code: '编码', level: '层级', parent: '上级', children: '下级', path: '层级路径', staff: '工作人员' },
    readOnly: ['path'],
  },
  'api::department.department': {
    mainField: 'name',
    fields: { name: '名称', code: '编码', kind: '单位类型', contactEmail: '联系邮箱', staff: '工作人员' },
  },
  'api::staff.staff': {
    mainField: 'name',
    fields: {
      name: '姓名', phone: '电话', email: '邮箱', role: '角色', grid: '所属网格', department: '所属部门',
      adminUser: '后台账号', user: '移动端账号', active: '在岗',
    },
  },
  'api::category.category': {
    mainField: 'name',
    fields: {
      name: '名称', code: '编码', parent: '上级分类', children: '下级分类', defaultLevel: '默认办理层级',
      defaultDepartment: '默认办理单位', gridDays: '网格办理时限(工作日)', townshipDays: '乡镇办理时限(工作日)',
      countyDays: '县级办理时限(工作日)', urgentHours: '紧急时限(工作小时)', warningOffsetHours: '催办提前量(工作小时)',
    },
  },
  'api::item.item': {
    mainField: 'title',
    fields: {
      trackingCode: '查询码', title: '标题', content: '诉求内容', type: '类型', category: '事项分类', channel: '收集渠道',
      submitterName: '反映人姓名', submitterPhone: '反映人电话', submitterEmail: '反映人邮箱', emailConsent: '同意邮件告知', anonymous: '匿名',
      receiptSecretHash: '回执密钥(摘要)',
      partnerTokenId: '合作方令牌编号',
      address: '地址', latitude: '纬度', longitude: '经度', grid: '所在网格', gridPath: '网格路径', level: '办理层级',
      state: '状态', complexity: '复杂程度', firstResponder: '首问负责人', assignedGrid: '承办网格/乡镇',
      leadDepartment: '牵头单位', coDepartments: '协办单位', leadLeader: '领办领导', receivedAt: '受理时间',
      dueAt: '办理时限', warnedAt: '催办时间', overdueFlaggedAt: '超期标记时间', pausedAt: '暂停计时时间',
      extensionPending: '延期待审批', extensionRequest: '延期申请', escalationCount: '上报次数',
      acceptedAt: '接收时间', resolvedAt: '办结时间', closedAt: '关闭时间', resolution: '办理答复',
      satisfaction: '满意度', callbackSolved: '回访是否解决', callbackAt: '回访时间', callbackNote: '回访记录',
      duplicateOf: '重复事项',
    },
    readOnly: ['trackingCode', 'gridPath', 'firstResponder', 'escalationCount', 'warnedAt', 'overdueFlaggedAt', 'extensionPending', 'extensionRequest', 'receiptSecretHash', 'partnerTokenId'],
  },
  'api::item-event.item-event': {
    mainField: 'type',
    fields: {
      item: '事项', type: '记录类型', fromStatus: '原状态', toStatus: '新状态', fromLevel: '原层级', toLevel: '新层级',
      actor: '操作人', actorLabel: '操作人(显示)', note: '说明', at: '时间',
    },
  },
  'api::notice.notice': {
    mainField: 'title',
    fields: {
      kind: '类别', title: '标题', body: '正文', period: '期间', targetGrids: '通报乡镇/网格', targetDepartments: '通报部门',
      metrics: '指标', issuedAt: '下发时间', rectifyBy: '整改期限', state: '状态', acknowledgedAt: '签收时间',
      rectifiedAt: '整改完成时间', spotCheck: '关联抽查', items: '关联事项',
      acknowledgedBy: '签收人', rectifiedBy: '整改确认人', rectificationNote: '整改情况说明',
    },
  },
  'api::spot-check.spot-check': {
    mainField: 'period',
    fields: {
      period: '抽查月份', seed: '随机种子', samplingRule: '抽样规则', sample: '样本', results: '结果', state: '状态',
      sampledAt: '抽样时间', completedAt: '完成时间', items: '抽查事项',
    },
  },
  'plugin::minyi.outbox-message': {
    mainField: 'dedupeKey',
    fields: {
      dedupeKey: '去重键', template: '模板', recipient: '收件人', recipientLabel: '收件人名称', data: '邮件数据', itemDocumentId: '事项文档ID',
      state: '发送状态', attempts: '尝试次数', nextAttemptAt: '下次尝试时间', claimedBy: '发送实例', claimedUntil: '占用至',
      lastError: '最近错误', sentAt: '发送时间',
    },
    // Written by the workflow and the sender; an administrator may only put a failed message back (state, next attempt).
    readOnly: ['dedupeKey', 'template', 'recipient', 'recipientLabel', 'data', 'itemDocumentId', 'attempts', 'claimedBy', 'claimedUntil', 'lastError', 'sentAt'],
    list: ['id', 'template', 'recipient', 'state', 'attempts', 'lastError', 'sentAt'],
  },
};
