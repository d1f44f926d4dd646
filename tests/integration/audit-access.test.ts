import ExcelJS from 'exceljs';
import request from 'supertest';
import { startApp, TEST_ADMIN, type TestApp } from '../helpers/strapi';
import { fixtureDocuments } from '../helpers/fixtures';
import type { GridData, StaffData } from '../helpers/content-data';
import { minyiService } from '../../plugins/minyi/server/src/plugin';

/**
 * Route × role for the plugin's admin routes beside the handling route (issue 15): jobs, mail,
 * spot-check review, notices. Each route declares its plugin permission (requirePermissions) and
 * is narrowed to the caller's unit on top: a township or department reads only its own stratum of
 * the sample; notices are answered by their addressees only; county-wide reports (addressed to no
 * unit) are read and downloaded by every account with a unit. The README's "Who may use which plugin route" table is this one.
 *
 *   status code, or for the spot-check reads (the spot-check, its sheet, the sample drawn again,
 *   the XLSX): "all" (every sampled item) / "own" (only the sampled items of the caller's unit,
 *   and only its unit's results); for the notice list: the addressees of the notices it lists
 *   (county = addressed to no unit). "download" fetches the CSV and the XLSX (the same status).
 *   report / accept / return are the 通报与整改 page's steps on a rectification notice
 *   (acknowledged → reported → accepted | returned).
 *
 * County: C ─ T1 ─ V1 ─ G1; C ─ T2 ─ G2. Departments D1, D2. Notices: rectification notices to
 * T1, T2 and D1, and a county-wide report addressed to no unit.
 */
const ROLES = [
  'super-admin',
  'county-coordinator',
  'leader',
  'auditor',
  'township-officer',
  'department-officer',
  'grid-worker',
] as const;
type Role = (typeof ROLES)[number];

const MATRIX = `
  route                    | super-admin | county-coordinator | leader | auditor | township-officer | department-officer | grid-worker
  GET jobs                 | 200         | 200                | 403    | 200     | 403              | 403                | 403
  POST jobs run            | 200         | 200                | 403    | 403     | 403              | 403                | 403
  GET mail                 | 200         | 403                | 403    | 403     | 403              | 403                | 403
  GET mail previews        | 200         | 403                | 403    | 403     | 403              | 403                | 403
  GET spot-check           | all         | all                | all    | all     | own              | own                | 403
  GET spot-checks          | 200         | 200                | 200    | 200     | 200              | 200                | 403
  GET spot-check sheet     | all         | all                | all    | all     | own              | own                | 403
  GET spot-check recompute | all         | all                | all    | all     | own              | own                | 403
  GET spot-check xlsx      | all         | all                | all    | all     | own              | own                | 403
  POST spot-check review   | 200         | 200                | 403    | 403     | 403              | 403                | 403
  POST spot-check complete | 409         | 409                | 403    | 403     | 403              | 403                | 403
  POST acknowledge T1      | 200         | 403                | 403    | 403     | 200              | 403                | 403
  POST acknowledge T2      | 200         | 403                | 403    | 403     | 403              | 403                | 403
  POST acknowledge D1      | 200         | 403                | 403    | 403     | 403              | 200                | 403
  POST rectified T1        | 200         | 403                | 403    | 403     | 200              | 403                | 403
  POST rectified T2        | 200         | 403                | 403    | 403     | 403              | 403                | 403
  POST rectified D1        | 200         | 403                | 403    | 403     | 403              | 200                | 403
  GET download T1          | 200         | 200                | 200    | 200     | 200              | 403                | 200
  GET download T2          | 200         | 200                | 200    | 200     | 403              | 403                | 403
  GET download D1          | 200         | 200                | 200    | 200     | 403              | 200                | 403
  GET download county      | 200         | 200                | 200    | 200     | 200              | 200                | 200
  GET notices              | T1+T2+D1+county | T1+T2+D1+county | T1+T2+D1+county | T1+T2+D1+county | T1+county | D1+county | T1+county
  GET view T1              | 200         | 200                | 200    | 200     | 200              | 404                | 200
  GET view T2              | 200         | 200                | 200    | 200     | 404              | 404                | 404
  GET view D1              | 200         | 200                | 200    | 200     | 404              | 200                | 404
  GET view county          | 200         | 200                | 200    | 200     | 200              | 200                | 200
  POST report T1           | 200         | 403                | 403    | 403     | 200              | 404                | 403
  POST report T2           | 200         | 403                | 403    | 403     | 404              | 404                | 404
  POST report D1           | 200         | 403                | 403    | 403     | 404              | 200                | 404
  POST accept T1           | 200         | 200                | 403    | 403     | 403              | 403                | 403
  POST accept D1           | 200         | 200                | 403    | 403     | 403              | 403                | 403
  POST return T1           | 200         | 200                | 403    | 403     | 403              | 403                | 403
  POST return D1           | 200         | 200                | 403    | 403     | 403              | 403                | 403
`;

