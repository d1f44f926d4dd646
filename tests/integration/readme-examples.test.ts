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
  return JSON.parse(await runScript(example));
}

/** Runs one example in bash with `variables` in its environment; its output as text. */
async function runScript(example: Example): Promise<string> {
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
  return stdout;
}

it('finds the README curl examples: the guarded workflow move, the submission, Open311', () => {
  expect(
    examples.map((example) =>
      /curl -X (\w+) http:\/\/localhost:1337(\/\S*)/.exec(example.script)?.slice(1)
    )
  ).toEqual([
    ['POST', '/minyi/items/$ITEM/actions/start'],
    ['POST', '/api/items'],
    ['POST', '/api/open311/v2/requests.json'],
  ]);
});

it('the workflow move (README: Handling an item) starts an assigned item as the county coordinator', async () => {
  const example = examples.find((e) => e.script.includes('/actions/start'))!;
  // The login and the item the example names: the coordinator's scope is the whole county, so any
  // assigned item of the demo (which items are assigned depends on the day it was generated).
  const login = await fetch(`${address}/admin/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'coordinator@minyi.local', password: DEMO_PASSWORD }),
  });
  expect(login.status).toBe(200);
  variables.ADMIN_JWT = ((await login.json()) as { data: { token: string } }).data.token;
  const item = await app.strapi.db.query('api::item.item').findOne({
    where: { state: 'assigned' },
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

it('the Open311 calls (README: Open311) answer for the demo county, and the POST is an item', async () => {
  const example = examples.find((e) => e.script.includes('/api/open311/v2/'))!;
  const created = await app.strapi.service('admin::api-token').create({
    kind: 'content-api',
    name: 'FixMyStreet (README)',
    description: 'FixMyStreet channel: open311',
    type: 'custom',
    lifespan: null,
    permissions: ['api::item.public-item.submit'],
  });
  variables.OPEN311_KEY = created.accessKey as string;
  const output = await runScript(example);
  expect(output).toContain('<?xml version="1.0" encoding="utf-8"?><services>');
  expect(output).toContain('"code":"lamp_number"');
  // The POST comes last: its id is the last one printed.
  const id = [...output.matchAll(/"service_request_id":"([^"]+)"/g)].pop()?.[1];
  expect(id).toBeDefined();
  const stored = await app.strapi.db.query('api::item.item').findOne({
    where: { trackingCode: id },
    populate: { category: { select: ['code'] } },
  });
  expect(stored).toMatchObject({ channel: 'open311', category: { code: '02.02' } });
  expect(stored.content).toContain('路灯编号:AX-0123');
});
