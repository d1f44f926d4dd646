import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { minyiService } from '../plugin';
import { Refusal } from '../refusal';
import type { AdminAccount } from '../services/access/access-scope';

/**
 * Refuses unless the admin may `need` the notice: read it (its units and county-wide accounts) or
 * answer it (its addressees; domain/notice-access.ts). An unknown notice is a 404.
 */
export async function requireNoticeAccess(
  strapi: Core.Strapi,
  ctx: Context,
  documentId: string,
  need: 'read' | 'respond'
): Promise<void> {
  const account = ctx.state.user as AdminAccount;
  const may = await minyiService(strapi, 'audit-access').notice(account, documentId);
  if (!may) throw new Refusal(404, 'NOT_FOUND', { zh: '通知不存在', en: 'No such notice' });
  if (may[need]) return;
  throw need === 'read'
    ? new Refusal(403, 'OUTSIDE_UNIT', {
        zh: '该通知不是发给您所在单位的',
        en: 'This notice is not addressed to your unit',
      })
    : new Refusal(403, 'NOT_ADDRESSEE', {
        zh: '只有通知的接收单位可以签收或报告整改',
        en: 'Only the units the notice is addressed to may acknowledge or rectify it',
      });
}