function parseMatrix(text: string): Array<{ route: string; cells: Record<Role, string> }> {
  const [header, ...lines] = text
    .trim()
    .split('\n')
    .map((line) => line.split('|').map((cell) => cell.trim()));
  expect(header.slice(1)).toEqual([...ROLES]);
  return lines.map((cells) => ({
    route: cells[0],
    cells: Object.fromEntries(ROLES.map((role, index) => [role, cells[index + 1]])) as Record<
      Role,
      string
    >,
  }));
}

let app: TestApp;
const docs = () => fixtureDocuments(app.strapi);
const ids: Record<string, string> = {};
const tokens: Partial<Record<Role, string>> = {};
const at = (iso: string) => new Date(`${iso}+08:00`);
const PERIOD = '2026-10';

async function grid(code: string, level: GridData['level'], parent?: string) {
  const created = await docs()('api::grid.grid').create({
    data: { name: `网格${code}`, code, level, parent: parent ? ids[parent] : undefined },
  });
  ids[code] = created.documentId;
}

async function adminUser(role: Role, adminRoleCode: string, staff: Omit<StaffData, 'name'> | null) {
  const adminRole = await app.strapi.service('admin::role').findOne({ code: adminRoleCode });
  expect(adminRole).toBeTruthy();
  const email = `${role}@test.local`;
  const password = 'Audit-Test-2026';
  const user = await app.strapi.service('admin::user').create({
    email,
    firstname: role,
    lastname: 'test',
    password,
    isActive: true,
    roles: [adminRole.id],
  });
  if (staff)
    await docs()('api::staff.staff').create({
      data: { name: `${role}工作人员`, ...staff, adminUser: user.id },
    });
  const login = await request(app.server)
    .post('/admin/login')
    .send({ email, password })
    .expect(200);
  tokens[role] = login.body.data.token;
}

let counter = 0;
async function closedItem(placement: { grid?: string; department?: string }) {
  counter++;
  const day = String(5 + counter).padStart(2, '0');
  const receivedAt = at(`2026-10-${day}T09:00:00`);
  await docs()('api::item.item').create({
    data: {
      title: `抽查事项 ${counter}`,
      content: '路灯不亮',
      type: 'request',
      channel: 'grid-worker',
      state: 'closed',
      level: 'grid',
      complexity: 'simple',
      receivedAt,
      acceptedAt: receivedAt,
      dueAt: at(`2026-10-${day}T18:00:00`),
      resolvedAt: at(`2026-10-${day}T15:00:00`),
      satisfaction: 'satisfied',
      ...(placement.grid ? { grid: ids[placement.grid], assignedGrid: ids[placement.grid] } : {}),
      ...(placement.department ? { leadDepartment: ids[placement.department] } : {}),
    },
  });
}

/** A freshly issued notice to a unit ('T1', 'T2', 'D1') or to nobody ('county'). */
async function notice(to: string, state: 'issued' | 'acknowledged' | 'reported' = 'issued') {
  const notices = minyiService(app.strapi, 'notices');
  const targets =
    to === 'county' ? {} : to.startsWith('T') ? { townshipCodes: [to] } : { departmentCodes: [to] };
  const issued = await app.strapi.db.transaction(({ trx }) =>
    notices.issue(
      trx,
      {
        kind: to === 'county' ? 'quarterly' : 'rectification',
        title: `通知 ${to}`,
        period: PERIOD,
        paragraphs: ['请整改'],
        tables: [],
      },
      targets,
      [],
      new Date()
    )
  );
  if (state !== 'issued') await notices.acknowledge(issued.documentId, '测试');
  if (state === 'reported')
    // Reported by the addressed unit's own officer, through the route.
    await request(app.server)
      .post(`/minyi/notices/${issued.documentId}/report`)
      .set(auth(to === 'D1' ? 'department-officer' : 'township-officer'))
      .send({ data: { report: '已逐项整改完毕,附整改台账。' } })
      .expect(200);
  return issued.documentId as string;
}

