import ExcelJS from 'exceljs';
import request from 'supertest';
import { runJobCli } from '../helpers/cli';
import { startApp, TEST_ADMIN, type TestApp } from '../helpers/strapi';
import { minyiService } from '../../plugins/minyi/server/src/plugin';
import { fixtureDocuments } from '../helpers/fixtures';
import type { ItemData } from '../helpers/content-data';

/**
 * Periodic reports as notices: weekly dispatch (周调度) per township, monthly analysis (月研判) with
 * the opinion special report (民意专报: top categories, recurring problems, overdue items), and the
 * quarterly report (季汇报) — each issued once per period, mailed through the outbox to the
 * configured recipients, downloadable as XLSX and CSV, and free of residents' personal data.
 */
let app: TestApp;
let token: string;
const docs = () => fixtureDocuments(app.strapi);
const knex = () => app.strapi.db.connection;
const at = (iso: string) => new Date(`${iso}+08:00`);
const RECIPIENTS = ['leader-office@example.invalid', 'cppcc@example.invalid'];

beforeAll(async () => {
  app = await startApp({ MINYI_REPORT_RECIPIENTS: RECIPIENTS.join(', ') });
  const county = await docs()('api::grid.grid').create({
    data: { name: '安乡县', code: 'C', level: 'county' },
  });
  const township = await docs()('api::grid.grid').create({
    data: { name: '深柳镇', code: 'T', level: 'township', parent: county.documentId },
  });
  const village = await docs()('api::grid.grid').create({
    data: { name: '书院洲村', code: 'V', level: 'village', parent: township.documentId },
  });
  const grid = await docs()('api::grid.grid').create({
    data: { name: '一网格', code: 'G', level: 'grid', parent: village.documentId },
  });
  await docs()('api::staff.staff').create({
    data: {
      name: '深柳镇干部',
      role: 'township-officer',
      email: 'officer@example.invalid',
      grid: township.documentId,
    },
  });
  const department = await docs()('api::department.department').create({
    data: {
      name: '县水利局',
      code: 'SLJ',
      kind: 'county-department',
      contactEmail: 'slj@example.invalid',
    },
  });
  const water = await docs()('api::category.category').create({
    data: {
      name: '农田水利',
      code: 'WATER',
      defaultLevel: 'township',
      gridDays: 3,
      townshipDays: 5,
      countyDays: 10,
    },
  });
  const light = await docs()('api::category.category').create({
    data: {
      name: '路灯照明',
      code: 'LIGHT',
      defaultLevel: 'grid',
      gridDays: 3,
      townshipDays: 5,
      countyDays: 10,
    },
  });
  // October 2026 (weeks 40–44): four water problems in the same village (recurring), one light, one overdue.
  const make = (
    category: string,
    day: string,
    state: ItemData['state'],
    extra: Partial<ItemData> = {}
  ) =>
    docs()('api::item.item').create({
      data: {
        title: '张秘密家门口的水渠堵了',
        content: '联系电话13900001111',
        submitterName: '张秘密',
        submitterPhone: '13900001111',
        address: '书院洲村七组',
        type: 'complaint',
        channel: 'grid-worker',
        state,
        level: 'township',
        complexity: 'simple',
        category,
        grid: grid.documentId,
        leadDepartment: department.documentId,
        receivedAt: at(`2026-10-${day}T09:00:00`),
        acceptedAt: at(`2026-10-${day}T10:00:00`),
        dueAt: at(`2026-10-${day}T18:00:00`),
        ...(state === 'closed'
          ? { resolvedAt: at(`2026-10-${day}T16:00:00`), satisfaction: 'satisfied' }
          : {}),
        ...extra,
      },
    });
  for (const day of ['12', '13', '14']) await make(water.documentId, day, 'closed');
  await make(water.documentId, '15', 'in-progress');
  await make(light.documentId, '13', 'closed');
  token = (await request(app.server).post('/admin/login').send(TEST_ADMIN).expect(200)).body.data
    .token;
});

afterAll(async () => {
  await app?.stop();
});

async function noticeMails(documentId: string) {
  const rows: Array<{ recipient: string; template: string; data: unknown }> = await knex()(
    'minyi_outbox_messages'
  )
    .where('dedupe_key', 'like', `notice:${documentId}:%`)
    .orderBy('recipient')
    .select('recipient', 'template', 'data');
  return rows.map((row) => ({
    ...row,
    data: (typeof row.data === 'string' ? JSON.parse(row.data) : row.data) as Record<
      string,
      unknown
    >,
  }));
}

