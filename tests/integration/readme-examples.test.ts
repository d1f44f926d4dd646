import { execFile } from 'child_process';
import fs from 'fs';
import path from 'path';
import type { AddressInfo } from 'net';
import { promisify } from 'util';
import { ROOT } from '../helpers/database';
import { startApp, type TestApp } from '../helpers/strapi';
import { DEMO_PASSWORD } from '../../src/seed/demo-logins';

/**
 * Every curl example of the README runs as written against the app with the demo county (the
 * README's quick start), in the README's order. Only the address changes (the test's port for
 * http://localhost:1337) and the variables an example names are given; curl fails on any answer
 * that is not 2xx (--fail-with-body), so an example that drifts from the API fails here.
 */
const README_ADDRESS = 'http://localhost:1337';
const run = promisify(execFile);

interface Example {
  line: number;
  script: string;
}

/** The shell blocks of the README (```sh / ```bash) that call curl, with their first line. */
function curlExamples(markdown: string): Example[] {
  const examples: Example[] = [];
  const fence = /^```(sh|bash)\n([\s\S]*?)^```$/gm;
  for (let match = fence.exec(markdown); match; match = fence.exec(markdown)) {
    if (!/^\s*curl /m.test(match[2])) continue;
    const line = markdown.slice(0, match.index).split('\n').length;
    examples.push({ line, script: match[2] });
  }
  return examples;
}

const examples = curlExamples(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'));

let app: TestApp;
let address: string;
const variables: Record<string, string> = {};

beforeAll(async () => {
  app = await startApp({ DEMO_DATA: 'true' });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  address = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}, 300_000);

afterAll(async () => {
  await app?.stop();
});

/** Runs one example in bash with `variables` in its environment; its output parsed as JSON. */
async function runExample(example: Example): Promise<{ data: Record<string, unknown> }> {
  const script = example.script.split(README_ADDRESS).join(address);
  const prelude =
    'set -euo pipefail\ncurl() { command curl --silent --show-error --fail-with-body "$@"; }\n';
  const { stdout } = await run('bash', ['-c', prelude + script], {
    env: { PATH: process.env.PATH, ...variables },
  }).catch((error: { stdout?: string; stderr?: string; message: string }) => {
    throw new Error(
      `README line ${example.line}: ${error.message}\n${error.stdout ?? ''}\n${error.stderr ?? ''}`
    );
  });
  return JSON.parse(stdout);
}

it('finds the README curl examples: the submission and the guarded workflow move', () => {
  expect(
    examples.map((example) =>
      /curl -X (\w+) http:\/\/localhost:1337(\/\S*)/.exec(example.script)?.slice(1)
    )
  ).toEqual([
    ['POST', '/minyi/items/$ITEM/actions/start'],
    ['POST', '/api/items'],
  ]);
});

it('the workflow move (README: Handling an item) starts an assigned item of the department login', async () => {
  const example = examples.find((e) => e.script.includes('/actions/start'))!;
  // The login and the item the example names: an item assigned to the department login's unit.
  const login = await fetch(`${address}/admin/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'department@minyi.local', password: DEMO_PASSWORD }),
  });
  expect(login.status).toBe(200);
  variables.ADMIN_JWT = ((await login.json()) as { data: { token: string } }).data.token;
  const staff = await app.strapi.db.query('api::staff.staff').findOne({
    where: { adminUser: { email: 'department@minyi.local' } },
    populate: { department: { select: ['id'] } },
  });
  const item = await app.strapi.db.query('api::item.item').findOne({
    where: { state: 'assigned', leadDepartment: { id: staff.department.id } },
    select: ['documentId', 'handlingVersion'],
    orderBy: { id: 'asc' },
  });
  expect(item).not.toBeNull();
  variables.ITEM = item.documentId;
  variables.ETAG = `"${item.handlingVersion}"`;

  const answer = await runExample(example);
  expect(answer.data).toMatchObject({ documentId: item.documentId, status: 'in-progress' });
});

it('the submission (README: Public and partner API) is taken for the demo county', async () => {
  const example = examples.find((e) => e.script.includes('/api/items'))!;
  const answer = await runExample(example);
  expect(answer.data).toMatchObject({
    trackingCode: expect.any(String),
    receiptSecret: expect.any(String),
    level: 'grid',
  });
  const stored = await app.strapi.db.query('api::item.item').findOne({
    where: { trackingCode: answer.data.trackingCode },
    populate: { category: { select: ['code'] }, grid: { select: ['code'] } },
  });
  expect(stored).toMatchObject({
    title: '路灯不亮',
    submitterEmail: 'resident@example.com',
    category: { code: '02.02' },
    grid: { code: '430721101001-01' },
  });
});
