import fc from 'fast-check';
import { isValidFeedbackToken } from '../feedback-token';
import { alignedTable, displayWidth } from './layout';
import { MAIL_PREVIEW_SAMPLES, renderMessage, UnknownTemplateError } from './index';

const context = {
  publicUrl: 'https://minyi.example.gov.cn/',
  timezone: 'Asia/Shanghai',
  feedbackKey: 'test-feedback-key-0123456789',
};
const item = {
  title: '路灯不亮',
  trackingCode: 'MYABCDEFGHJKMN',
  level: 'grid',
  dueAt: '2026-12-04T10:00:00.000Z',
};

describe('mail templates', () => {
  it('renders every preview sample with a Chinese subject, text and HTML', () => {
    for (const sample of MAIL_PREVIEW_SAMPLES) {
      const mail = renderMessage(sample, context);
      expect(mail.subject).toMatch(/[\u4e00-\u9fff]/);
      expect(mail.subject).not.toMatch(/[\r\n]/);
      expect(mail.text).toContain('本邮件由民意直通车系统自动发送');
      expect(mail.html).toMatch(/^<!DOCTYPE html>/);
    }
  });

  it('shows deadlines in the county time zone', () => {
    const mail = renderMessage(
      { template: 'warning', recipientLabel: '王网格长', itemDocumentId: 'd1', data: item },
      context
    );
    expect(mail.subject).toBe('【催办】路灯不亮 将于 2026年12月4日 18:00 到期');
    expect(mail.text).toContain('王网格长:您好!');
    expect(mail.text).toContain(
      'https://minyi.example.gov.cn/admin/content-manager/collection-types/api::item.item/d1'
    );
  });

  it('words a reopened item as 重新办理 with the reason, a first assignment as 交办', () => {
    const reopened = renderMessage(
      {
        template: 'assigned',
        recipientLabel: '',
        itemDocumentId: 'd1',
        data: { ...item, action: 'reopen', note: '回访未解决' },
      },
      context
    );
    expect(reopened.subject).toBe('【重新办理】路灯不亮(MYABCDEFGHJKMN)');
    expect(reopened.text).toContain('回访未解决');
    const assigned = renderMessage(
      {
        template: 'assigned',
        recipientLabel: '',
        itemDocumentId: 'd1',
        data: { ...item, action: 'assign' },
      },
      context
    );
    expect(assigned.subject).toBe('【交办】路灯不亮(MYABCDEFGHJKMN)');
  });

  it('escapes whatever the data holds in the HTML and keeps it readable in the text', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (title, reply) => {
        const mail = renderMessage(
          {
            template: 'resolved',
            recipientLabel: '',
            itemDocumentId: 'd1',
            data: { ...item, title, reply, reason: 'resident' },
          },
          context
        );
        const body = mail.html.replace(
          /<\/?(p|br|a|table|thead|tbody|tr|th|td|strong|blockquote|html|head|body|meta|title|!DOCTYPE)\b[^>]*>/gi,
          ''
        );
        expect(body).not.toMatch(/[<>]/);
        expect(mail.text).toContain(reply.split('\n')[0]);
      })
    );
    const mail = renderMessage(
      {
        template: 'resolved',
        recipientLabel: '',
        itemDocumentId: 'd1',
        data: { ...item, title: '<script>alert(1)</script>', reason: 'resident' },
      },
      context
    );
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).not.toContain('<script>');
  });

  it('gives the resident the tracking and a valid feedback link and nothing about staff', () => {
    const data = {
      ...item,
      reply: '已修复',
      reason: 'resident',
      address: '幸福路12号',
      categoryName: '路灯照明',
    };
    const mail = renderMessage(
      { template: 'resolved', recipientLabel: '张三', itemDocumentId: 'd1', data },
      context
    );
    expect(mail.subject).toBe('您反映的事项已办结(查询码 MYABCDEFGHJKMN)');
    expect(mail.text).toContain('https://minyi.example.gov.cn/api/items/track/MYABCDEFGHJKMN');
    const token = /\/feedback\?token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1] ?? '';
    expect(isValidFeedbackToken('MYABCDEFGHJKMN', token, context.feedbackKey)).toBe(true);
    expect(mail.text).not.toContain('/admin/');
    expect(mail.text).not.toContain('张三');
    const staff = renderMessage(
      {
        template: 'resolved',
        recipientLabel: '王网格长',
        itemDocumentId: 'd1',
        data: { ...data, reason: 'first-responder' },
      },
      context
    );
    expect(staff.subject).toBe('【办结】路灯不亮(MYABCDEFGHJKMN)');
    expect(staff.text).not.toContain('/feedback');
  });

  it('words extension decisions and escalations by what happened', () => {
    const approved = renderMessage(
      {
        template: 'extension-decided',
        recipientLabel: '',
        itemDocumentId: 'd',
        data: { ...item, action: 'approve-extension' },
      },
      context
    );
    const rejected = renderMessage(
      {
        template: 'extension-decided',
        recipientLabel: '',
        itemDocumentId: 'd',
        data: { ...item, action: 'reject-extension', note: '不同意' },
      },
      context
    );
    expect(approved.subject).toContain('同意延期');
    expect(rejected.subject).toContain('不同意延期');
    const escalated = renderMessage(
      {
        template: 'escalated',
        recipientLabel: '',
        itemDocumentId: 'd',
        data: { ...item, fromLevel: 'grid', toLevel: 'township' },
      },
      context
    );
    expect(escalated.subject).toBe('【上报】路灯不亮 已上报至乡镇');
    expect(escalated.text).toContain('已由系统自动从网格上报至乡镇办理');
  });

  it('renders a rectification notice with its deadline and table', () => {
    const sample = MAIL_PREVIEW_SAMPLES.find((entry) => entry.id === 'rectification');
    const mail = renderMessage(sample!, context);
    expect(mail.subject).toMatch(/^【整改通知书】/);
    expect(mail.text).toContain('请于 2026年12月15日 前完成整改');
    expect(mail.html).toContain(
      '<th style="border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top;background:#f6f8fa">查询码</th>'
    );
  });

  it('refuses an unknown template', () => {
    expect(() =>
      renderMessage({ template: 'nope', recipientLabel: '', itemDocumentId: '', data: {} }, context)
    ).toThrow(UnknownTemplateError);
  });
});

describe('aligned text tables', () => {
  it('aligns columns by display width, CJK counting double', () => {
    expect(displayWidth('深柳镇a')).toBe(7);
    expect(
      alignedTable(
        ['单位', '办结率'],
        [
          ['深柳镇', '94.83%'],
          ['县城管局', '90%'],
        ]
      )
    ).toBe(
      ['单位      办结率', '--------  ------', '深柳镇    94.83%', '县城管局  90%'].join('\n')
    );
  });
});