it('issues the weekly dispatch per township once, mailed to the report recipients and the townships', async () => {
  const cli = await runJobCli(['report-weekly', '--period', '2026-W42']);
  expect({ code: cli.code, stderr: cli.stderr }).toMatchObject({ code: 0 });
  const weekly = await app.strapi.db
    .query('api::notice.notice')
    .findOne({ where: { kind: 'weekly', period: '2026-W42' } });
  expect(weekly).toMatchObject({ state: 'issued', title: '2026年第42周民意事项周调度' });
  const [table] = weekly.metrics.tables;
  expect(table.columns).toEqual([
    '乡镇',
    '本周受理',
    '本周办结',
    '民意解决率',
    '满意率',
    '当前在办',
    '当前超期',
  ]);
  expect(table.rows).toEqual([['深柳镇', '5', '4', '80.00%', '100.00%', '1', '1']]);
  const mails = await noticeMails(weekly.documentId);
  expect(mails.map((m) => m.recipient)).toEqual([
    'cppcc@example.invalid',
    'leader-office@example.invalid',
    'officer@example.invalid',
  ]);
  expect(
    mails.every(
      (m) => m.template === 'notice' && m.data.kind === 'weekly' && m.data.period === '2026-W42'
    )
  ).toBe(true);
  // The same week again (forced): no second notice.
  expect((await runJobCli(['report-weekly', '--period', '2026-W42', '--force'])).code).toBe(0);
  expect(await app.strapi.db.query('api::notice.notice').count({ where: { kind: 'weekly' } })).toBe(
    1
  );
});

it('issues the monthly analysis and the special report with top categories, recurring problems and overdue items', async () => {
  const result = await minyiService(app.strapi, 'jobs').run('report-monthly', {
    period: '2026-10',
    now: at('2026-11-01T10:00:00'),
  });
  expect(result.outcome).toBe('succeeded');
  const monthly = await app.strapi.db
    .query('api::notice.notice')
    .findOne({ where: { kind: 'monthly', period: '2026-10' } });
  expect(monthly.metrics.tables.map((t: { name: string }) => t.name)).toEqual([
    '部门办理情况',
    '乡镇办理情况',
    '分类办理情况',
  ]);
  expect(monthly.metrics.tables[2].rows).toEqual([
    ['农田水利', '4', '3', '75.00%', '100.00%'],
    ['路灯照明', '1', '1', '100.00%', '100.00%'],
  ]);
  expect((await noticeMails(monthly.documentId)).map((m) => m.recipient)).toEqual([
    'cppcc@example.invalid',
    'leader-office@example.invalid',
    'slj@example.invalid',
  ]);

  const special = await app.strapi.db
    .query('api::notice.notice')
    .findOne({ where: { kind: 'special-report', period: '2026-10' } });
  const [top, recurring, overdue] = special.metrics.tables as Array<{
    name: string;
    rows: string[][];
  }>;
  expect(top.rows[0][0]).toBe('农田水利');
  expect(recurring.rows).toEqual([['农田水利', '深柳镇', '书院洲村', '4']]);
  expect(overdue.rows).toHaveLength(1);
  expect(overdue.rows[0]).toEqual([
    expect.stringMatching(/^MY/),
    '农田水利',
    '乡镇',
    '深柳镇',
    '2026-10-15',
  ]);
  expect(special.metrics.paragraphs.join('')).toContain('超期未办结事项 1 件');
  expect((await noticeMails(special.documentId)).map((m) => m.recipient)).toEqual([
    'cppcc@example.invalid',
    'leader-office@example.invalid',
  ]);

  // No personal data in any report, its mails or its downloads.
  const csv = await request(app.server)
    .get(`/minyi/notices/${special.documentId}/download/csv`)
    .set('Authorization', `Bearer ${token}`)
    .expect(200);
  expect(csv.text.charCodeAt(0)).toBe(0xfeff);
  expect(csv.text).toContain('反复出现的问题');
  const everything = JSON.stringify([
    monthly,
    special,
    await noticeMails(special.documentId),
    csv.text,
  ]);
  expect(everything).not.toMatch(/张秘密|13900001111|书院洲村七组|水渠堵了/);
});

it('issues the quarterly report and serves it as a workbook', async () => {
  const result = await minyiService(app.strapi, 'jobs').run('report-quarterly', {
    period: '2026-Q4',
    now: at('2027-01-01T09:00:00'),
  });
  expect(result.outcome).toBe('succeeded');
  const quarterly = await app.strapi.db
    .query('api::notice.notice')
    .findOne({ where: { kind: 'quarterly', period: '2026-Q4' } });
  expect(quarterly.title).toBe('2026年第四季度民意直通车工作汇报');
  expect(quarterly.metrics.paragraphs[0]).toContain(
    '全县共受理民意事项 5 件,办结 4 件,民意解决率 80.00%'
  );
  const xlsx = await request(app.server)
    .get(`/minyi/notices/${quarterly.documentId}/download/xlsx`)
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
  expect(workbook.worksheets.map((s) => s.name)).toEqual(['说明', '乡镇办理情况', '部门办理情况']);
  expect(workbook.getWorksheet('部门办理情况')?.getRow(2).values).toEqual([
    undefined,
    '不排名(样本不足)',
    '县水利局',
    '5',
    '4',
    '80.00%',
    '100.00%',
    '100.00%',
    '100.00%',
    '—',
    '—',
    '0.00',
  ]);
  await request(app.server)
    .get(`/minyi/notices/${quarterly.documentId}/download/pdf`)
    .set('Authorization', `Bearer ${token}`)
    .expect(400);
});
