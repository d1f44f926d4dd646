import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { ItemScope } from '../domain/access-scope';
import { parseMovePreconditions } from '../domain/move-guards';
import { minyiService } from '../plugin';
import { answeringRefusals, Refusal } from '../refusal';
import type { Actor } from '../services/handling/workflow';
import { adminActor, notStaff } from './admin-actor';
import { pluginActionId, type PluginPermissionName } from '../domain/plugin-permissions';
import { multipartBody, multipartPhotos, removeIncoming } from './multipart';

/** Whether the admin user holds a plugin permission (their CASL ability). */
function mayPermission(ctx: Context, name: PluginPermissionName): boolean {
  const ability = ctx.state.userAbility as { can(action: string): boolean } | undefined;
  return ability?.can(pluginActionId(name)) === true;
}

/** Handling routes (办理): the same workflow for staff in the admin panel and field staff over REST. */
const workflow = ({ strapi }: { strapi: Core.Strapi }) => {
  const access = () => minyiService(strapi, 'access-scope');

  /** Acts for `actor` on an item inside `scope` (the actor's unit); an item outside it is refused. */
  async function act(ctx: Context, actor: Actor | null, scope: ItemScope) {
    const { documentId, action } = ctx.params as { documentId: string; action: string };
    // JSON, or multipart (resolve with 整改前/整改后 photos): the JSON as `data`, files as `before` / `after`.
    await removeIncoming(ctx, () =>
      answeringRefusals(ctx, async () => {
        const service = minyiService(strapi, 'workflow');
        if (!service.isAction(action)) {
          throw new Refusal(404, 'UNKNOWN_ACTION', {
            zh: `没有"${action}"这项办理操作`,
            en: `Unknown action "${action}"`,
          });
        }
        // 督办 is its own permission family (plugin-permissions.ts itemsSupervise), on top of 办理.
        if (
          action === 'supervise' &&
          ctx.state.userAbility &&
          !mayPermission(ctx, 'itemsSupervise')
        ) {
          throw new Refusal(403, 'PERMISSION_REQUIRED', {
            zh: '您没有督办权限',
            en: 'You may not supervise items',
          });
        }
        if (actor === null) throw notStaff();
        const body = multipartBody(ctx) as { data?: unknown } | undefined;
        // "Only if it is still …": data.expectedState and/or If-Match with the handling version.
        const guarded = parseMovePreconditions(body?.data ?? {}, ctx.get('If-Match') || undefined);
        if (!guarded.ok) {
          throw new Refusal(
            400,
            'INVALID_INPUT',
            { zh: '输入有误', en: 'Invalid input' },
            guarded.problems
          );
        }
        // The unit is checked on the move's own read of the item (an unknown item is a 404).
        const item = await service.act(documentId, action, actor, guarded.input, undefined, {
          scope,
          preconditions: guarded.preconditions,
          photos: { before: multipartPhotos(ctx, 'before'), after: multipartPhotos(ctx, 'after') },
        });
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
      })
    );
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
