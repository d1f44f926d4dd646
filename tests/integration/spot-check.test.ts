import ExcelJS from 'exceljs';
import request from 'supertest';
import { runJobCli } from '../helpers/cli';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { startApp, TEST_ADMIN, type TestApp } from '../helpers/strapi';
import { minyiService } from '../../plugins/minyi/server/src/plugin';
import { fixtureDocuments } from '../helpers/fixtures';
import type { GridData, ItemData } from '../helpers/content-data';

/**
 * The monthly spot-check end to end on a real database: a month of items in which one township
 * (resolution) and one department (satisfaction) are weak; the job draws a reproducible sample once;
 * the callbacks are recorded through the admin routes, failed items are reopened through the
 * workflow; the completed review ranks the units in a bulletin and issues two rectification
 * notices whose mails are queued in the outbox; the units acknowledge and rectify them; the
 * notices download as XLSX and CSV without any resident's personal data.
 */
let app: TestApp;
let smtp: TestSmtp;
let token: string;
const docs = () => fixtureDocuments(app.strapi);
const knex = () => app.strapi.db.connection;
const PERIOD = '2026-10';
const REPORT_RECIPIENT = 'county-office@example.invalid';
const at = (iso: string) => new Date(`${iso}+08:00`);

interface Ref {
  documentId: string;
}
const grids: Record<string, Ref> = {};
const departments: Record<string, Ref> = {};

async function grid(code: string, name: string, level: GridData['level'], parent?: string) {
  grids[code] = await docs()('api::grid.grid').create({
    data: { name, code, level, ...(parent ? { parent: grids[parent].documentId } : {}) },
  });
}

let counter = 0;
async function item(over: {
  grid?: string;
  department?: string;
  state: ItemData['state'];
  satisfaction?: ItemData['satisfaction'];
  day?: number;
}) {
  counter++;
  const day = String(over.day ?? 5 + (counter % 20)).padStart(2, '0');
  const receivedAt = at(`2026-10-${day}T09:00:00`);
  const handled = over.state === 'closed' || over.state === 'resolved';
  return docs()('api::item.item').create({
    data: {
      title: `路灯不亮 ${counter}`,
      content: '村口路灯坏了,请尽快修理',
      type: 'request',
      channel: 'grid-worker',
      state: over.state,
      level: 'grid',
      complexity: 'simple',
      receivedAt,
      acceptedAt: receivedAt,
      dueAt: at(`2026-10-${day}T18:00:00`),
      resolvedAt: handled ? at(`2026-10-${day}T15:00:00`) : null,
      satisfaction: handled
        ? over.satisfaction === undefined
          ? 'satisfied'
          : over.satisfaction
        : null,
      submitterName: '张秘密',
      submitterPhone: '13900001111',
      address: '书院洲村七组',
      anonymous: false,
      ...(over.grid
        ? { grid: grids[over.grid].documentId, assignedGrid: grids[over.grid].documentId }
        : {}),
      ...(over.department ? { leadDepartment: departments[over.department].documentId } : {}),
    },
  });
}

async function outbox(where: Record<string, unknown>) {
  const rows: Array<{
    recipient: string;
    template: string;
    data: unknown;
    dedupe_key: string;
    item_document_id: string | null;
  }> = await knex()('minyi_outbox_messages')
    .where(where)
    .orderBy('recipient')
    .select('recipient', 'template', 'data', 'dedupe_key', 'item_document_id');
  return rows.map((row) => ({
    ...row,
    data: (typeof row.data === 'string' ? JSON.parse(row.data) : row.data) as Record<
      string,
      unknown
    >,
  }));
}

