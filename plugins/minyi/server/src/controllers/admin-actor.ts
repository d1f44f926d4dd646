import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { ItemScope } from '../domain/access-scope';
import { minyiService } from '../plugin';
import { Refusal } from '../refusal';
import type { AdminAccount } from '../services/access/access-scope';
import type { Actor } from '../services/handling/workflow';

type AdminUser = AdminAccount & { firstname?: string; lastname?: string };

/**
 * Who an admin panel user acts as: the staff record linked to their account, within its unit; a
 * super admin without one acts as county coordinator. Null actor: not linked to active staff.
 */
export async function adminActor(
  strapi: Core.Strapi,
  ctx: Context
): Promise<{ actor: Actor | null; scope: ItemScope }> {
  const user = ctx.state.user as AdminUser;
  const { staff, scope } = await minyiService(strapi, 'access-scope').adminAccount(user);
  if (staff) return { actor: { role: staff.role, label: staff.name, staffId: staff.id }, scope };
  const superAdmin = user.roles?.some((role) => role.code === 'strapi-super-admin');
  const actor: Actor | null = superAdmin
    ? {
        role: 'county-coordinator',
        label: `${user.firstname ?? ''}${user.lastname ?? ''}(系统管理员)`,
      }
    : null;
  return { actor, scope };
}

/** The refusal of an account that is not linked to active staff. */
export function notStaff(): Refusal {
  return new Refusal(403, 'NOT_STAFF', {
    zh: '当前账号未关联在岗工作人员',
    en: 'This account is not linked to active staff',
  });
}

/** adminActor's actor, or the NOT_STAFF refusal. */
export async function requireAdminActor(strapi: Core.Strapi, ctx: Context): Promise<Actor> {
  const { actor } = await adminActor(strapi, ctx);
  if (!actor) throw notStaff();
  return actor;
}
