import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { Action } from '../domain/state-machine';
import type { ItemScope } from '../domain/access-scope';
import { parseMovePreconditions } from '../domain/move-guards';
import type { AccessScopeService, AdminAccount, LinkedStaff } from '../services/access-scope';
import { type Actor, type WorkflowService, WorkflowRefusal } from '../services/workflow';

import { answerRefusal as refuse } from './refusal-response';

/** Handling routes (办理): the same workflow for staff in the admin panel and field staff over REST. */
const workflow = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = (): WorkflowService => strapi.plugin('minyi').service('workflow');

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
      if (actor === null) {
        throw new WorkflowRefusal(403, 'NOT_STAFF', {
          zh: '当前账号未关联在岗工作人员',
          en: 'This account is not linked to active staff',
        });
      }
      const body = ctx.request.body as { data?: unknown } | undefined;
      // "Only if it is still …": data.expectedState and/or If-Match with the handling version.
      const guarded = parseMovePreconditions(body?.data ?? {}, ctx.get('If-Match') || undefined);
      if (!guarded.ok) {
        throw new WorkflowRefusal(
          400,
          'INVALID_INPUT',
          { zh: '输入有误', en: 'Invalid input' },
          guarded.problems
        );
      }
      // The scope is checked on the move's own read of the item (an unknown item is a 404).
      const item = await service().act(
        documentId,
        action as Action,
        actor,
        guarded.input,
        undefined,
        {
          scope,
          preconditions: guarded.preconditions,
        }
      );
      ctx.set('ETag', `"${item.version}"`);
      ctx.body = {
        data: {
          documentId: item.documentId,
          trackingCode: item.trackingCode,
          status: item.state,
          level: item.level,
          dueAt: item.dueAt,
          escalationCount: item.escalationCount,
          extensionPending: item.extensionPending,
          version: item.version,
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