beforeAll(async () => {
  smtp = await startSmtp();
  app = await startApp({
    MINYI_REPORT_RECIPIENTS: REPORT_RECIPIENT,
    MINYI_METRICS_MIN_SAMPLE: '10',
    MINYI_PUBLIC_URL: 'https://minyi.example.invalid',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtp.port),
  });
  await grid('C', '安乡县', 'county');
  for (const [code, name] of [
    ['TA', '深柳镇'],
    ['TB', '黄山头镇'],
    ['TC', '官垱镇'],
  ]) {
    await grid(code, name, 'township', 'C');
    await grid(`${code}V`, `${name}一村`, 'village', code);
    await grid(`${code}G`, `${name}一网格`, 'grid', `${code}V`);
    await docs()('api::staff.staff').create({
      data: {
        name: `${name}干部`,
        role: 'township-officer',
        email: `${code.toLowerCase()}@example.invalid`,
        grid: grids[code].documentId,
      },
    });
    await docs()('api::staff.staff').create({
      data: {
        name: `${name}网格长`,
        role: 'grid-head',
        email: `${code.toLowerCase()}-grid@example.invalid`,
        grid: grids[`${code}G`].documentId,
      },
    });
  }
  for (const [code, name] of [
    ['DG', '县住建局'],
    ['DW', '县水利局'],
  ]) {
    departments[code] = await docs()('api::department.department').create({
      data: {
        name,
        code,
        kind: 'county-department',
        contactEmail: `${code.toLowerCase()}@example.invalid`,
      },
    });
  }
  // 深柳镇: 12 handled and satisfied. 黄山头镇: 5 of 12 handled (weak). 官垱镇: 3 items (too few to rank).
  for (let i = 0; i < 12; i++) await item({ grid: 'TAG', state: 'closed' });
  for (let i = 0; i < 12; i++) await item({ grid: 'TBG', state: i < 5 ? 'closed' : 'in-progress' });
  for (let i = 0; i < 3; i++) await item({ grid: 'TCG', state: 'closed' });
  // County departments (no grid): 住建局 all satisfied; 水利局 all handled but 8 of 10 dissatisfied (weak).
  for (let i = 0; i < 10; i++) await item({ department: 'DG', state: 'closed' });
  for (let i = 0; i < 10; i++)
    await item({
      department: 'DW',
      state: 'closed',
      satisfaction: i < 8 ? 'dissatisfied' : 'satisfied',
    });
  // Outside the month, and refused: not counted, not sampled.
  await docs()('api::item.item').create({
    data: {
      title: '上月事项',
      content: '不在本月',
      type: 'request',
      channel: 'website',
      state: 'closed',
      level: 'grid',
      complexity: 'simple',
      receivedAt: at('2026-09-30T09:00:00'),
      resolvedAt: at('2026-09-30T12:00:00'),
      grid: grids.TAG.documentId,
    },
  });
  const login = await request(app.server).post('/admin/login').send(TEST_ADMIN).expect(200);
  token = login.body.data.token;
});

afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});

let spotCheck: {
  documentId: string;
  seed: string;
  sample: Array<{
    documentId: string;
    trackingCode: string;
    township: string | null;
    department: string | null;
  }>;
};

