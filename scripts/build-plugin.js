#!/usr/bin/env node
'use strict';

/**
 * Builds plugins/minyi with @strapi/sdk-plugin when its sources are newer than its build.
 * Strapi silently skips a plugin whose dist/ is missing, so develop, start, build and the tests
 * all run this first; skipping an up-to-date build saves ~40 s on every run.
 * `--force` always rebuilds.
 */
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const pluginDir = path.resolve(__dirname, '..', 'plugins', 'minyi');
const stamp = path.join(pluginDir, 'dist', '.build-stamp');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (!entry.name.endsWith('.test.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

const sources = ['admin', 'server', 'package.json'].map((p) => path.join(pluginDir, p));
const sourceTime = Math.max(...sources.map((p) => (fs.statSync(p).isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs)));
const builtTime = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;

if (!process.argv.includes('--force') && builtTime > sourceTime) {
  console.log('[minyi] plugin build is up to date');
  process.exit(0);
}

console.log('[minyi] building plugins/minyi …');
execFileSync('npm', ['run', 'build'], { cwd: pluginDir, stdio: 'inherit' });
fs.writeFileSync(stamp, new Date().toISOString());
