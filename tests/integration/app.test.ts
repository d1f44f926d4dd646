import request from 'supertest';
import { startApp, TEST_ADMIN, type TestApp } from '../helpers/strapi';

let app: TestApp;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.stop();
});

async function adminToken(): Promise<string> {
  const response = await request(app.server).post('/admin/login').send(TEST_ADMIN).expect(200);
  return response.body.data.token as string;
}

describe('the minyi plugin is really loaded (Strapi skips an unbuilt plugin silently)', () => {
  it('registers its services', () => {
    const plugin = app.strapi.plugin('minyi');
    expect(plugin).toBeDefined();
    expect(Object.keys(plugin.services)).toEqual(
      expect.arrayContaining(['grid-tree', 'item-identity', 'status', 'escalation-sweep'])
    );
  });

  it('serves its public health route', async () => {
    const response = await request(app.server).get('/api/minyi/health').expect(200);
    expect(response.body).toEqual({ data: { plugin: 'minyi', ok: true } });
  });

  it('serves its admin status route to an admin only', async () => {
    await request(app.server).get('/minyi/status').expect(401);
    const response = await request(app.server)
      .get('/minyi/status')
      .set('Authorization', `Bearer ${await adminToken()}`)
      .expect(200);
    expect(response.body.data).toMatchObject({ plugin: 'minyi', timezone: 'Asia/Shanghai' });
    expect(response.body.data.services).toContain('status');
  });
});

describe('first start', () => {
  it('creates the super admin from ADMIN_EMAIL / ADMIN_PASSWORD, who can log in', async () => {
    const token = await adminToken();
    const me = await request(app.server)
      .get('/admin/users/me')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(me.body.data.email).toBe(TEST_ADMIN.email);
    expect(me.body.data.roles.map((role: { code: string }) => role.code)).toContain(
      'strapi-super-admin'
    );
  });

  it('refuses a wrong password', async () => {
    await request(app.server)
      .post('/admin/login')
      .send({ ...TEST_ADMIN, password: 'wrong-Password-1' })
      .expect(400);
  });

  it('gives the content manager Chinese field labels', async () => {
    const response = await request(app.server)
      .get('/content-manager/content-types/api::item.item/configuration')
      .set('Authorization', `Bearer ${await adminToken()}`)
      .expect(200);
    const metadatas = response.body.data.contentType.metadatas;
    expect(metadatas.submitterPhone.edit.label).toBe('反映人电话');
    expect(metadatas.dueAt.list.label).toBe('办理时限');
    expect(response.body.data.contentType.settings.mainField).toBe('title');
    // System-written fields are shown but not editable in the form.
    expect(metadatas.trackingCode.edit.editable).toBe(false);
    expect(metadatas.title.edit.editable).toBe(true);
  });
});