it('draws the sample once per month from the CLI, reproducibly from its stored seed', async () => {
  const first = await runJobCli(['spot-check', '--period', PERIOD]);
  expect({ code: first.code, stderr: first.stderr }).toMatchObject({ code: 0 });
  const stored = await app.strapi.db
    .query('api::spot-check.spot-check')
    .findOne({ where: { period: PERIOD }, populate: ['items'] });
  spotCheck = stored;
  expect(stored.state).toBe('sampled');
  expect(stored.seed).toMatch(/^[0-9a-f]{16}$/);
  // 2 per stratum (max(2, ceil(10%))): 3 townships + 2 departments, the departments' items have no township.
  expect(stored.sample).toHaveLength(10);
  expect(stored.items).toHaveLength(10);
  const byUnit = (kind: 'township' | 'department', code: string) =>
    stored.sample.filter((e: Record<string, unknown>) => e[kind] === code).length;
  expect([
    byUnit('township', 'TA'),
    byUnit('township', 'TB'),
    byUnit('township', 'TC'),
    byUnit('department', 'DG'),
    byUnit('department', 'DW'),
  ]).toEqual([2, 2, 2, 2, 2]);

  // The stored seed reproduces the sample; another seed gives another one.
  const service = minyiService(app.strapi, 'spot-check');
  const again = await service.preview(PERIOD, stored.seed);
  expect(again.keys).toEqual(
    stored.sample.map((e: { trackingCode: string }) => e.trackingCode).sort()
  );
  const other = await service.preview(PERIOD, `${stored.seed}x`);
  expect(other.keys).not.toEqual(again.keys);

  // Twice for a month: the CLI skips the succeeded period; forced, the job still keeps the one sample.
  const second = await runJobCli(['spot-check', '--period', PERIOD]);
  expect(second.code).toBe(0);
  const forced = await runJobCli(['spot-check', '--period', PERIOD, '--force']);
  expect(forced.code).toBe(0);
  const count = async (query: Promise<Array<{ n: number | string }>>) => Number((await query)[0].n);
  expect(await count(knex()('spot_checks').count('* as n'))).toBe(1);
  const kept = await app.strapi.db
    .query('api::spot-check.spot-check')
    .findOne({ where: { period: PERIOD } });
  expect(kept.seed).toBe(stored.seed);
  expect(kept.sample).toEqual(stored.sample);
  expect(
    await count(
      knex()('minyi_job_runs').where({ job: 'spot-check', period: PERIOD }).count('* as n')
    )
  ).toBe(1);
});

it('refuses a bad callback with field-by-field 400s and writes nothing', async () => {
  const target = spotCheck.sample[0];
  const response = await request(app.server)
    .post(`/minyi/spot-checks/${spotCheck.documentId}/items/${target.documentId}/review`)
    .set('Authorization', `Bearer ${token}`)
    .send({ data: { solved: 'yes', satisfaction: 'happy' } })
    .expect(400);
  expect(response.body.error.details.errors.map((e: { field: string }) => e.field).sort()).toEqual([
    'satisfaction',
    'solved',
  ]);
  expect(response.body.error.message).toContain('回访记录有误');
  const unchanged = await app.strapi.db
    .query('api::spot-check.spot-check')
    .findOne({ where: { documentId: spotCheck.documentId } });
  expect(unchanged.state).toBe('sampled');
  await request(app.server)
    .post(`/minyi/spot-checks/${spotCheck.documentId}/items/nope/review`)
    .set('Authorization', `Bearer ${token}`)
    .send({ data: { solved: true, satisfaction: 'satisfied' } })
    .expect(404);
});

