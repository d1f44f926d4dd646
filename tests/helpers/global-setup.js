'use strict';

/**
 * Compiles the app's TypeScript into dist/ once per jest run (each test file then boots that
 * build), and refuses to start when the plugin has not been built: Strapi would otherwise skip
 * it silently and every plugin test would fail for a confusing reason.
 */
const fs = require('fs');
const path = require('path');

module.exports = async () => {
  const root = path.resolve(__dirname, '..', '..');
  const pluginEntry = path.join(root, 'plugins/minyi/dist/server/index.js');
  if (!fs.existsSync(pluginEntry)) {
    throw new Error(
      'plugins/minyi is not built: run `npm run build:plugin` (npm test does it for you)'
    );
  }
  const { compileStrapi } = require('@strapi/strapi');
  await compileStrapi({ appDir: root });
};
