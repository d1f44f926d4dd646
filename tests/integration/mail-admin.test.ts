import fs from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import { startApp, TEST_ADMIN, type TestApp } from '../helpers/strapi';
import { minyiService } from '../../plugins/minyi/server/src/plugin';

/**
 * Without SMTP settings the app still delivers: the email plugin writes each message as an .eml
 * file, which super admins can list, read and download in the admin; every template has a preview.
 */
let app: TestApp;
let mailDir: string;
let superToken: string;
let editorToken: string;

beforeAll(async () => {
  mailDir = fs.mkdtempSync(path.join(os.tmpdir(), 'minyi-mail-'));
  app = await startApp({
    SMTP_HOST: '',
    MINYI_MAIL_DIR: mailDir,
    MINYI_PUBLIC_URL: 'https://minyi.example.gov.cn',
  });
  superToken = (await request(app.server).post('/admin/login').send(TEST_ADMIN).expect(200)).body
    .data.token;
  const editor = await app.strapi.service('admin::role').findOne({ code: 'strapi-editor' });
  await app.strapi.service('admin::user').create({
    email: 'editor@test.local',
    firstname: '编辑',
    lastname: '员',
    password: 'Editor-2026-x',
    isActive: true,
    roles: [editor.id],
  });
  editorToken = (
    await request(app.server)
      .post('/admin/login')
      .send({ email: 'editor@test.local', password: 'Editor-2026-x' })
      .expect(200)
  ).body.data.token;
});

afterAll(async () => {
  await app?.stop();
  fs.rmSync(mailDir, { recursive: true, force: true });
});

const get = (url: string, token = superToken) =>
  request(app.server).get(url).set('Authorization', `Bearer ${token}`);

it('writes queued mail as .eml files and lists them for super admins', async () => {
  await minyiService(app.strapi, 'change-log').queue(
    app.strapi.db.connection,
    [
      {
        dedupeKey: 'overdue:d1:x:leader@example.invalid',
        template: 'overdue',
        recipient: 'leader@example.invalid',
        recipientLabel: '县领导',
        itemDocumentId: 'd1',
        data: {
          title: '河堤<破损>',
          trackingCode: 'MYFILE1',
          level: 'county',
          dueAt: '2026-12-01T02:00:00Z',
          reason: 'leader',
        },
      },
    ],
    new Date()
  );
  const summary = await minyiService(app.strapi, 'outbox-sender').run();
  expect(summary).toMatchObject({ sent: 1, failed: 0 });
  const files = fs.readdirSync(mailDir).filter((name) => name.endsWith('.eml'));
  expect(files).toHaveLength(1);
  const raw = fs.readFileSync(path.join(mailDir, files[0]), 'utf8');
  expect(raw).toMatch(/^To: leader@example\.invalid$/m);
  expect(raw).toMatch(/^Subject: =\?UTF-8\?/m);

  const overview = await get('/minyi/mail').expect(200);
  expect(overview.body.data).toMatchObject({
    transport: 'file',
    directory: mailDir,
    outbox: { sent: 1 },
    total: 1,
  });
  expect(overview.body.data.files[0]).toMatchObject({
    file: files[0],
    subject: '【超期】河堤<破损> 县级办理已超期',
    to: ['leader@example.invalid'],
  });
  const one = await get(`/minyi/mail/files/${files[0]}`).expect(200);
  expect(one.body.data.html).toContain('河堤&lt;破损&gt;');
  const download = await get(`/minyi/mail/files/${files[0]}/raw`)
    .buffer(true)
    .parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    })
    .expect(200);
  expect(download.headers['content-type']).toMatch(/message\/rfc822/);
  expect((download.body as Buffer).toString('utf8')).toBe(raw);

  // The same notification put back in the queue replaces its file (named by its Message-ID).
  await app.strapi.db
    .connection('minyi_outbox_messages')
    .update({ state: 'queued', next_attempt_at: new Date() });
  expect(await minyiService(app.strapi, 'outbox-sender').run()).toMatchObject({
    sent: 1,
  });
  expect(fs.readdirSync(mailDir).filter((name) => name.endsWith('.eml'))).toEqual(files);
});

it('previews every template, and keeps mail from everyone but super admins and from odd file names', async () => {
  const previews = await get('/minyi/mail/previews').expect(200);
  const templates = new Set(
    previews.body.data.map((entry: { template: string }) => entry.template)
  );
  expect([...templates].sort()).toEqual([
    'assigned',
    'escalated',
    'extension-decided',
    'invitation',
    'notice',
    'notice-step',
    'overdue',
    'resolved',
    'supervised',
    'warning',
  ]);
  const subjects = previews.body.data.map((entry: { subject: string }) => entry.subject);
  for (const word of [
    '【交办】',
    '【催办】',
    '【上报】',
    '【超期】',
    '【延期审批结果】',
    '【办结】',
    '您反映的事项已办结',
    '【整改通知书】',
    '【通报】',
    '【民意专报】',
    '【周调度】',
    '【月研判】',
    '【季汇报】',
    '【整改通知书·退回重报】',
  ]) {
    expect(subjects.some((subject: string) => subject.includes(word))).toBe(true);
  }

  await get('/minyi/mail', editorToken).expect(403);
  await get('/minyi/mail/previews', editorToken).expect(403);
  await request(app.server).get('/minyi/mail').expect(401);
  await get('/minyi/mail/files/..%2F..%2Fpackage.json').expect(404);
  await get('/minyi/mail/files/nothing.eml/raw').expect(404);
});

it('shows the outbox in the content manager with Chinese labels, its state and last error read-only', async () => {
  const response = await get(
    '/content-manager/content-types/plugin::minyi.outbox-message/configuration'
  ).expect(200);
  const { metadatas, layouts } = response.body.data.contentType;
  expect(metadatas.state.edit.label).toBe('发送状态');
  expect(metadatas.lastError.list.label).toBe('最近错误');
  expect(metadatas.attempts.edit.editable).toBe(false);
  expect(metadatas.lastError.edit.editable).toBe(false);
  expect(layouts.list).toEqual([
    'id',
    'template',
    'recipient',
    'state',
    'attempts',
    'lastError',
    'sentAt',
  ]);
});

it("keeps Strapi's own email settings page working on the file transport (settings, verify, test mail)", async () => {
  const settings = await get('/email/settings').expect(200);
  expect(settings.body.config).toMatchObject({
    provider: 'nodemailer',
    settings: { defaultFrom: '民意直通车 <no-reply@minyi.localhost>' },
  });
  const verified = await request(app.server)
    .post('/email/verify')
    .set('Authorization', `Bearer ${superToken}`)
    .expect(200);
  expect(verified.body.success).toBe(true);
  await request(app.server)
    .post('/email/test')
    .set('Authorization', `Bearer ${superToken}`)
    .send({ to: 'newcomer@example.invalid' })
    .expect(200);
  const overview = await get('/minyi/mail').expect(200);
  expect(
    overview.body.data.files.some((file: { to: string[] }) =>
      file.to.includes('newcomer@example.invalid')
    )
  ).toBe(true);
});