let spotCheck: {
  documentId: string;
  sample: Array<{
    documentId: string;
    trackingCode: string;
    township: string | null;
    department: string | null;
  }>;
};

beforeAll(async () => {
  app = await startApp();
  await grid('C', 'county');
  await grid('T1', 'township', 'C');
  await grid('V1', 'village', 'T1');
  await grid('G1', 'grid', 'V1');
  await grid('T2', 'township', 'C');
  await grid('G2', 'grid', 'T2');
  for (const code of ['D1', 'D2']) {
    const created = await docs()('api::department.department').create({
      data: { name: `部门${code}`, code, kind: 'county-department' },
    });
    ids[code] = created.documentId;
  }
  for (let i = 0; i < 3; i++) {
    await closedItem({ grid: 'G1' });
    await closedItem({ grid: 'G2' });
    await closedItem({ department: 'D1' });
    await closedItem({ department: 'D2' });
  }
  tokens['super-admin'] = (
    await request(app.server).post('/admin/login').send(TEST_ADMIN).expect(200)
  ).body.data.token;
  await adminUser('county-coordinator', 'minyi-county-coordinator', {
    role: 'county-coordinator',
    grid: ids.C,
  });
  await adminUser('leader', 'minyi-leader', { role: 'leader', grid: ids.C });
  await adminUser('auditor', 'minyi-auditor', null);
  await adminUser('township-officer', 'minyi-township-officer', {
    role: 'township-officer',
    grid: ids.T1,
  });
  await adminUser('department-officer', 'minyi-department-officer', {
    role: 'liaison',
    department: ids.D1,
  });
  await adminUser('grid-worker', 'minyi-grid-worker', { role: 'grid-member', grid: ids.G1 });

  await request(app.server)
    .post('/minyi/jobs/spot-check/run')
    .set('Authorization', `Bearer ${tokens['super-admin']}`)
    .send({ period: PERIOD })
    .expect(200);
  spotCheck = await app.strapi.db
    .query('api::spot-check.spot-check')
    .findOne({ where: { period: PERIOD } });
  // 2 per stratum: T1, T2, D1, D2.
  expect(spotCheck.sample).toHaveLength(8);
  // Seven logins (bcrypt) and a spot-check run: slow on a loaded machine, not a timed assertion.
}, 300_000);

afterAll(async () => {
  await app?.stop();
});

const auth = (role: Role) => ({ Authorization: `Bearer ${tokens[role]}` });
const unreviewed = () => {
  const reviewed = new Set(reviewedIds);
  return spotCheck.sample.find((entry) => !reviewed.has(entry.documentId))!;
};
const reviewedIds: string[] = [];

/** The sampled items a unit role may see: its township's (T1) or its department's (D1). */
const ownSample = (role: Role) =>
  role === 'township-officer'
    ? spotCheck.sample.filter((entry) => entry.township === 'T1')
    : spotCheck.sample.filter((entry) => entry.department === 'D1');

/** "all" when `seen` is the whole sample, "own" when it is exactly the role's unit's part. */
function allOrOwn(
  role: Role,
  seen: string[],
  of: (entry: (typeof spotCheck.sample)[number]) => string
) {
  const sorted = [...seen].sort();
  if (JSON.stringify(sorted) === JSON.stringify(spotCheck.sample.map(of).sort())) return 'all';
  expect(sorted).toEqual(ownSample(role).map(of).sort());
  return 'own';
}

/** An XLSX answer's first column below the header (the tracking codes of the spot-check sheet). */
async function firstColumn(body: Buffer): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ExcelJS.Buffer);
  const codes: string[] = [];
  workbook.worksheets[0].eachRow((row, number) => {
    if (number > 1) codes.push(String(row.getCell(1).value));
  });
  return codes;
}

