import type { NoticeMessageData, NotificationTemplate } from '../notifications';

/** Example rows for the template previews in the admin: one per template and variant. */
export interface MailPreviewSample {
  readonly id: string;
  readonly label: string;
  readonly template: NotificationTemplate;
  readonly recipientLabel: string;
  readonly itemDocumentId: string;
  readonly data: Readonly<Record<string, unknown>>;
}

const item = {
  title: '幸福路路灯连续一周不亮',
  trackingCode: 'MYK7Q2M4X9T3C8',
  categoryName: '路灯照明',
  address: '深柳镇幸福路 12 号附近',
  level: 'grid',
  dueAt: '2026-12-04T10:00:00.000Z',
};

const notice = (data: NoticeMessageData): Readonly<Record<string, unknown>> => ({ ...data });

export const MAIL_PREVIEW_SAMPLES: readonly MailPreviewSample[] = [
  {
    id: 'assigned',
    label: '交办',
    template: 'assigned',
    recipientLabel: '一网格 王网格长',
    itemDocumentId: 'sampledoc1',
    data: { ...item, action: 'assign', note: '请尽快联系供电所核实', reason: 'owner' },
  },
  {
    id: 'supervised',
    label: '督办',
    template: 'supervised',
    recipientLabel: '一网格 王网格长',
    itemDocumentId: 'sampledoc1',
    data: {
      ...item,
      action: 'supervise',
      note: '群众多次反映,请本周内修复并回复',
      reason: 'owner',
    },
  },
  {
    id: 'warning',
    label: '催办',
    template: 'warning',
    recipientLabel: '一网格 王网格长',
    itemDocumentId: 'sampledoc1',
    data: { ...item, reason: 'owner' },
  },
  {
    id: 'escalated',
    label: '上报(超期自动上报)',
    template: 'escalated',
    recipientLabel: '深柳镇 李干部',
    itemDocumentId: 'sampledoc1',
    data: {
      ...item,
      level: 'township',
      fromLevel: 'grid',
      toLevel: 'township',
      dueAt: '2026-12-11T10:00:00.000Z',
      reason: 'owner',
    },
  },
  {
    id: 'overdue',
    label: '超期(县级)',
    template: 'overdue',
    recipientLabel: '县委社会工作部',
    itemDocumentId: 'sampledoc1',
    data: { ...item, level: 'county', reason: 'owner' },
  },
  {
    id: 'extension-approved',
    label: '延期审批结果(同意)',
    template: 'extension-decided',
    recipientLabel: '县城管局',
    itemDocumentId: 'sampledoc1',
    data: {
      ...item,
      action: 'approve-extension',
      dueAt: '2026-12-18T10:00:00.000Z',
      reason: 'first-responder',
    },
  },
  {
    id: 'extension-rejected',
    label: '延期审批结果(不同意)',
    template: 'extension-decided',
    recipientLabel: '县城管局',
    itemDocumentId: 'sampledoc1',
    data: {
      ...item,
      action: 'reject-extension',
      note: '工作量不大,请按原时限办结',
      reason: 'first-responder',
    },
  },
  {
    id: 'resolved-staff',
    label: '办结(工作人员)',
    template: 'resolved',
    recipientLabel: '一网格 王网格长',
    itemDocumentId: 'sampledoc1',
    data: { ...item, reply: '已联系供电所更换灯泡,12月3日恢复照明。', reason: 'first-responder' },
  },
  {
    id: 'resolved-resident',
    label: '办结(群众,含评价链接)',
    template: 'resolved',
    recipientLabel: '反映人',
    itemDocumentId: 'sampledoc1',
    data: {
      title: item.title,
      trackingCode: item.trackingCode,
      reply: '已联系供电所更换灯泡,12月3日恢复照明。<感谢您的反映>',
      reason: 'resident',
    },
  },
  {
    id: 'rectification',
    label: '整改通知书',
    template: 'notice',
    recipientLabel: '深柳镇',
    itemDocumentId: '',
    data: notice({
      noticeDocumentId: 'samplenotice1',
      kind: 'rectification',
      title: '关于深柳镇2026年11月民意事项办理问题的整改通知书',
      period: '2026-11',
      unitName: '深柳镇人民政府',
      paragraphs: [
        '经2026年11月随机抽查,你镇抽查的10件已办结事项中有3件经回访核实未解决,抽查通过率70.00%,低于全县平均水平。',
        '请认真查找原因,逐件重新办理,并将整改情况书面报县委社会工作部。',
      ],
      table: {
        columns: ['查询码', '事项', '问题'],
        rows: [
          ['MYA1B2C3D4E5F6', '村道破损', '回访称未修复'],
          ['MYG7H8J9K0M1N2', '噪音扰民', '回访称未处理'],
        ],
      },
      rectifyBy: '2026-12-15',
    }),
  },
  {
    id: 'bulletin',
    label: '通报',
    template: 'notice',
    recipientLabel: '各乡镇、县直各单位',
    itemDocumentId: '',
    data: notice({
      noticeDocumentId: 'samplenotice2',
      kind: 'bulletin',
      title: '2026年11月民意直通车办理情况通报',
      period: '2026-11',
      paragraphs: ['11月全县共受理民意事项577件,办结541件,办结率93.76%。'],
      table: {
        columns: ['单位', '受理', '办结', '办结率', '满意率'],
        rows: [
          ['深柳镇', '58', '55', '94.83%', '96.36%'],
          ['县城管局', '41', '37', '90.24%', '91.89%'],
        ],
      },
    }),
  },
  {
    id: 'special-report',
    label: '民意专报',
    template: 'notice',
    recipientLabel: '县委、县政府',
    itemDocumentId: '',
    data: notice({
      noticeDocumentId: 'samplenotice3',
      kind: 'special-report',
      title: '2026年11月民意专报',
      period: '2026-11',
      paragraphs: ['本月群众反映集中在路灯照明、环境卫生和道路交通三类。'],
    }),
  },
  {
    id: 'weekly',
    label: '周调度',
    template: 'notice',
    recipientLabel: '各乡镇',
    itemDocumentId: '',
    data: notice({
      noticeDocumentId: 'samplenotice4',
      kind: 'weekly',
      title: '第49周民意事项办理调度',
      period: '2026-W49',
      paragraphs: ['本周各乡镇办理进度如下。'],
      table: {
        columns: ['乡镇', '在办', '超期'],
        rows: [
          ['深柳镇', '12', '1'],
          ['黄山头镇', '8', '0'],
        ],
      },
    }),
  },
  {
    id: 'monthly',
    label: '月研判',
    template: 'notice',
    recipientLabel: '县直各单位',
    itemDocumentId: '',
    data: notice({
      noticeDocumentId: 'samplenotice5',
      kind: 'monthly',
      title: '2026年11月民意研判',
      period: '2026-11',
      paragraphs: ['各类事项数量及办理情况见下表。'],
      table: {
        columns: ['分类', '事项数'],
        rows: [
          ['路灯照明', '96'],
          ['环境卫生', '88'],
        ],
      },
    }),
  },
  {
    id: 'quarterly',
    label: '季汇报',
    template: 'notice',
    recipientLabel: '县委、县政府',
    itemDocumentId: '',
    data: notice({
      noticeDocumentId: 'samplenotice6',
      kind: 'quarterly',
      title: '2026年第四季度民意直通车工作汇报',
      period: '2026-Q4',
      paragraphs: ['第四季度全县受理民意事项1,702件,办结率94.1%。'],
      downloads: [
        {
          label: '汇总表(XLSX)',
          url: 'http://localhost:1337/api/notices/samplenotice6/download.xlsx',
        },
      ],
    }),
  },
  {
    id: 'invitation',
    label: '账号邀请',
    template: 'invitation',
    recipientLabel: '张三',
    itemDocumentId: '',
    data: {
      name: '张三',
      roleLabel: '网格员',
      unitName: '书院洲村一网格',
      email: 'zhangsan@example.com',
      login: 'admin',
      link: 'https://minyi.example.gov.cn/admin/auth/register?registrationToken=sample',
    },
  },
  {
    id: 'notice-step-return',
    label: '整改报告退回重报',
    template: 'notice-step',
    recipientLabel: '深柳镇',
    itemDocumentId: '',
    data: {
      noticeDocumentId: 'samplenotice1',
      title: '关于深柳镇2026年11月民意事项办理问题的整改通知书',
      unitName: '深柳镇',
      step: 'return',
      by: '县委社会工作部 王主任',
      at: '2026-12-10T02:30:00.000Z',
      text: '未逐件说明3件未解决事项的重新办理结果,请补充<回访记录>。',
    },
  },
];
