import type { Core } from '@strapi/strapi';
import type { MinyiConfig } from './config';
import type jobs from './jobs/engine/jobs-service';
import type services from './services';

/** The plugin's name in Strapi (`plugin::minyi.*` uids, `/minyi` admin routes, `plugin::minyi` config). */
export const PLUGIN_ID = 'minyi';

/** Every service the plugin registers, by its registration name. */
type ServiceFactories = typeof services & { jobs: typeof jobs };

/** Each service's own type, by name. */
export type MinyiServices = {
  [Name in keyof ServiceFactories]: ReturnType<ServiceFactories[Name]>;
};
export type MinyiServiceName = keyof MinyiServices;

/**
 * A plugin service with its own type: `minyiService(strapi, 'workflow').act(…)`. The compiler
 * checks the name and follows the call; Strapi's own `plugin().service()` answers `any`.
 */
export function minyiService<Name extends MinyiServiceName>(
  strapi: Core.Strapi,
  name: Name
): MinyiServices[Name] {
  // The one cast between Strapi's untyped service registry and the map above.
  return strapi.plugin(PLUGIN_ID).service(name) as MinyiServices[Name];
}

/** The plugin's configuration as config/index.ts defaulted and validated it at startup. */
export function minyiConfig(strapi: Core.Strapi): MinyiConfig {
  return strapi.config.get(`plugin::${PLUGIN_ID}`) as MinyiConfig;
}