it('reopens failed items, then ranks the units in a bulletin and issues and mails two rectification notices', async () => {
  const review = (documentId: string, data: Record<string, unknown>) =>
    request(app.server)
      .post(`/minyi/spot-checks/${spotCheck.documentId}/items/${documentId}/review`)
      .set('Authorization', `Bearer ${token}`)
      .send({ data });

  const failed = spotCheck.sample.filter((e) => e.township === 'TB');
  const rest = spotCheck.sample.filter((e) => e.township !== 'TB');
  let last: request.Response | null = null;
  for (const entry of failed) {
    const response = await review(entry.documentId, {
      solved: false,
      satisfaction: 'dissatisfied',
      note: '路灯仍然不亮',
    });
    expect(response.status).toBe(200);
    expect(response.body.data).toMatchObject({ passed: false, reopened: true, completed: false });
  }
  for (const entry of rest) {
    last = await review(entry.documentId, {
      solved: true,
      satisfaction: entry.department === 'DW' ? 'dissatisfied' : 'satisfied',
    });
    expect(last.status).toBe(200);
  }
  expect(last?.body.data.completed).toBe(true);
  await review(rest[0].documentId, { solved: true, satisfaction: 'satisfied' }).expect(409);

  // Failed items: reopened through the workflow (state, event, the unit's mail).
  for (const entry of failed) {
    const row = await docs()('api::item.item').findOne({ documentId: entry.documentId });
    expect(row?.state).toBe('reopened');
    const events: Array<{ type: string }> = await knex()('item_events as e')
      .join('item_events_item_lnk as l', 'l.item_event_id', 'e.id')
      .where('l.item_id', row?.id)
      .select('e.type');
    expect(events.map((e) => e.type).sort()).toEqual(['callback', 'reopened']);
    const mail = await outbox({ item_document_id: entry.documentId });
    expect(mail.map((m) => [m.recipient, m.template, m.data.action])).toEqual([
      ['tb-grid@example.invalid', 'assigned', 'reopen'],
    ]);
  }
  for (const entry of rest)
    expect((await docs()('api::item.item').findOne({ documentId: entry.documentId }))?.state).toBe(
      'closed'
    );

  const completed = await app.strapi.db
    .query('api::spot-check.spot-check')
    .findOne({ where: { documentId: spotCheck.documentId } });
  expect(completed.state).toBe('completed');
  expect(completed.results).toMatchObject({
    sampled: 10,
    passed: 8,
    townships: { TB: { sampled: 2, passed: 0 }, TA: { sampled: 2, passed: 2 } },
  });

  // The bulletin ranks townships and departments; the small township is listed, not ranked.
  const bulletin = await app.strapi.db
    .query('api::notice.notice')
    .findOne({ where: { kind: 'bulletin', period: PERIOD } });
  expect(bulletin.state).toBe('issued');
  const [townships, depts] = bulletin.metrics.tables as Array<{ rows: string[][] }>;
  expect(townships.rows.map((r) => [r[0], r[1]])).toEqual([
    ['1', '深柳镇'],
    ['2', '黄山头镇'],
    ['不排名(样本不足)', '官垱镇'],
  ]);
  expect(townships.rows[1][4]).toBe('25.00%'); // 3 of 12 still handled after the two reopened
  expect(depts.rows.map((r) => [r[0], r[1], r[7]])).toEqual([
    ['1', '县住建局', '100.00%'],
    ['2', '县水利局', '20.00%'],
  ]);
  expect(bulletin.body).toContain('黄山头镇');

  // Two rectification notices, one per weak unit, with a rectify-by date ten working days on.
  const rectifications = await app.strapi.db.query('api::notice.notice').findMany({
    where: { kind: 'rectification', period: PERIOD },
    populate: ['targetGrids', 'targetDepartments', 'items', 'spotCheck'],
    orderBy: { title: 'asc' },
  });
  expect(rectifications).toHaveLength(2);
  const rectifyBy = minyiService(app.strapi, 'calendar')
    .get()
    .addWorkingDays(new Date(completed.completedAt), 10) as Date;
  const expectedDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    rectifyBy
  );
  const township = rectifications.find(
    (n: { targetGrids: unknown[] }) => n.targetGrids.length === 1
  );
  const department = rectifications.find(
    (n: { targetDepartments: unknown[] }) => n.targetDepartments.length === 1
  );
  expect(township.targetGrids[0].code).toBe('TB');
  expect(township.items.map((i: { documentId: string }) => i.documentId).sort()).toEqual(
    failed.map((e) => e.documentId).sort()
  );
  expect(department.targetDepartments[0].code).toBe('DW');
  for (const notice of [township, department]) {
    expect(notice).toMatchObject({ state: 'issued', rectifyBy: expectedDate });
    expect(notice.spotCheck.documentId).toBe(spotCheck.documentId);
  }

  // Mails queued in the outbox: the 'notice' template with NoticeMessageData, one per address.
  const townshipMail = await outbox({
    dedupe_key: `notice:${township.documentId}:tb@example.invalid`,
  });
  expect(townshipMail).toHaveLength(1);
  expect(townshipMail[0].template).toBe('notice');
  expect(townshipMail[0].item_document_id).toBeNull();
  expect(townshipMail[0].data).toMatchObject({
    noticeDocumentId: township.documentId,
    kind: 'rectification',
    period: PERIOD,
    unitName: '黄山头镇',
    rectifyBy: expectedDate,
    title: '整改通知书(黄山头镇,2026年10月)',
  });
  const data = townshipMail[0].data as {
    paragraphs: string[];
    table: { columns: string[]; rows: string[][] };
    downloads: Array<{ url: string }>;
  };
  expect(data.paragraphs.join('')).toContain('民意解决率 25.00%');
  expect(data.table.rows[0][1]).toBe('黄山头镇');
  expect(data.downloads.map((d) => d.url)).toEqual([
    expect.stringMatching(
      new RegExp(
        `^https://minyi\\.example\\.invalid/api/minyi/notices/${township.documentId}/download/xlsx\\?token=`
      )
    ),
    expect.stringMatching(new RegExp(`/download/csv\\?token=`)),
  ]);
  const recipientsOf = async (documentId: string) =>
    (
      await knex()('minyi_outbox_messages')
        .where('dedupe_key', 'like', `notice:${documentId}:%`)
        .orderBy('recipient')
        .select('recipient')
    ).map((r: { recipient: string }) => r.recipient);
  expect(await recipientsOf(township.documentId)).toEqual([REPORT_RECIPIENT, 'tb@example.invalid']);
  expect(await recipientsOf(department.documentId)).toEqual([
    REPORT_RECIPIENT,
    'dw@example.invalid',
  ]);
  expect(await recipientsOf(bulletin.documentId)).toEqual([
    REPORT_RECIPIENT,
    'dg@example.invalid',
    'dw@example.invalid',
    'ta@example.invalid',
    'tb@example.invalid',
    'tc@example.invalid',
  ]);
  // Nothing personal in any notice mail.
  const all = await outbox({ template: 'notice' });
  expect(JSON.stringify(all)).not.toMatch(/张秘密|13900001111|书院洲村七组|路灯仍然不亮/);
});

