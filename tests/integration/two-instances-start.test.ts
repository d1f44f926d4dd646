import { fork } from 'child_process';
import path from 'path';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

/**
 * Two instances started at the same moment on an empty database both come up (issue 15: on
 * PostgreSQL one died with `duplicate key value violates unique constraint
 * "pg_type_typname_nsp_index"` while both created the tables). Each is a child process on a fresh
 * schema; both report the same single super admin and the same roles — the first-start seed ran
 * once, not twice.
 */
interface Started {
  code: number | null;
  output: string;
  summary?: { admins: number; roles: number };
}

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.drop();
});

function start(): Promise<Started> {
  const child = fork(path.join(__dirname, '../helpers/boot-worker.js'), {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DEMO_DATA: 'false',
      MINYI_JOBS_ENABLED: 'false',
      ADMIN_EMAIL: 'admin@test.local',
      ADMIN_PASSWORD: 'Test-Admin-2026',
      LOG_LEVEL: 'warn',
      ...database.env,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  let summary: Started['summary'];
  child.stdout?.on('data', (chunk) => (output += String(chunk)));
  child.stderr?.on('data', (chunk) => (output += String(chunk)));
  child.on('message', (message: { type: string; summary?: Started['summary'] }) => {
    if (message.type === 'ready') summary = message.summary;
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output, summary })));
}

it('starts two instances together on an empty database; both come up, the seed runs once', async () => {
  const [first, second] = await Promise.all([start(), start()]);
  for (const instance of [first, second]) {
    expect({ code: instance.code, output: instance.code === 0 ? '' : instance.output }).toEqual({
      code: 0,
      output: '',
    });
  }
  expect(first.summary?.admins).toBe(1);
  expect(second.summary).toEqual(first.summary);
  expect(first.summary?.roles).toBeGreaterThanOrEqual(7);
}, 300_000);
