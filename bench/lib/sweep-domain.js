'use strict';

/**
 * The plugin's per-item rule, `decideSweepAction`, for the naive contender.
 *
 * The built plugin (plugins/minyi/dist/server) is one bundle whose only export is the Strapi plugin
 * object: the pure domain functions are not exported, and `decideSweepAction` is tree-shaken out of
 * it (the sweep service uses the set-based `planSweep`/`escalationStep`). So the naive loop loads the
 * domain's own TypeScript source — escalation.ts and what it imports (deadlines, vocabulary, result;
 * calendar.ts is a type-only import) — transpiled in memory with the project's `typescript`. Same
 * source, same rules as the unit tests; nothing is re-implemented here.
 */
const fs = require('fs');
const path = require('path');
const Module = require('module');
const { ROOT } = require('./app');

const DOMAIN_DIR = path.join(ROOT, 'plugins', 'minyi', 'server', 'src', 'domain');

const cache = new Map();

function loadDomainModule(entry) {
  const ts = require('typescript');
  const load = (name) => {
    const file = path.join(DOMAIN_DIR, `${name}.ts`);
    if (cache.has(file)) return cache.get(file).exports;
    const { outputText } = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
      },
    });
    const mod = new Module(file, module);
    mod.filename = file;
    mod.paths = Module._nodeModulePaths(DOMAIN_DIR);
    cache.set(file, mod);
    const localRequire = (request) =>
      request.startsWith('./')
        ? load(request.slice(2).replace(/\.(ts|js)$/, ''))
        : mod.require(request);
    // A CommonJS wrapper, as Node's own loader builds it
    new Function('exports', 'require', 'module', '__filename', '__dirname', outputText)(
      mod.exports,
      localRequire,
      mod,
      file,
      DOMAIN_DIR
    );
    mod.loaded = true;
    return mod.exports;
  };
  return load(entry);
}

/** { decideSweepAction, ACTIVE_STATUSES, LEVELS, nextLevel } from the plugin's domain source. */
function loadSweepDomain() {
  const escalation = loadDomainModule('escalation');
  const vocabulary = loadDomainModule('vocabulary');
  if (typeof escalation.decideSweepAction !== 'function') {
    throw new Error(
      `decideSweepAction not found in ${path.relative(ROOT, DOMAIN_DIR)}/escalation.ts`
    );
  }
  return {
    decideSweepAction: escalation.decideSweepAction,
    ACTIVE_STATUSES: [...vocabulary.ACTIVE_STATUSES],
    LEVELS: [...vocabulary.LEVELS],
    nextLevel: vocabulary.nextLevel,
  };
}

module.exports = { loadSweepDomain, loadDomainModule };