const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/** What the route answers for `role`, as a matrix cell. */
async function cell(route: string, role: Role): Promise<string> {
  const base = `/minyi/spot-checks/${spotCheck.documentId}`;
  const [, ...rest] = route.split(' ');
  const what = rest.join(' ');
  let response: request.Response;
  switch (what) {
    case 'jobs':
      response = await request(app.server).get('/minyi/jobs').set(auth(role));
      break;
    case 'jobs run':
      response = await request(app.server)
        .post('/minyi/jobs/job-runs-prune/run')
        .set(auth(role))
        .send({ force: true });
      break;
    case 'mail':
      response = await request(app.server).get('/minyi/mail').set(auth(role));
      break;
    case 'mail previews':
      response = await request(app.server).get('/minyi/mail/previews').set(auth(role));
      break;
    case 'spot-check': {
      response = await request(app.server).get(base).set(auth(role));
      if (response.status !== 200) break;
      const sample = response.body.data.sample as typeof spotCheck.sample;
      if (sample.length === spotCheck.sample.length) return 'all';
      const own =
        role === 'township-officer'
          ? spotCheck.sample.filter((entry) => entry.township === 'T1')
          : spotCheck.sample.filter((entry) => entry.department === 'D1');
      expect(sample.map((entry) => entry.documentId).sort()).toEqual(
        own.map((entry) => entry.documentId).sort()
      );
      return 'own';
    }
    case 'spot-checks':
      response = await request(app.server).get('/minyi/spot-checks').set(auth(role));
      if (response.status === 200)
        expect(response.body.data.map((row: { period: string }) => row.period)).toContain(PERIOD);
      break;
    case 'spot-check sheet':
      response = await request(app.server).get(`${base}/sheet`).set(auth(role));
      if (response.status !== 200) break;
      return allOrOwn(
        role,
        response.body.data.entries.map((entry: { documentId: string }) => entry.documentId),
        (entry) => entry.documentId
      );
    case 'spot-check recompute':
      response = await request(app.server).get(`${base}/recompute`).set(auth(role));
      if (response.status !== 200) break;
      expect(response.body.data.matches).toBe(true);
      return allOrOwn(role, response.body.data.keys, (entry) => entry.trackingCode);
    case 'spot-check xlsx':
      response = await request(app.server)
        .get(`${base}/xlsx`)
        .set(auth(role))
        .buffer(true)
        .parse(binary);
      if (response.status !== 200) break;
      return allOrOwn(
        role,
        await firstColumn(response.body as Buffer),
        (entry) => entry.trackingCode
      );
    case 'spot-check review': {
      const entry = unreviewed();
      response = await request(app.server)
        .post(`${base}/items/${entry.documentId}/review`)
        .set(auth(role))
        .send({ data: { solved: true, satisfaction: 'satisfied' } });
      if (response.status === 200) reviewedIds.push(entry.documentId);
      break;
    }
    case 'spot-check complete':
      response = await request(app.server).post(`${base}/complete`).set(auth(role));
      break;
    case 'notices': {
      // One notice to each unit and one to nobody; the cell names the addressees listed.
      for (const to of ['T1', 'T2', 'D1', 'county']) await notice(to);
      response = await request(app.server)
        .get('/minyi/notices')
        .query({ period: PERIOD })
        .set(auth(role));
      if (response.status !== 200) break;
      const seen = new Set<string>();
      for (const row of response.body.data as Array<{ units: Array<{ code: string }> }>) {
        if (row.units.length === 0) seen.add('county');
        for (const unit of row.units) seen.add(unit.code);
      }
      return ['T1', 'T2', 'D1', 'county'].filter((label) => seen.has(label)).join('+');
    }
    default: {
      const [action, to] = what.split(' ');
      const state =
        action === 'rectified' || action === 'report'
          ? 'acknowledged'
          : action === 'accept' || action === 'return'
            ? 'reported'
            : 'issued';
      const documentId = await notice(to, state);
      const body: Record<string, object> = {
        rectified: { data: { note: '已整改完毕' } },
        report: { data: { report: '已逐项整改完毕,附整改台账。' } },
        return: { data: { reason: '整改不彻底' } },
      };
      if (action === 'download') {
        response = await request(app.server)
          .get(`/minyi/notices/${documentId}/download/csv`)
          .set(auth(role));
        // The XLSX answers as the CSV does.
        const xlsx = await request(app.server)
          .get(`/minyi/notices/${documentId}/download/xlsx`)
          .set(auth(role))
          .buffer(true)
          .parse(binary);
        expect(xlsx.status).toBe(response.status);
      } else if (action === 'view') {
        response = await request(app.server)
          .get(`/minyi/notices/${documentId}/view`)
          .set(auth(role));
      } else {
        response = await request(app.server)
          .post(`/minyi/notices/${documentId}/${action}`)
          .set(auth(role))
          .send(body[action] ?? {});
      }
      if (response.status === 200 && action !== 'download')
        expect(response.body.data.state).toBe(
          {
            acknowledge: 'acknowledged',
            rectified: 'rectified',
            view: 'issued',
            report: 'reported',
            accept: 'accepted',
            return: 'returned',
          }[action]
        );
    }
  }
  return String(response.status);
}

