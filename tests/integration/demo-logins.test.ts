import request from 'supertest';
import { DEMO_ADMIN_LOGINS, DEMO_FIELD_LOGINS, DEMO_PASSWORD } from '../../src/seed/demo-logins';
import { startApp, type TestApp } from '../helpers/strapi';

/** The demo county's logins (README): each account works and sees its own unit of the demo data. */
let app: TestApp;

beforeAll(async () => {
  app = await startApp({ DEMO_DATA: 'true' });
});

afterAll(async () => {
  await app?.stop();
});

async function adminLogin(email: string) {
  const response = await request(app.server)
    .post('/admin/login')
    .send({ email, password: DEMO_PASSWORD })
    .expect(200);
  return { Authorization: `Bearer ${response.body.data.token}` };
}

async function staffOf(link: 'adminUser' | 'user', email: string) {
  const account = await app.strapi.db
    .query(link === 'adminUser' ? 'admin::user' : 'plugin::users-permissions.user')
    .findOne({ where: { email } });
  return app.strapi.db
    .query('api::staff.staff')
    .findOne({ where: { [link]: account.id }, populate: { grid: true, department: true } });
}

const CM = '/content-manager/collection-types/api::item.item';

it('creates every documented login once, each linked to a demo staff member (the auditor to none)', async () => {
  for (const login of DEMO_ADMIN_LOGINS) {
    await adminLogin(login.email);
    const staff = await staffOf('adminUser', login.email);
    if (login.staff) expect(staff?.role).toBe(login.staff);
    else expect(staff).toBeNull();
  }
  for (const login of DEMO_FIELD_LOGINS) {
    await request(app.server)
      .post('/api/auth/local')
      .send({ identifier: login.email, password: DEMO_PASSWORD })
      .expect(200);
    expect((await staffOf('user', login.email))?.role).toBe(login.staff);
  }
  // A restart adds nothing.
  const { ensureDemoLogins } = await import('../../src/seed/demo-logins');
  expect(await ensureDemoLogins(app.strapi)).toEqual([]);
});

it('shows the demo township officer the items of their township only, phones included', async () => {
  const staff = await staffOf('adminUser', 'township@minyi.local');
  const headers = await adminLogin('township@minyi.local');
  const response = await request(app.server)
    .get(CM)
    .query({ pageSize: 100 })
    .set(headers)
    .expect(200);
  const items = response.body.results as Array<{
    gridPath: string;
    submitterPhone: string | null;
    anonymous: boolean;
  }>;
  expect(response.body.pagination.total).toBeGreaterThan(0);
  expect(response.body.pagination.total).toBeLessThan(
    await app.strapi.db.query('api::item.item').count()
  );
  for (const item of items) expect(item.gridPath.startsWith(staff.grid.path)).toBe(true);
  expect(
    items.some((item) => typeof item.submitterPhone === 'string' && item.submitterPhone.length > 0)
  ).toBe(true);
});

it('shows the demo grid worker in the field the items of their grid only, without personal data', async () => {
  const staff = await staffOf('user', 'grid.field@minyi.local');
  const login = await request(app.server)
    .post('/api/auth/local')
    .send({ identifier: 'grid.field@minyi.local', password: DEMO_PASSWORD })
    .expect(200);
  const response = await request(app.server)
    .get('/api/items')
    .query({ 'pagination[pageSize]': 100 })
    .set({ Authorization: `Bearer ${login.body.jwt}` })
    .expect(200);
  const expected = await app.strapi.db
    .query('api::item.item')
    .count({ where: { gridPath: { $startsWith: staff.grid.path } } });
  expect(expected).toBeGreaterThan(0);
  expect(response.body.meta.pagination.total).toBe(expected);
  for (const item of response.body.data) {
    expect(item.gridPath.startsWith(staff.grid.path)).toBe(true);
    expect(item).not.toHaveProperty('submitterPhone');
  }
});

it('gives every demo login real work in its workbench, and the department items it leads and co-handles', async () => {
  for (const login of DEMO_ADMIN_LOGINS) {
    const headers = await adminLogin(login.email);
    const response = await request(app.server)
      .get('/minyi/workbench')
      .query({ tab: 'in-progress', pageSize: 100 })
      .set(headers)
      .expect(200);
    const open = (response.body.data.tabs as Array<{ tab: string; count: number }>)
      .filter((tab) => tab.tab !== 'to-confirm')
      .reduce((sum, tab) => sum + tab.count, 0);
    expect([login.email, open > 0]).toEqual([login.email, true]);
    if (login.email === 'department@minyi.local') {
      const parts: string[] = [];
      for (const tab of ['to-accept', 'in-progress', 'overdue']) {
        const rows = (
          await request(app.server)
            .get('/minyi/workbench')
            .query({ tab, pageSize: 100 })
            .set(headers)
            .expect(200)
        ).body.data.rows as Array<{ part: string }>;
        parts.push(...rows.map((row) => row.part));
      }
      expect(parts.length).toBeGreaterThan(0);
      expect(parts.every((part) => part === 'lead' || part === 'co-handling')).toBe(true);
    }
  }
  // Items in 已提交 have their due time like every other item.
  const withoutDue = await app.strapi.db
    .query('api::item.item')
    .count({ where: { state: 'submitted', dueAt: { $null: true } } });
  expect(withoutDue).toBe(0);
});

it("opens the demo county's dashboard: its first answer builds the month cells over all the demo items", async () => {
  // The demo county has 600 items: more than one insert statement's worth of members on SQLite.
  const headers = await adminLogin('coordinator@minyi.local');
  const dashboard = (await request(app.server).get('/minyi/dashboard').set(headers).expect(200))
    .body.data;
  const items = await app.strapi.db.query('api::item.item').count({});
  expect(items).toBeGreaterThan(500);
  expect(dashboard.scope.kind).toBe('county');
  expect(dashboard.trend).toHaveLength(12);
});

it("reads a township officer's staff record once per request, for all of its unit conditions and the route", async () => {
  const headers = await adminLogin('township@minyi.local');
  const knex = app.strapi.db.connection;
  const staffReads: string[] = [];
  const listen = (query: { sql: string }) => {
    // The staff record behind the admin account: read through the account link table.
    if (/staffs_admin_user_lnk/.test(query.sql)) staffReads.push(query.sql);
  };
  knex.on('query', listen);
  try {
    // The dashboard: Strapi evaluates the role's conditioned permissions (five, with seven
    // conditions), then the route resolves the officer's scope.
    await request(app.server).get('/minyi/dashboard').set(headers).expect(200);
    expect(staffReads).toHaveLength(1);
    staffReads.length = 0;
    // A second request reads it again: nothing is kept past a request.
    await request(app.server).get(`${CM}?page=1&pageSize=5`).set(headers).expect(200);
    expect(staffReads).toHaveLength(1);
  } finally {
    knex.removeListener('query', listen);
  }
});
