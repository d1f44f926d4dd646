import { fork } from 'child_process';
import path from 'path';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

/**
 * An upgraded county receives the plugin permissions added since its roles were made, and keeps
 * an administrator's removal (review of issue 11: the coordinator on a database whose roles
 * predate the dashboard could not open it). Each start is a real boot in its own process on the
 * same database; between starts the worker leaves the coordinator's dashboard permission as an
 * old release (permission and record gone) or an administrator (permission gone, record kept)
 * would have.
 */
const PERMISSION = 'dashboard.read';

interface Started {
  code: number | null;
  output: string;
  summary?: { held: number; recorded: boolean };
}

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.drop();
});

function start(op: 'none' | 'forget' | 'remove'): Promise<Started> {
  const child = fork(path.join(__dirname, '../helpers/role-sync-worker.js'), {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DEMO_DATA: 'false',
      MINYI_JOBS_ENABLED: 'false',
      ADMIN_EMAIL: 'admin@test.local',
      ADMIN_PASSWORD: 'Test-Admin-2026',
      LOG_LEVEL: 'warn',
      MINYI_TEST_PERMISSION: PERMISSION,
      MINYI_TEST_ROLE_OP: op,
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

async function started(op: 'none' | 'forget' | 'remove'): Promise<Started['summary']> {
  const run = await start(op);
  expect({ code: run.code, output: run.code === 0 ? '' : run.output }).toEqual({
    code: 0,
    output: '',
  });
  return run.summary;
}

it('grants a permission new to the role on restart, once, and keeps a deliberate removal', async () => {
  // First start: the role is made with the permission and the record names it. Then the worker
  // takes both away, as a database from before the permission existed would be.
  expect(await started('forget')).toEqual({ held: 1, recorded: true });

  // Two instances start together on the "old" database: the permission is granted exactly once.
  const [first, second] = await Promise.all([start('none'), start('none')]);
  for (const run of [first, second]) expect(run.code).toBe(0);
  expect(first.summary).toEqual({ held: 1, recorded: true });
  expect(second.summary).toEqual({ held: 1, recorded: true });

  // An administrator removes it (the record stays); the next starts leave it removed.
  expect(await started('remove')).toEqual({ held: 1, recorded: true });
  expect(await started('none')).toEqual({ held: 0, recorded: true });
  expect(await started('none')).toEqual({ held: 0, recorded: true });
}, 600_000);