describe('plugin admin routes: route × role', () => {
  it.each(parseMatrix(MATRIX).map((row) => [row.route, row] as const))('%s', async (_, row) => {
    const seen: Record<string, string> = {};
    for (const role of ROLES) seen[role] = await cell(row.route, role);
    expect(seen).toEqual(row.cells);
  });

  it('narrows the spot-check sample and results to the unit (no code of another unit in the answer)', async () => {
    const view = await request(app.server)
      .get(`/minyi/spot-checks/${spotCheck.documentId}`)
      .set(auth('township-officer'))
      .expect(200);
    for (const entry of view.body.data.sample) expect(entry.township).toBe('T1');
    expect(JSON.stringify(view.body.data)).not.toContain('"T2"');
  });

  it("answers a township officer's recompute with no tracking code of another township", async () => {
    const answer = await request(app.server)
      .get(`/minyi/spot-checks/${spotCheck.documentId}/recompute`)
      .set(auth('township-officer'))
      .expect(200);
    const elsewhere = spotCheck.sample
      .filter((entry) => entry.township !== 'T1')
      .map((entry) => entry.trackingCode);
    expect(elsewhere.length).toBeGreaterThan(0);
    const text = JSON.stringify(answer.body);
    for (const code of elsewhere) expect(text).not.toContain(code);
    expect(answer.body.data.keys.length).toBeGreaterThan(0);
    // The coordinator still gets the whole sample drawn again, equal to the stored one.
    const whole = await request(app.server)
      .get(`/minyi/spot-checks/${spotCheck.documentId}/recompute`)
      .set(auth('county-coordinator'))
      .expect(200);
    expect(whole.body.data.keys).toEqual(spotCheck.sample.map((e) => e.trackingCode).sort());
    expect(whole.body.data.matches).toBe(true);
  });

  it('leaves the item untouched when a refused caller tries to reopen it', async () => {
    const entry = unreviewed();
    const before = await app.strapi.db
      .connection('items')
      .where('document_id', entry.documentId)
      .first();
    await request(app.server)
      .post(`/minyi/spot-checks/${spotCheck.documentId}/items/${entry.documentId}/review`)
      .set(auth('township-officer'))
      .send({ data: { solved: false, satisfaction: 'dissatisfied' } })
      .expect(403);
    const after = await app.strapi.db
      .connection('items')
      .where('document_id', entry.documentId)
      .first();
    expect(after.state).toBe(before.state);
  });
});

describe('text input on the spot-check and notice routes', () => {
  it.each([
    ['NUL', 'a\u0000b'],
    ['lone surrogate', 'a\ud800b'],
  ])('refuses %s in a review note and a rectification note with 400', async (_, bad) => {
    const entry = unreviewed();
    const review = await request(app.server)
      .post(`/minyi/spot-checks/${spotCheck.documentId}/items/${entry.documentId}/review`)
      .set(auth('county-coordinator'))
      .send({ data: { solved: false, satisfaction: 'dissatisfied', note: bad } });
    expect(review.status).toBe(400);
    expect(JSON.stringify(review.body.error.details.errors)).toMatch(/note/);
    const documentId = await notice('T1', 'acknowledged');
    const rectified = await request(app.server)
      .post(`/minyi/notices/${documentId}/rectified`)
      .set(auth('township-officer'))
      .send({ data: { note: `已整改${bad}` } });
    expect(rectified.status).toBe(400);
    expect(rectified.body.error.details.errors[0].message).toMatch(
      /control character|lone surrogate/
    );
    const row = await app.strapi.db.connection('notices').where('document_id', documentId).first();
    expect(row.state).toBe('acknowledged');
  });
});
