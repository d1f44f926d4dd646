import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import request from 'supertest';
import { crc32, deflateRawSync } from 'zlib';
import { startApp, TEST_ADMIN, type TestApp } from '../helpers/strapi';

/**
 * 导入导出: a county's structure from spreadsheets — dry run, all-or-nothing import, idempotence,
 * GBK CSV, grid moves carrying their items' paths, export → import, logins invited once.
 */
let app: TestApp;
let token: string;

beforeAll(async () => {
  app = await startApp({ MINYI_PUBLIC_URL: 'https://minyi.example.gov.cn' });
  token = (await request(app.server).post('/admin/login').send(TEST_ADMIN).expect(200)).body.data
    .token;
}, 300000); // the first boot on PostgreSQL syncs every table: slow on a loaded machine

afterAll(async () => {
  await app?.stop();
});

type Sheets = Record<string, Array<Array<string | number | { formula: string }>>>;

const HEADERS: Record<string, string[]> = {
  部门单位: ['单位编码', '单位名称', '单位类别', '联系邮箱'],
  网格: ['网格编码', '名称', '层级', '上级编码'],
  事项分类: [
    '分类编码',
    '分类名称',
    '上级分类编码',
    '默认办理层级',
    '默认办理单位编码',
    '网格时限(工作日)',
    '乡镇时限(工作日)',
    '县级时限(工作日)',
    '紧急时限(小时)',
    '提前催办(小时)',
  ],
  工作人员: ['手机号', '姓名', '角色', '所属网格编码', '所属单位编码', '电子邮箱', '账号'],
};

async function workbook(sheets: Sheets): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(name);
    sheet.addRow(HEADERS[name] ?? []);
    for (const row of rows) sheet.addRow(row);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

const valid: Sheets = {
  部门单位: [
    ['D-ZR', '县自然资源局', '县直部门', 'zr@example.gov.cn'],
    ['D-ZX', '县政协', '政协', ''],
  ],
  网格: [
    ['C', '安乡县', '县', ''],
    ['T1', '深柳镇', '乡镇', 'C'],
    ['T2', '官垱镇', '乡镇', 'C'],
    ['V1', '书院洲村', '村(社区)', 'T1'],
    ['G1', '书院洲村一网格', '网格', 'V1'],
    ['G2', '书院洲村二网格', '网格', 'V1'],
  ],
  事项分类: [
    ['01', '城乡建设', '', '县级', 'D-ZR', 3, 5, 10, '', 8],
    ['01.01', '道路积水', '01', '网格', '', 2, 4, 8, 24, 4],
  ],
  工作人员: [
    ['13800000001', '张网格', '网格员', 'G1', '', 'zhang@example.com', '外勤账号'],
    ['13800000002', '李网格长', '网格长', 'G1', '', 'li@example.com', '管理后台'],
    ['13800000003', '王专干', '乡镇干部', 'T1', '', 'wang@example.com', '管理后台'],
    ['13800000004', '赵联络', '部门联络员', '', 'D-ZR', '', '无'],
    ['13800000005', '钱邻长', '邻长', 'G2', '', '', ''],
  ],
};

function upload(buffer: Buffer, name: string, query: Record<string, string> = {}) {
  return request(app.server)
    .post('/minyi/structure/import')
    .query(query)
    .set('Authorization', `Bearer ${token}`)
    .attach('files', buffer, name);
}

async function counts() {
  const count = async (table: string) =>
    Number((await app.strapi.db.connection(table).count({ n: '*' }))[0].n);
  return {
    grids: await count('grids'),
    departments: await count('departments'),
    staff: await count('staffs'),
    categories: await count('categories'),
    outbox: await count('minyi_outbox_messages'),
  };
}

