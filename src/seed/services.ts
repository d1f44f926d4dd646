import type { Core } from '@strapi/strapi';

/** The parts of the minyi plugin's services the loaders use. */
export interface ItemIdentityService {
  newTrackingCode(): string;
}

export interface GridTreeService {
  childPath(parentPath: string | null, code: string): string;
}

export function minyiServices(strapi: Core.Strapi): {
  identity: ItemIdentityService;
  gridTree: GridTreeService;
} {
  const plugin = strapi.plugin('minyi');
  if (!plugin) throw new Error('[minyi] the minyi plugin is not loaded (is plugins/minyi built?)');
  return {
    identity: plugin.service<ItemIdentityService>('item-identity'),
    gridTree: plugin.service<GridTreeService>('grid-tree'),
  };
}
