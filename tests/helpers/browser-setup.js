'use strict';

/** Browser tests need the compiled app, the admin panel build, and Debian's Chromium. */
const path = require('path');
const { execFileSync } = require('child_process');
const compileApp = require('./global-setup');
const { ensureChromium } = require('../../scripts/ensure-chromium');

module.exports = async () => {
  const root = path.resolve(__dirname, '..', '..');
  await compileApp();
  ensureChromium();
  execFileSync(process.execPath, [path.join(root, 'scripts/build-if-stale.js'), 'admin'], {
    cwd: root,
    stdio: 'inherit',
  });
};
