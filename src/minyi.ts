import type { Core } from '@strapi/strapi';
// The plugin's published declarations (written by `npm run build:plugin`, which every npm script
// runs before compiling the app): the app is tied to the plugin by its types, not by strings.
import type { MinyiConfig } from '../plugins/minyi/dist/server/src/config';
import type { MinyiServiceName, MinyiServices } from '../plugins/minyi/dist/server/src/plugin';

/** A minyi plugin service with its own type (the app's side of the plugin's `minyiService`). */
export function minyiService<Name extends MinyiServiceName>(
  strapi: Core.Strapi,
  name: Name
): MinyiServices[Name] {
  const plugin = strapi.plugin('minyi');
  if (!plugin) throw new Error('[minyi] the minyi plugin is not loaded (is plugins/minyi built?)');
  // The one cast between Strapi's untyped service registry and the plugin's map of services.
  return plugin.service(name) as MinyiServices[Name];
}

/** The minyi plugin's configuration, as the plugin validated it at startup. */
export function minyiConfig(strapi: Core.Strapi): MinyiConfig {
  return strapi.config.get('plugin::minyi') as MinyiConfig;
}