/** A ZIP archive written by hand, so a test can make one declare sizes that are not true. */
function zipOf(entries: Array<{ name: string; data: Buffer; declaredSize?: number }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const compressed = deflateRawSync(entry.data);
    const size = entry.declaredSize ?? entry.data.length;
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const outboxInvitations = async () =>
  (await app.strapi.db
    .connection('minyi_outbox_messages')
    .where('template', 'invitation')
    .select('recipient', 'data', 'dedupe_key')) as Array<{
    recipient: string;
    data: string | object;
    dedupe_key: string;
  }>;

const dataOf = (row: { data: string | object }) =>
  (typeof row.data === 'string' ? JSON.parse(row.data) : row.data) as Record<string, string>;

describe('a valid workbook', () => {
  it('is only checked by a dry run: the report says what would change, nothing is written', async () => {
    // A first start without demo data: the overview (which the landing page's hint reads) says empty.
    const overview = await request(app.server)
      .get('/minyi/structure/overview')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(overview.body.data).toEqual({ grids: 0, departments: 0, staff: 0, categories: 0 });
    const before = await counts();
    const response = await upload(await workbook(valid), '安乡县组织架构.xlsx').expect(200);
    const report = response.body.data;
    expect(report).toMatchObject({ valid: true, applied: false, dryRun: true, problemCount: 0 });
    expect(report.summary.grids).toMatchObject({ created: 6, updated: 0, unchanged: 0 });
    expect(report.summary.staff).toMatchObject({ created: 5 });
    expect(await counts()).toEqual(before);
  });

  it('is imported in one go: every kind, grid paths, links, and an invitation per new login', async () => {
    const response = await upload(await workbook(valid), '安乡县组织架构.xlsx', {
      dryRun: 'false',
    }).expect(200);
    const report = response.body.data;
    expect(report).toMatchObject({ valid: true, applied: true, invitations: 3 });
    expect(report.summary).toMatchObject({
      departments: { created: 2 },
      grids: { created: 6 },
      categories: { created: 2 },
      staff: { created: 5 },
    });
    const g1 = await app.strapi.documents('api::grid.grid').findFirst({
      filters: { code: 'G1' },
      populate: ['parent'],
    });
    expect(g1).toMatchObject({ path: '/C/T1/V1/G1/', level: 'grid', parent: { code: 'V1' } });
    const category = await app.strapi.documents('api::category.category').findFirst({
      filters: { code: '01.01' },
      populate: ['parent'],
    });
    expect(category).toMatchObject({
      gridDays: 2,
      urgentHours: 24,
      warningOffsetHours: 4,
      parent: { code: '01' },
    });
    const liaison = await app.strapi.db
      .query('api::staff.staff')
      .findOne({ where: { phone: '13800000004' }, populate: ['department'] });
    expect(liaison.department.code).toBe('D-ZR');

    const head = await app.strapi.db.query('api::staff.staff').findOne({
      where: { phone: '13800000002' },
      populate: { adminUser: { populate: ['roles'] } },
    });
    expect(head.adminUser).toMatchObject({ email: 'li@example.com', isActive: false });
    expect(head.adminUser.roles.map((role: { code: string }) => role.code)).toEqual([
      'minyi-grid-worker',
    ]);
    const officer = await app.strapi.db.query('api::staff.staff').findOne({
      where: { phone: '13800000003' },
      populate: { adminUser: { populate: ['roles'] } },
    });
    expect(officer.adminUser.roles.map((role: { code: string }) => role.code)).toEqual([
      'minyi-township-officer',
    ]);
    const member = await app.strapi.db
      .query('api::staff.staff')
      .findOne({ where: { phone: '13800000001' }, populate: { user: { populate: ['role'] } } });
    expect(member.user).toMatchObject({
      email: 'zhang@example.com',
      confirmed: true,
      blocked: false,
    });
    expect(member.user.role.type).toBe('minyi-grid-worker');

    const invitations = await outboxInvitations();
    expect(invitations.map((row) => row.recipient).sort()).toEqual(
      ['li@example.com', 'wang@example.com', 'zhang@example.com'].sort()
    );
    // No password is made up: the accounts have none until their owners set one through the link,
    // and the queued mail carries only the facts and the link.
    expect(head.adminUser.password ?? null).toBeNull();
    const fieldUser = await app.strapi.db
      .query('plugin::users-permissions.user')
      .findOne({ where: { email: 'zhang@example.com' } });
    expect(fieldUser.password ?? null).toBeNull();
    for (const row of invitations)
      expect(Object.keys(dataOf(row)).sort()).toEqual([
        'email',
        'link',
        'login',
        'name',
        'roleLabel',
        'unitName',
      ]);
    expect(JSON.stringify(report)).not.toMatch(/registrationToken|code=/);
  });

  it('lets invited staff set their own password and log in (admin registration, field reset code)', async () => {
    const invitations = await outboxInvitations();
    const admin = dataOf(invitations.find((row) => row.recipient === 'li@example.com')!);
    const registrationToken = new URL(admin.link).searchParams.get('registrationToken');
    expect(admin.link).toMatch(
      /^https:\/\/minyi\.example\.gov\.cn\/admin\/auth\/register\?registrationToken=/
    );
    await request(app.server)
      .post('/admin/register')
      .send({ registrationToken, userInfo: { firstname: '李网格长', password: 'Grid-Head-2026' } })
      .expect(200);
    await request(app.server)
      .post('/admin/login')
      .send({ email: 'li@example.com', password: 'Grid-Head-2026' })
      .expect(200);

    const field = dataOf(invitations.find((row) => row.recipient === 'zhang@example.com')!);
    const code = new URL(field.link).searchParams.get('code');
    expect(code).toMatch(/^[0-9a-f]{128}$/);
    await request(app.server)
      .post('/api/auth/reset-password')
      .send({ code, password: 'Grid-Field-2026', passwordConfirmation: 'Grid-Field-2026' })
      .expect(200);
    await request(app.server)
      .post('/api/auth/local')
      .send({ identifier: 'zhang@example.com', password: 'Grid-Field-2026' })
      .expect(200);
  });

  it('imported twice changes nothing and queues no second invitation', async () => {
    const before = await counts();
    const response = await upload(await workbook(valid), '安乡县组织架构.xlsx', {
      dryRun: 'false',
    }).expect(200);
    const report = response.body.data;
    for (const kind of ['grids', 'departments', 'staff', 'categories'])
      expect(report.summary[kind]).toMatchObject({ created: 0, updated: 0, missing: 0 });
    expect(report.invitations).toBe(0);
    expect(await counts()).toEqual(before);
  });

  it('exports the structure so that importing the export is a no-op', async () => {
    const exported = await request(app.server)
      .get('/minyi/structure/export')
      .set('Authorization', `Bearer ${token}`)
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => callback(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(exported.headers['content-type']).toMatch(/spreadsheetml/);
    const report = (await upload(exported.body as Buffer, 'export.xlsx').expect(200)).body.data;
    expect(report.valid).toBe(true);
    for (const kind of ['grids', 'departments', 'staff', 'categories'])
      expect(report.summary[kind]).toMatchObject({ created: 0, updated: 0, missing: 0 });
    expect(report.summary.staff.unchanged).toBe(5);
  });
});

describe('bad input', () => {
  it('reports each kind of bad row by sheet, row and column, and writes nothing', async () => {
    const before = await counts();
    const bad: Sheets = {
      部门单位: [['D-ZR', '县自然资源局', '不知道', '']], // unknown kind
      网格: [
        ['V2', '新村', '村(社区)', 'NOPE'], // parent nowhere
        ['G3', '三网格', '乡镇', 'V1'], // township under a village
        ['X1', '甲', '网格', 'X2'],
        ['X2', '乙', '网格', 'X1'], // cycle
        ['G1', '重复', '网格', 'V1'],
        ['G1', '重复', '网格', 'V1'], // duplicate code
      ],
      事项分类: [['02', '生态', '', '网格', '', 0, 5, 10, '', 8]], // limit not positive
      工作人员: [
        ['12345', '电话错', '网格员', 'G1', '', '', '无'], // phone
        ['13800000011', '邮箱错', '网格员', 'G1', '', 'not-mail', '无'], // email
        ['13800000012', '角色错', '乡镇干部', 'G1', '', '', '无'], // role misfits the grid
        ['13800000013', '无邮箱', '网格员', 'G1', '', '', '外勤账号'], // login without email
      ],
    };
    const response = await upload(await workbook(bad), 'bad.xlsx', { dryRun: 'false' }).expect(422);
    const report = response.body.data;
    expect(report).toMatchObject({ valid: false, applied: false });
    const where = report.problems.map(
      (problem: { sheet: string; row: number; column: string }) =>
        `${problem.sheet}|${problem.row}|${problem.column}`
    );
    expect(where).toEqual(
      expect.arrayContaining([
        '部门单位|2|单位类别',
        '网格|2|上级编码',
        '网格|3|层级',
        '网格|4|上级编码',
        '网格|5|上级编码',
        '网格|7|网格编码',
        '事项分类|2|网格时限(工作日)',
        '工作人员|2|手机号',
        '工作人员|3|电子邮箱',
        '工作人员|4|角色',
        '工作人员|5|电子邮箱',
      ])
    );
    expect(await counts()).toEqual(before);
  });

  it('refuses formula cells, unknown sheets, unreadable files, too-large files and too-long sheets with a 4xx', async () => {
    const before = await counts();
    const formula = await workbook({
      网格: [['G9', { formula: 'CONCAT("九","网格")' }, '网格', 'V1']],
    });
    const withFormula = (await upload(formula, 'f.xlsx', { dryRun: 'false' }).expect(422)).body
      .data;
    expect(withFormula.problems[0]).toMatchObject({ sheet: '网格', row: 2, column: '名称' });
    expect(withFormula.problems[0].message).toMatch(/公式/);

    const wrongSheet = await workbook({ 网格: [['G9', '九网格', '网格', 'V1']], Sheet1: [['x']] });
    const wrong = (await upload(wrongSheet, 'w.xlsx', { dryRun: 'false' }).expect(422)).body.data;
    expect(wrong.problems[0]).toMatchObject({ sheet: 'Sheet1', row: null });

    const unreadable = await upload(
      Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(100, 7)]),
      'x.xlsx'
    ).expect(400);
    expect(unreadable.body.error.message).toMatch(/无法读取/);

    const huge = Buffer.alloc(100 * 1024 * 1024, 0x61);
    const tooLarge = await upload(huge, 'huge.csv').expect(413);
    expect(tooLarge.body.error.message).toMatch(/MB/);

    const lines = ['网格编码,名称,层级,上级编码'];
    for (let i = 0; i < 500_000; i++) lines.push(`G${i},网格${i},网格,V1`);
    const tooLong = await upload(Buffer.from(lines.join('\n')), '网格.csv').expect(413);
    expect(tooLong.body.error.message).toMatch(/行/);
    expect(await counts()).toEqual(before);
  });

  it('refuses a zip bomb before reading it: 413, nothing written', async () => {
    const before = await counts();
    const contentTypes =
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';
    // 300 MB of a sheet's XML that deflates to a few hundred KB, declared honestly …
    const inflated = Buffer.alloc(300 * 1024 * 1024, 0x20);
    const honest = zipOf([
      { name: '[Content_Types].xml', data: Buffer.from(contentTypes) },
      { name: 'xl/worksheets/sheet1.xml', data: inflated },
    ]);
    expect(honest.length).toBeLessThan(1024 * 1024);
    const declared = await upload(honest, 'bomb.xlsx', { dryRun: 'false' }).expect(413);
    expect(declared.body.error.message).toMatch(/解压后超过 200 MB/);
    // … and the same lying about its size (the central directory says 1 KB).
    const lying = zipOf([
      { name: '[Content_Types].xml', data: Buffer.from(contentTypes) },
      { name: 'xl/worksheets/sheet1.xml', data: inflated, declaredSize: 1024 },
    ]);
    const lied = await upload(lying, 'bomb2.xlsx', { dryRun: 'false' }).expect(413);
    expect(lied.body.error.message).toMatch(/解压后超过/);
    // Thousands of tiny parts.
    const parts = zipOf(
      Array.from({ length: 1500 }, (_, index) => ({
        name: `xl/media/p${index}.bin`,
        data: Buffer.from('x'),
      }))
    );
    const many = await upload(parts, 'parts.xlsx', { dryRun: 'false' }).expect(413);
    expect(many.body.error.message).toMatch(/部件超过 1000/);
    // A real workbook passes the guard.
    await upload(await workbook(valid), 'ok.xlsx').expect(200);
    expect(await counts()).toEqual(before);
  });

  it('is refused to an admin without the import permission', async () => {
    const editor = await app.strapi.service('admin::role').findOne({ code: 'strapi-editor' });
    await app.strapi.service('admin::user').create({
      email: 'editor@test.local',
      firstname: '编辑',
      lastname: '员',
      password: 'Editor-2026-x',
      isActive: true,
      roles: [editor.id],
    });
    const editorToken = (
      await request(app.server)
        .post('/admin/login')
        .send({ email: 'editor@test.local', password: 'Editor-2026-x' })
        .expect(200)
    ).body.data.token;
    await request(app.server)
      .post('/minyi/structure/import')
      .set('Authorization', `Bearer ${editorToken}`)
      .attach('files', await workbook(valid), 'a.xlsx')
      .expect(403);
  });
});

