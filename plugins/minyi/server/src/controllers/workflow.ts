import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { ItemScope } from '../domain/access-scope';
import { minyiService } from '../plugin';
import { answeringRefusals, Refusal } from '../refusal';
import type { Actor } from '../services/handling/workflow';
import { adminActor, notStaff } from './admin-actor';

/** Handling routes (办理): the same workflow for staff in the admin panel and field staff over REST. */
const workflow = ({ strapi }: { strapi: Core.Strapi }) => {
  const access = () => minyiService(strapi, 'access-scope');

  /** Acts for `actor` on an item inside `scope` (the actor's unit); an item outside it is refused. */
  async function act(ctx: Context, actor: Actor | null, scope: ItemScope) {
    const { documentId, action } = ctx.params as { documentId: string; action: string };
    await answeringRefusals(ctx, async () => {
      const service = minyiService(strapi, 'workflow');
      if (!service.isAction(action)) {
        throw new Refusal(404, 'UNKNOWN_ACTION', {
          zh: `没有"${action}"这项办理操作`,
          en: `Unknown action "${action}"`,
        });
      }
      if (actor === null) throw notStaff();
      // An unknown item falls through to the workflow's 404.
      if ((await access().itemInScope(scope, documentId)) === false) {
        throw new Refusal(403, 'OUTSIDE_UNIT', {
          zh: '该事项不属于您所在的单位',
          en: 'This item is outside your unit',
        });
      }
      const body = ctx.request.body as { data?: unknown } | undefined;
      const item = await service.act(documentId, action, actor, body?.data ?? {});
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
    });
  }

  return {
    /**
     * Admin panel users act as the staff record linked to their admin account, within its unit
     * (a super admin county-wide). A super admin without one acts as county coordinator.
     */
    async actAsAdmin(ctx: Context) {
      const { actor, scope } = await adminActor(strapi, ctx);
      return act(ctx, actor, scope);
    },

    /** Field staff act over REST as the staff record linked to their users-permissions account, within its unit. */
    async actAsStaff(ctx: Context) {
      const user = ctx.state.user as { id: number } | undefined;
      const staff = user ? await access().linkedStaff('user', user.id) : null;
      const actor = staff ? { role: staff.role, label: staff.name, staffId: staff.id } : null;
      return act(ctx, actor, access().scopeOf(staff));
    },
  };
};

export default workflow;
