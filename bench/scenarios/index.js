'use strict';

/**
 * The scenario registry: every other .js file in this folder is a scenario. A later issue adds
 * its benchmark as a new file here; run.js needs no change. A scenario module exports:
 *
 *   name         unique, used by --only
 *   order        sort key (lower runs first); creates should come after reads
 *   description  one line: what is compared, and why
 *   prepare(ctx) optional async set-up (ctx.client, ctx.token, ctx.fixtures, ctx.counts)
 *   targets(ctx) => { control: Target, project: Target[] }
 *
 * A Target is { label, method?, path, headers?, body? } (body: object, sent as JSON). The control
 * is a route of the bench-control plugin (plain Strapi, no project logic); the project targets
 * are the project's own endpoints doing comparable work. Every target must answer 2xx.
 */
const fs = require('fs');
const path = require('path');

function loadScenarios() {
  const scenarios = fs
    .readdirSync(__dirname)
    .filter((file) => file.endsWith('.js') && file !== 'index.js')
    .map((file) => ({ file, ...require(path.join(__dirname, file)) }));
  const names = new Set();
  for (const scenario of scenarios) {
    if (!scenario.name || typeof scenario.targets !== 'function') {
      throw new Error(
        `bench/scenarios/${scenario.file}: a scenario exports { name, targets(ctx) }`
      );
    }
    if (names.has(scenario.name))
      throw new Error(`bench/scenarios: two scenarios are named "${scenario.name}"`);
    names.add(scenario.name);
  }
  return scenarios.sort(
    (a, b) => (a.order ?? 100) - (b.order ?? 100) || a.name.localeCompare(b.name)
  );
}

module.exports = { loadScenarios };