it('delivers the rectification notices, the bulletin and the reopen mails through the SMTP server', async () => {
  const run = await minyiService(app.strapi, 'jobs').run('outbox', {
    now: new Date(),
    force: true,
    trigger: 'manual',
  });
  expect(run.outcome).toBe('succeeded');
  const mailTo = (address: string) => smtp.received.filter((mail) => mail.to.includes(address));
  const subjects = (address: string) =>
    mailTo(address)
      .map((mail) => mail.parsed.subject)
      .sort();

  expect(subjects('tb@example.invalid')).toEqual([
    '【整改通知书】整改通知书(黄山头镇,2026年10月)',
    expect.stringMatching(/^【通报】/),
  ]);
  const townshipNotice = mailTo('tb@example.invalid').find(
    (mail) => mail.parsed.subject === '【整改通知书】整改通知书(黄山头镇,2026年10月)'
  );
  expect(townshipNotice).toBeDefined();
  expect(townshipNotice?.parsed.text).toContain('民意解决率 25.00%');
  expect(townshipNotice?.parsed.text).toMatch(/请于 \d{4}年\d{1,2}月\d{1,2}日 前完成整改/);
  expect(townshipNotice?.parsed.html).toContain('https://minyi.example.invalid/api/minyi/notices/');
  expect(mailTo('dw@example.invalid').map((mail) => mail.parsed.subject)).toContain(
    '【整改通知书】整改通知书(县水利局,2026年10月)'
  );
  expect(mailTo('dg@example.invalid').map((mail) => mail.parsed.subject)).toEqual([
    expect.stringMatching(/^【通报】/),
  ]);
  expect(
    mailTo(REPORT_RECIPIENT)
      .map((mail) => mail.parsed.subject)
      .filter((s) => s?.startsWith('【整改通知书】'))
  ).toHaveLength(2);
  // The reopened items went back to the grid with the reason.
  const reopened = mailTo('tb-grid@example.invalid');
  expect(reopened.length).toBe(2);
  for (const mail of reopened) {
    expect(mail.parsed.subject).toMatch(/^【重新办理】路灯不亮 \d+\(MY[0-9A-Z]+\)$/);
    expect(mail.parsed.text).toContain('路灯仍然不亮');
  }
  // Every message once, nothing personal in any of them.
  const queued = Number((await knex()('minyi_outbox_messages').count({ n: '*' }))[0].n);
  expect(smtp.received).toHaveLength(queued);
  expect(
    Number((await knex()('minyi_outbox_messages').whereNot('state', 'sent').count({ n: '*' }))[0].n)
  ).toBe(0);
  for (const mail of smtp.received)
    expect(`${mail.parsed.text ?? ''}${mail.parsed.html || ''}`).not.toMatch(/张秘密|13900001111/);
});

