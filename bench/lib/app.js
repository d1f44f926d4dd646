'use strict';

/**
 * Boots the built app as a child process (`strapi start`) on a fresh database, and tears it all
 * down again. Everything here is the benchmark's own: a throw-away SQLite file under .tmp/bench/
 * or a throw-away PostgreSQL schema, a free port, BENCH_CONTROL=true.
 */
const fs = require('fs');
const net = require('net');
const path = require('path');
const { spawn } = require('child_process');
const { randomBytes } = require('crypto');
const { openSchema, pgServer, withPg: withPgOn } = require('../../scripts/lib/pg-schema');

const ROOT = path.resolve(__dirname, '..', '..');

// The super admin the app creates on a fresh database; on a kept schema (BENCH_PG_SCHEMA) the one it has.
const ADMIN = {
  email: process.env.BENCH_ADMIN_EMAIL || 'bench@minyi.local',
  password: process.env.BENCH_ADMIN_PASSWORD || 'Bench-Admin-2026',
};

const PG = pgServer('BENCH');

async function compile() {
  const pluginEntry = path.join(ROOT, 'plugins/minyi/dist/server/index.js');
  if (!fs.existsSync(pluginEntry)) {
    throw new Error(
      'plugins/minyi is not built: run `npm run build:plugin` (npm run bench does it for you)'
    );
  }
  const { compileStrapi } = require('@strapi/strapi');
  await compileStrapi({ appDir: ROOT });
}

/** A fresh database: { kind, label, env, drop() }. */
async function createDatabase(kind) {
  const name = `bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  if (kind === 'sqlite') {
    const dir = path.join(ROOT, '.tmp', 'bench');
    fs.mkdirSync(dir, { recursive: true });
    const filename = path.join(dir, `${name}.db`);
    return {
      kind,
      label: `sqlite ${path.relative(ROOT, filename)}`,
      env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: filename },
      async drop() {
        for (const suffix of ['', '-wal', '-shm', '-journal'])
          fs.rmSync(filename + suffix, { force: true });
      },
    };
  }
  if (kind !== 'postgres') throw new Error(`--db must be sqlite or postgres, got ${kind}`);
  // BENCH_PG_SCHEMA: measure an existing schema (e.g. one `npm run seed -- --items 1000000` filled
  // once) instead of a fresh one, and leave it in place afterwards.
  const kept = process.env.BENCH_PG_SCHEMA;
  if (kept) {
    const schema = await openSchema(PG, kept, { create: false });
    return { kind, label: `${schema.label} (kept)`, env: schema.env, async drop() {} };
  }
  const schema = await openSchema(PG, name);
  return { kind, ...schema };
}

/** `work` with a connected client of the benchmark's server. */
function withPg(work) {
  return withPgOn(PG, work);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Spawns `strapi start` in its own process group. Returns { baseUrl, ready(), stop() } at once, so
 * the caller can stop it even while it boots; ready() resolves once GET /_health answers 204.
 * The child's output is kept (last 200 lines) for error reports.
 */
async function launchApp({ database, bootTimeoutMs = 600000, log = () => {} }) {
  const port = await freePort();
  const env = { ...process.env };
  delete env.DATABASE_URL; // would win over the DATABASE_* settings (config/database.ts)
  Object.assign(env, {
    NODE_ENV: process.env.NODE_ENV || 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: '',
    DEMO_DATA: 'true',
    BENCH_CONTROL: 'true',
    // autocannon sends thousands of submissions and lookups from one address: lift the per-IP limits.
    MINYI_RATE_LIMIT_SUBMIT: '1000000000',
    MINYI_RATE_LIMIT_PARTNER: '1000000000',
    MINYI_RATE_LIMIT_TRACK: '1000000000',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL || 'warn', // 'http' would log every measured request
    STRAPI_TELEMETRY_DISABLED: 'true',
    BROWSER: 'none',
    ...database.env,
  });

  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'node_modules', '.bin', 'strapi'), 'start'],
    {
      cwd: ROOT,
      env,
      detached: true, // own process group, so stop() reaches anything it spawns
      stdio: ['ignore', 'pipe', 'pipe'],
    }
  );
  const output = [];
  const keep = (chunk) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      output.push(line);
      if (output.length > 200) output.shift();
    }
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  const exitPromise = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    })
  );

  const baseUrl = `http://127.0.0.1:${port}`;
  const app = {
    baseUrl,
    pid: child.pid,
    output,
    async stop() {
      if (exited) return;
      signalGroup(child.pid, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), 15000);
      await exitPromise;
      clearTimeout(timer);
    },
  };

  log(`starting the app on ${baseUrl} (pid ${child.pid}, ${database.label}) …`);
  app.ready = async () => {
    const started = Date.now();
    for (;;) {
      if (exited) {
        throw new Error(
          `the app exited during start-up (${JSON.stringify(exited)}); its last output:\n${output.slice(-40).join('\n')}`
        );
      }
      if (Date.now() - started > bootTimeoutMs) {
        throw new Error(
          `the app did not answer /_health within ${bootTimeoutMs / 1000} s; last output:\n${output.slice(-40).join('\n')}`
        );
      }
      try {
        const response = await fetch(`${baseUrl}/_health`);
        if (response.status === 204) break;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    log(`app ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  };
  return app;
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

module.exports = { ROOT, ADMIN, PG, compile, createDatabase, launchApp, withPg };
