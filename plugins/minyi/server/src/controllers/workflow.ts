import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { Action } from '../domain/state-machine';
import type { ItemScope } from '../domain/access-scope';
import type { AccessScopeService, AdminAccount, LinkedStaff } from '../services/access-scope';
import { type Actor, WorkflowRefusal } from '../services/workflow';

import { answerRefusal as refuse } from './refusal-response';
import { pluginActionId, type PluginPermissionName } from '../domain/plugin-permissions';

/** Whether the admin user holds a plugin permission (their CASL ability). */
function mayPermission(ctx: Context, name: PluginPermissionName): boolean {
  const ability = ctx.state.userAbility as { can(action: string): boolean } | undefined;
  return ability?.can(pluginActionId(name)) === true;
}

/** Handling routes (办理): the same workflow for staff in the admin panel and field staff over REST. */
const workflow = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.plugin('minyi').service('workflow');

  const access = (): AccessScopeService => strapi.plugin('minyi').service('access-scope');
  const actorOf = (staff: LinkedStaff): Actor => ({
    role: staff.role,
    label: staff.name,
    staffId: staff.id,
  });

  /** Acts for `actor` on an item inside `scope` (the actor's unit); an item outside it is refused. */
  async function act(ctx: Context, actor: Actor | null, scope: ItemScope) {
    const { documentId, action } = ctx.params as { documentId: string; action: string };
    try {
      if (!service().isAction(action)) {
        throw new WorkflowRefusal(404, 'UNKNOWN_ACTION', {
          zh: `没有"${action}"这项办理操作`,
          en: `Unknown action "${action}"`,
        });
      }
      // 督办 is its own permission family (plugin-permissions.ts itemsSupervise), on top of 办理.
      if (action === 'supervise' && ctx.state.userAbility && !mayPermission(ctx, 'itemsSupervise')) {
        throw new WorkflowRefusal(403, 'PERMISSION_REQUIRED', {
          zh: '您没有督办权限',
          en: 'You may not supervise items',
        });
      }
      if (actor === null) {
        throw new WorkflowRefusal(403, 'NOT_STAFF', {
          zh: '当前账号未关联在岗工作人员',
          en: 'This account is not linked to active staff',
        });
      }
      // An unknown item falls through to the workflow's 404.
      if ((await access().itemInScope(scope, documentId)) === false) {
        throw new WorkflowRefusal(403, 'OUTSIDE_UNIT', {
          zh: '该事项不属于您所在的单位',
          en: 'This item is outside your unit',
        });
      }
      const body = ctx.request.body as { data?: unknown } | undefined;
      const item = await service().act(documentId, action as Action, actor, body?.data ?? {});
      ctx.body = {
        data: {
          documentId: item.documentId,
          trackingCode: item.trackingCode,
          status: item.state,
          level: item.level,
          dueAt: item.dueAt,
          escalationCount: item.escalationCount,
          extensionPending: item.extensionPending,
        },
      };
    } catch (error) {
      if (error instanceof WorkflowRefusal) return refuse(ctx, error);
      throw error;
    }
  }

  return {
    /**
     * Admin panel users act as the staff record linked to their admin account, within its unit
     * (a super admin county-wide). A super admin without one acts as county coordinator.
     */
    async actAsAdmin(ctx: Context) {
      const user = ctx.state.user as AdminAccount & { firstname?: string; lastname?: string };
      const { staff, scope } = await access().adminAccount(user);
      if (staff) return act(ctx, actorOf(staff), scope);
      const superAdmin = user.roles?.some((role) => role.code === 'strapi-super-admin');
      return act(
        ctx,
        superAdmin
          ? {
              role: 'county-coordinator',
              label: `${user.firstname ?? ''}${user.lastname ?? ''}(系统管理员)`,
            }
          : null,
        scope
      );
    },

    /** Field staff act over REST as the staff record linked to their users-permissions account, within its unit. */
    async actAsStaff(ctx: Context) {
      const user = ctx.state.user as { id: number } | undefined;
      const staff = user ? await access().linkedStaff('user', user.id) : null;
      return act(ctx, staff ? actorOf(staff) : null, access().scopeOf(staff));
    },
  };
};

export default workflow;