it('tracks acknowledgement and rectification with who and when', async () => {
  const notice = await app.strapi.db
    .query('api::notice.notice')
    .findOne({ where: { kind: 'rectification', title: { $contains: '黄山头镇' } } });
  const post = (path: string, body: object = {}) =>
    request(app.server)
      .post(`/minyi/notices/${notice.documentId}/${path}`)
      .set('Authorization', `Bearer ${token}`)
      .send(body);
  await post('rectified', { data: { note: '已完成整改' } }).expect(409); // not acknowledged yet
  const ack = await post('acknowledge').expect(200);
  expect(ack.body.data).toMatchObject({
    state: 'acknowledged',
    acknowledgedBy: expect.stringContaining('系统管理员'),
  });
  expect(ack.body.data.acknowledgedAt).toBeTruthy();
  await post('acknowledge').expect(409);
  const missing = await post('rectified', { data: {} }).expect(400);
  expect(missing.body.error.details.errors[0].field).toBe('note');
  const done = await post('rectified', { data: { note: '逐户走访,路灯已全部修复' } }).expect(200);
  expect(done.body.data).toMatchObject({
    state: 'rectified',
    rectificationNote: '逐户走访,路灯已全部修复',
  });
  expect(done.body.data.rectifiedAt).toBeTruthy();
  await request(app.server).post(`/minyi/notices/${notice.documentId}/acknowledge`).expect(401);
});

it('downloads a notice as XLSX (admin) and CSV (signed mail link), without personal data', async () => {
  const bulletin = await app.strapi.db
    .query('api::notice.notice')
    .findOne({ where: { kind: 'bulletin', period: PERIOD } });
  const xlsx = await request(app.server)
    .get(`/minyi/notices/${bulletin.documentId}/download/xlsx`)
    .set('Authorization', `Bearer ${token}`)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    })
    .expect(200);
  const workbook = new ExcelJS.Workbook();
  // The parser above made the body a Node Buffer; exceljs types load()'s argument as its own Buffer.
  await workbook.xlsx.load(xlsx.body as unknown as ExcelJS.Buffer);
  expect(workbook.worksheets.map((s) => s.name)).toEqual(['说明', '乡镇排名', '部门排名']);
  expect(workbook.getWorksheet('乡镇排名')?.getRow(3).getCell(2).value).toBe('黄山头镇');

  const [{ data }] = await outbox({
    dedupe_key: `notice:${bulletin.documentId}:${REPORT_RECIPIENT}`,
  });
  const csvLink = new URL((data.downloads as Array<{ url: string }>)[1].url);
  const csv = await request(app.server).get(`${csvLink.pathname}${csvLink.search}`).expect(200);
  expect(csv.headers['content-type']).toContain('text/csv');
  expect(csv.text).toContain('乡镇排名');
  expect(csv.text).toContain('黄山头镇');
  expect(csv.text).not.toMatch(/张秘密|13900001111|书院洲村七组/);
  await request(app.server).get(`${csvLink.pathname}?token=forged`).expect(403);
  await request(app.server).get(`/minyi/notices/${bulletin.documentId}/download/xlsx`).expect(401);
});
