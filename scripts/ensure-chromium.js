#!/usr/bin/env node
'use strict';

/**
 * The browser tests drive Debian's Chromium (never a browser downloaded by a test tool).
 * When it is missing and we may install packages (root with apt-get), install it with the CJK
 * fonts the admin's Chinese labels need; otherwise say exactly what to run.
 */
const fs = require('fs');
const { execSync } = require('child_process');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) return CHROMIUM;
  const canInstall = process.getuid && process.getuid() === 0 && fs.existsSync('/usr/bin/apt-get');
  if (!canInstall) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. Install Debian's package: ` +
        'sudo apt-get install -y --no-install-recommends chromium fonts-noto-cjk (or set CHROMIUM_PATH)'
    );
  }
  console.log('[minyi] installing Debian chromium for the browser tests …');
  execSync(
    'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk',
    {
      stdio: 'inherit',
    }
  );
  return CHROMIUM;
}

module.exports = { ensureChromium, CHROMIUM };
if (require.main === module) ensureChromium();
