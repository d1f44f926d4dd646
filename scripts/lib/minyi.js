'use strict';

/**
 * The minyi plugin's services and configuration for the plain-JS scripts, benchmarks and test
 * workers: the same getters as plugins/minyi/server/src/plugin.ts (the typed ones, for TypeScript),
 * with the types carried over by JSDoc so an editor follows the call.
 */

/**
 * @template {import('../../plugins/minyi/server/src/plugin').MinyiServiceName} Name
 * @param {import('@strapi/strapi').Core.Strapi} strapi
 * @param {Name} name
 * @returns {import('../../plugins/minyi/server/src/plugin').MinyiServices[Name]}
 */
function minyiService(strapi, name) {
  const plugin = strapi.plugin('minyi');
  if (!plugin) {
    throw new Error(
      'the minyi plugin is not loaded: build it with `npm run build:plugin` (the npm scripts do)'
    );
  }
  return plugin.service(name);
}

/**
 * @param {import('@strapi/strapi').Core.Strapi} strapi
 * @returns {import('../../plugins/minyi/server/src/config').MinyiConfig}
 */
function minyiConfig(strapi) {
  return strapi.config.get('plugin::minyi');
}

module.exports = { minyiService, minyiConfig };
