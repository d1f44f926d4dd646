import type { Core } from '@strapi/strapi';
import pkg from '../../../../package.json';
import { minyiConfig, PLUGIN_ID } from '../../plugin';

/** What the plugin has loaded: proves to tests and operators that the built plugin is running. */
const status = ({ strapi }: { strapi: Core.Strapi }) => ({
  describe() {
    return {
      plugin: 'minyi',
      version: pkg.version,
      timezone: minyiConfig(strapi).timezone,
      services: Object.keys(strapi.plugin(PLUGIN_ID).services).sort(),
    };
  },
});

export default status;
