import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

import type { AdminAccount } from '../services/access-scope';
import type { ItemPanelService } from '../services/item-panel';
import { WorkflowRefusal } from '../services/workflow';
import { answerRefusal } from './refusal-response';

/** GET /minyi/items/:documentId/panel — the edit view's item panel for the signed-in admin. */
const itemPanel = ({ strapi }: { strapi: Core.Strapi }) => ({
  async show(ctx: Context) {
    const { documentId } = ctx.params as { documentId: string };
    const service: ItemPanelService = strapi.plugin('minyi').service('item-panel');
    try {
      ctx.body = { data: await service.panel(documentId, ctx.state.user as AdminAccount) };
    } catch (error) {
      if (error instanceof WorkflowRefusal) return answerRefusal(ctx, error);
      throw error;
    }
  },
});

export default itemPanel;
