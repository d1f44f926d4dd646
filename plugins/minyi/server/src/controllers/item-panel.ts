import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { ItemPanelResponse } from '../../../shared/contracts';
import type { AdminCaller } from '../services/workbench/item-panel';
import { minyiService } from '../plugin';
import { Refusal } from '../refusal';
import { answerRefusal } from '../refusal';

/** The signed-in admin user and their abilities, as the plugin's services take them. */
export function adminCaller(ctx: Context): AdminCaller {
  const state = ctx.state as {
    user: AdminCaller['user'];
    userAbility?: { can(action: string, subject?: string, field?: string): boolean };
  };
  return {
    user: state.user,
    can: (action: string) => state.userAbility?.can(action) === true,
    canRead: (uid: string, field: string) =>
      state.userAbility?.can('plugin::content-manager.explorer.read', uid, field) === true,
  };
}

/** GET /minyi/items/:documentId/panel — the item panel of the edit view. */
const itemPanel = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => minyiService(strapi, 'item-panel');
  return {
    async panel(ctx: Context) {
      const { documentId } = ctx.params as { documentId: string };
      const panel = await service().panel(adminCaller(ctx), documentId);
      if (panel === null)
        return answerRefusal(
          ctx,
          new Refusal(404, 'NOT_FOUND', { zh: '事项不存在', en: 'No such item' })
        );
      if (panel === 'outside')
        return answerRefusal(
          ctx,
          new Refusal(403, 'OUTSIDE_UNIT', {
            zh: '该事项不属于您所在的单位',
            en: 'This item is outside your unit',
          })
        );
      const body: ItemPanelResponse = { data: panel };
      ctx.body = body;
    },
  };
};

export default itemPanel;
