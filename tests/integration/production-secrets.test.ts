import { fork } from 'child_process';
import { randomBytes } from 'crypto';
import path from 'path';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { SECRET_NAMES, DEVELOPMENT_SECRETS } from '../../src/bootstrap/secrets';

/**
 * Production refuses to start on missing or published development secrets, naming each one;
 * with its own secrets it starts; development starts with none set and says so once (issue 15:
 * production used to start silently on the development values written in config/ and
 * .env.example, and accepted tokens signed with them). Each start is a child process.
 */
interface Boot {
  code: number | null;
  output: string;
  summary?: { admins: number; roles: number; allowRegister: boolean };
}

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.drop();
});

function boot(env: Record<string, string | undefined>): Promise<Boot> {
  const childEnv: Record<string, string> = {};
  for (const [name, value] of Object.entries({
    ...process.env,
    DEMO_DATA: 'false',
    MINYI_JOBS_ENABLED: 'false',
    LOG_LEVEL: 'info',
    ...database.env,
    ...env,
  }))
    if (value !== undefined) childEnv[name] = value;
  // Not inherited from the test runner's environment: each case says which secrets it has.
  for (const name of [...SECRET_NAMES, 'ADMIN_PASSWORD']) if (!(name in env)) delete childEnv[name];
  const child = fork(path.join(__dirname, '../helpers/boot-worker.js'), {
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  let summary: Boot['summary'];
  child.on('message', (message: { type: string; summary?: Boot['summary'] }) => {
    if (message.type === 'ready') summary = message.summary;
  });
  child.stdout?.on('data', (chunk) => (output += String(chunk)));
  child.stderr?.on('data', (chunk) => (output += String(chunk)));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output, summary })));
}

const ownSecrets = () =>
  Object.fromEntries(
    SECRET_NAMES.map((name) => [
      name,
      name === 'APP_KEYS'
        ? `${randomBytes(16).toString('base64')},${randomBytes(16).toString('base64')}`
        : randomBytes(24).toString('base64'),
    ])
  );

it('refuses to start in production without secrets, naming each missing one', async () => {
  const result = await boot({ NODE_ENV: 'production' });
  expect(result.code).not.toBe(0);
  expect(result.output).toContain('Refusing to start in production');
  for (const name of SECRET_NAMES) expect(result.output).toContain(`${name} is not set`);
});

it('refuses to start in production on the published development values, naming each', async () => {
  const result = await boot({
    NODE_ENV: 'production',
    ...ownSecrets(),
    ADMIN_JWT_SECRET: DEVELOPMENT_SECRETS.ADMIN_JWT_SECRET,
    JWT_SECRET: DEVELOPMENT_SECRETS.JWT_SECRET,
    // One development key among real ones is still a development key.
    APP_KEYS: `${randomBytes(16).toString('base64')},minyiDevKey2`,
    ADMIN_PASSWORD: 'Minyi-Admin-2026',
  });
  expect(result.code).not.toBe(0);
  for (const name of ['ADMIN_JWT_SECRET', 'JWT_SECRET', 'APP_KEYS', 'ADMIN_PASSWORD'])
    expect(result.output).toContain(`${name} holds a published development value`);
  for (const name of [
    'API_TOKEN_SALT',
    'TRANSFER_TOKEN_SALT',
    'ENCRYPTION_KEY',
    'MINYI_FEEDBACK_KEY',
  ])
    expect(result.output).not.toContain(name);
});

it('starts in production with its own secrets', async () => {
  const result = await boot({ NODE_ENV: 'production', ...ownSecrets() });
  expect(result.output).not.toContain('Refusing to start');
  expect(result.output).not.toContain('development secrets');
  expect(result.code).toBe(0);
});

it('starts in development with no secrets set, and says once that it uses development secrets', async () => {
  const result = await boot({ NODE_ENV: 'development', MINYI_PUBLIC_REGISTRATION: 'true' });
  expect(result.code).toBe(0);
  // MINYI_PUBLIC_REGISTRATION=true turns self-registration on (off by default: hardening.test.ts).
  expect(result.summary?.allowRegister).toBe(true);
  const warnings = result.output.match(/using development secrets for [^\n]*/g) ?? [];
  expect(warnings).toHaveLength(1);
  for (const name of SECRET_NAMES) expect(warnings[0]).toContain(name);
});
