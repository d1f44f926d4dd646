import type { Core } from '@strapi/strapi';
import pkg from '../../../package.json';

/** What the plugin has loaded: proves to tests and operators that the built plugin is running. */
const status = ({ strapi }: { strapi: Core.Strapi }) => ({
  describe() {
    return {
      plugin: 'minyi',
      version: pkg.version,
      timezone: strapi.plugin('minyi').config('timezone') as string,
      services: Object.keys(strapi.plugin('minyi').services).sort(),
    };
  },
});

export default status;
