#!/usr/bin/env node
'use strict';

/**
 * Rebuilds what is older than its sources:
 *   plugin — plugins/minyi with @strapi/sdk-plugin (~40 s). Strapi silently skips a plugin whose
 *            dist/ is missing, so develop, build, the tests and the scripts all run this first.
 *   admin  — the admin panel with `strapi build` (~60 s), for the browser tests.
 * Usage: node scripts/build-if-stale.js plugin|admin [--force]
 */
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const root = path.resolve(__dirname, '..');
const TARGETS = {
  plugin: {
    sources: [
      'plugins/minyi/admin',
      'plugins/minyi/server',
      'plugins/minyi/shared',
      'plugins/minyi/package.json',
    ],
    stamp: 'plugins/minyi/dist/.build-stamp',
    build: () =>
      execFileSync('npm', ['run', 'build'], {
        cwd: path.join(root, 'plugins/minyi'),
        stdio: 'inherit',
      }),
  },
  admin: {
    sources: [
      'src/admin',
      'plugins/minyi/admin',
      'plugins/minyi/dist/.build-stamp',
      'config',
      'package-lock.json',
    ],
    stamp: 'dist/build/.build-stamp',
    build: () =>
      execFileSync(path.join(root, 'node_modules/.bin/strapi'), ['build'], {
        cwd: root,
        stdio: 'inherit',
      }),
  },
};

function newestMtime(file) {
  if (!fs.existsSync(file)) return 0;
  const stat = fs.statSync(file);
  if (!stat.isDirectory()) return file.endsWith('.test.ts') ? 0 : stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(file)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(path.join(file, entry)));
  }
  return newest;
}

const [name] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const target = TARGETS[name];
if (!target) {
  console.error(
    `usage: node scripts/build-if-stale.js ${Object.keys(TARGETS).join('|')} [--force]`
  );
  process.exit(2);
}

const stamp = path.join(root, target.stamp);
const sourceTime = Math.max(
  ...target.sources.map((source) => newestMtime(path.join(root, source)))
);
const builtTime = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
if (!process.argv.includes('--force') && builtTime > sourceTime) {
  console.log(`[minyi] ${name} build is up to date`);
  process.exit(0);
}
console.log(`[minyi] building ${name} …`);
target.build();
fs.mkdirSync(path.dirname(stamp), { recursive: true });
fs.writeFileSync(stamp, new Date().toISOString());
