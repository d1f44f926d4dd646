import { compose, text, type MailContext, type RenderedMail } from './layout';

/**
 * The invitation a staff member gets when the structure import opens a login for them: a link to
 * set their own password (Strapi's admin registration, or the users-permissions reset code). The
 * mail never holds a password; the link is the only secret, and it works once.
 */
export interface InvitationMessageData {
  readonly name: string;
  readonly roleLabel: string;
  readonly unitName: string;
  readonly login: 'admin' | 'field';
  /** The absolute link to set the password. */
  readonly link: string;
}

export function invitationMail(
  message: { readonly recipientLabel: string; readonly data: Readonly<Record<string, unknown>> },
  context: MailContext
): RenderedMail {
  const data = message.data;
  const login = text(data, 'login') === 'admin' ? 'admin' : 'field';
  const link = text(data, 'link');
  const safeLink = /^https?:\/\//.test(link)
    ? link
    : `${context.publicUrl.replace(/\/+$/, '')}/admin`;
  const what = login === 'admin' ? '民意直通车管理后台账号' : '民意直通车外勤账号';
  return compose(
    `【民意直通车】请设置您的${login === 'admin' ? '管理后台' : '外勤'}账号密码`,
    `${text(data, 'name') || message.recipientLabel},您好:`,
    [
      {
        kind: 'paragraph',
        text: `县委社会工作部已为您开通${what}。请点击下面的链接设置密码,设置后即可登录。链接只能使用一次。`,
      },
      {
        kind: 'facts',
        facts: [
          { label: '角色', value: text(data, 'roleLabel') },
          { label: '所属单位', value: text(data, 'unitName') },
          { label: '登录邮箱', value: text(data, 'email') },
        ].filter((fact) => fact.value !== ''),
      },
      { kind: 'link', label: '设置密码', url: safeLink },
      { kind: 'paragraph', text: '如果您没有申请过此账号,请忽略本邮件。' },
    ]
  );
}