describe('CSV and moves', () => {
  it('reads a GBK CSV (as Chinese Excel saves it) with its Chinese names intact', async () => {
    const csv = [
      '网格编码,名称,层级,上级编码',
      'G4,书院洲村四网格,网格,V1',
      'G5,"书院洲村五网格,东片",网格,V1',
    ].join('\r\n');
    const gbk = iconv.encode(csv, 'gbk');
    expect(gbk.equals(Buffer.from(csv))).toBe(false);
    const report = (await upload(gbk, 'grids.csv', { dryRun: 'false' }).expect(200)).body.data;
    expect(report).toMatchObject({ applied: true, format: 'csv', encoding: 'GB18030' });
    expect(report.summary.grids).toMatchObject({ created: 2, missing: 6 });
    const g5 = await app.strapi.documents('api::grid.grid').findFirst({ filters: { code: 'G5' } });
    expect(g5).toMatchObject({ name: '书院洲村五网格,东片', path: '/C/T1/V1/G5/' });
  });

  it('moves a village to another township: its grids and their items get the new path', async () => {
    const g1 = await app.strapi.documents('api::grid.grid').findFirst({ filters: { code: 'G1' } });
    const item = await app.strapi.documents('api::item.item').create({
      data: {
        title: '排水沟堵塞',
        content: '雨后积水',
        type: 'complaint',
        channel: 'grid-worker',
        grid: g1!.documentId,
      },
    });
    expect(
      (await app.strapi.documents('api::item.item').findOne({ documentId: item.documentId }))
        ?.gridPath
    ).toBe('/C/T1/V1/G1/');
    const moved = {
      网格: valid.网格.map((row) => (row[0] === 'V1' ? ['V1', '书院洲村', '村(社区)', 'T2'] : row)),
    };
    const report = (
      await upload(await workbook(moved), 'moved.xlsx', { dryRun: 'false' }).expect(200)
    ).body.data;
    expect(report.summary.grids).toMatchObject({ updated: 1, created: 0 });
    expect(report.movedGrids).toBe(5); // V1, G1, G2 and the CSV's G4, G5
    const after = await app.strapi
      .documents('api::grid.grid')
      .findFirst({ filters: { code: 'G1' } });
    expect(after?.path).toBe('/C/T2/V1/G1/');
    expect(
      (await app.strapi.documents('api::item.item').findOne({ documentId: item.documentId }))
        ?.gridPath
    ).toBe('/C/T2/V1/G1/');
    const untouched = await app.strapi
      .documents('api::grid.grid')
      .findFirst({ filters: { code: 'T1' } });
    expect(untouched?.path).toBe('/C/T1/');
  });

  it('downloads templates with Chinese headers and an example row', async () => {
    const binary = (
      res: request.Response,
      callback: (error: Error | null, body: Buffer) => void
    ) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => callback(null, Buffer.concat(chunks)));
    };
    const csv = await request(app.server)
      .get('/minyi/structure/template')
      .query({ format: 'csv', kind: 'departments' })
      .set('Authorization', `Bearer ${token}`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect((csv.body as Buffer).toString('utf8')).toMatch(
      /^\ufeff单位编码,单位名称,单位类别,联系邮箱\r\n/
    );
    const xlsx = await request(app.server)
      .get('/minyi/structure/template')
      .set('Authorization', `Bearer ${token}`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as unknown as ExcelJS.Buffer);
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual([
      '网格',
      '部门单位',
      '工作人员',
      '事项分类',
      '说明',
    ]);
  });
});

describe('per-level warning offsets', () => {
  const binary = (res: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => callback(null, Buffer.concat(chunks)));
  };
  const LEVEL_HEADERS = ['网格提前催办(小时)', '乡镇提前催办(小时)', '县级提前催办(小时)'];

  it('reads them from their Chinese columns, writes them back in the export, and the round trip is a no-op', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('事项分类');
    sheet.addRow([...HEADERS['事项分类'], ...LEVEL_HEADERS]);
    sheet.addRow(['05', '防汛抗旱', '', '乡镇', '', 1, 2, 5, '', 8, '', 4, 16]);
    const buffer = Buffer.from(await book.xlsx.writeBuffer());
    const report = (await upload(buffer, '事项分类.xlsx', { dryRun: 'false' }).expect(200)).body
      .data;
    expect(report).toMatchObject({ valid: true, applied: true });
    expect(report.summary.categories).toMatchObject({ created: 1 });
    const stored = await app.strapi
      .documents('api::category.category')
      .findFirst({ filters: { code: '05' } });
    expect(stored).toMatchObject({
      warningOffsetHours: 8,
      gridWarningOffsetHours: null,
      townshipWarningOffsetHours: 4,
      countyWarningOffsetHours: 16,
    });

    const exported = await request(app.server)
      .get('/minyi/structure/export')
      .set('Authorization', `Bearer ${token}`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const read = new ExcelJS.Workbook();
    await read.xlsx.load(exported.body as unknown as ExcelJS.Buffer);
    const categories = read.getWorksheet('事项分类')!;
    const headers = (categories.getRow(1).values as unknown[]).slice(1);
    expect(headers.slice(-3)).toEqual(LEVEL_HEADERS);
    let row05: unknown[] = [];
    categories.eachRow((row) => {
      const values = (row.values as unknown[]).slice(1);
      if (values[0] === '05') row05 = values;
    });
    expect(row05.slice(-3)).toEqual(['', 4, 16]);

    const again = (await upload(exported.body as Buffer, 'export.xlsx').expect(200)).body.data;
    expect(again.valid).toBe(true);
    expect(again.summary.categories).toMatchObject({ created: 0, updated: 0, missing: 0 });

    // Changing one level's offset in the file updates that field only.
    const changed = new ExcelJS.Workbook();
    const changedSheet = changed.addWorksheet('事项分类');
    changedSheet.addRow([...HEADERS['事项分类'], ...LEVEL_HEADERS]);
    changedSheet.addRow(['05', '防汛抗旱', '', '乡镇', '', 1, 2, 5, '', 8, '', 6, 16]);
    const applied = (
      await upload(Buffer.from(await changed.xlsx.writeBuffer()), '事项分类.xlsx', {
        dryRun: 'false',
      }).expect(200)
    ).body.data;
    expect(applied.summary.categories).toMatchObject({ updated: 1 });
    expect(
      await app.strapi.documents('api::category.category').findFirst({ filters: { code: '05' } })
    ).toMatchObject({
      gridWarningOffsetHours: null,
      townshipWarningOffsetHours: 6,
      countyWarningOffsetHours: 16,
    });
  });

  it('has the columns in the template, with a hint', async () => {
    const xlsx = await request(app.server)
      .get('/minyi/structure/template')
      .query({ kind: 'categories' })
      .set('Authorization', `Bearer ${token}`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as unknown as ExcelJS.Buffer);
    const sheet = book.getWorksheet('事项分类')!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers.slice(-3)).toEqual(LEVEL_HEADERS);
    expect(String(sheet.getRow(1).getCell(headers.length).note)).toContain('空则按');
  });

  it('refuses an offset out of range by sheet, row and column', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('事项分类');
    sheet.addRow([...HEADERS['事项分类'], ...LEVEL_HEADERS]);
    sheet.addRow(['06', '森林防火', '', '乡镇', '', 1, 2, 5, '', 8, 241, '', '']);
    const report = (await upload(Buffer.from(await book.xlsx.writeBuffer()), 'c.xlsx').expect(200))
      .body.data;
    expect(report.valid).toBe(false);
    expect(report.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sheet: '事项分类', row: 2, column: '网格提前催办(小时)' }),
      ])
    );
  });
});
