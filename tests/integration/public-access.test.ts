import request from 'supertest';
import { startApp, type TestApp } from '../helpers/strapi';

/**
 * What the Public role (any anonymous caller) can and cannot reach. Personal data — submitter
 * names and phones, staff names, phones and emails, department contact emails — must never leave
 * through a list, a populate, a filter or a sort.
 */
let app: TestApp;
const PHONE = '13912345678';
const STAFF_NAME = '张网格';

beforeAll(async () => {
  app = await startApp();
  const documents = app.strapi.documents;
  const county = await documents('api::grid.grid').create({
    data: { name: '安乡县', code: 'C1', level: 'county' },
  });
  const township = await documents('api::grid.grid').create({
    data: { name: '深柳镇', code: 'T1', level: 'township', parent: county.documentId },
  });
  const department = await documents('api::department.department').create({
    data: {
      name: '县住建局',
      code: 'D1',
      kind: 'county-department',
      contactEmail: 'zjj@example.invalid',
    },
  });
  await documents('api::staff.staff').create({
    data: {
      name: STAFF_NAME,
      phone: PHONE,
      email: 'staff@example.invalid',
      role: 'grid-head',
      grid: township.documentId,
    },
  });
  const category = await documents('api::category.category').create({
    data: {
      name: '道路交通',
      code: 'ROAD',
      defaultLevel: 'township',
      defaultDepartment: department.documentId,
    },
  });
  await documents('api::item.item').create({
    data: {
      title: '路灯不亮',
      content: '村口路灯坏了一个月',
      type: 'request',
      channel: 'website',
      submitterName: '李居民',
      submitterPhone: PHONE,
      grid: township.documentId,
      category: category.documentId,
    },
  });
});

afterAll(async () => {
  await app?.stop();
});

const get = (url: string) => request(app.server).get(url);

describe('public reads of the county structure', () => {
  it.each(['/api/grids', '/api/departments', '/api/categories'])('%s is readable', async (url) => {
    const response = await get(url).expect(200);
    expect(response.body.data.length).toBeGreaterThan(0);
  });

  it('shows grids with their materialised path', async () => {
    const response = await get('/api/grids?filters[code][$eq]=T1').expect(200);
    expect(response.body.data).toHaveLength(1);
    expect(response.body.data[0]).toMatchObject({
      name: '深柳镇',
      level: 'township',
      path: '/C1/T1/',
    });
  });

  it('never shows a department contact email', async () => {
    const response = await get('/api/departments').expect(200);
    expect(JSON.stringify(response.body)).not.toContain('zjj@example.invalid');
    expect(response.body.data[0]).not.toHaveProperty('contactEmail');
  });
});

describe('what the public cannot reach', () => {
  it.each(['/api/items', '/api/staffs', '/api/item-events', '/api/notices', '/api/spot-checks'])(
    '%s is forbidden',
    async (url) => {
      await get(url).expect(403);
    }
  );

  it('cannot create, change or delete the structure', async () => {
    await request(app.server)
      .post('/api/grids')
      .send({ data: { name: 'x', code: 'X', level: 'grid' } })
      .expect(403);
    const grid = (await get('/api/grids?filters[code][$eq]=T1')).body.data[0];
    await request(app.server)
      .put(`/api/grids/${grid.documentId}`)
      .send({ data: { name: 'y' } })
      .expect(403);
    await request(app.server).delete(`/api/grids/${grid.documentId}`).expect(403);
  });

  it.each([
    '/api/grids?populate=*',
    '/api/grids?populate[staff]=*',
    '/api/grids?populate[staff][fields][0]=name&populate[staff][fields][1]=phone',
    '/api/grids?populate[children][populate][staff]=*',
    '/api/departments?populate=*',
    '/api/categories?populate[defaultDepartment][populate]=*',
  ])('populate leaks no personal data: %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBeLessThan(500);
    const body = JSON.stringify(response.body);
    expect(body).not.toContain(PHONE);
    expect(body).not.toContain(STAFF_NAME);
    expect(body).not.toContain('staff@example.invalid');
    expect(body).not.toContain('zjj@example.invalid');
  });

  it.each([
    [
      '/api/grids?filters[staff][phone][$eq]=13912345678',
      '/api/grids?filters[staff][phone][$eq]=00000000000',
    ],
    [
      '/api/grids?filters[staff][phone][$startsWith]=139',
      '/api/grids?filters[staff][phone][$startsWith]=000',
    ],
    [
      '/api/grids?filters[staff][name][$contains]=张',
      '/api/grids?filters[staff][name][$contains]=王',
    ],
    [
      '/api/departments?filters[contactEmail][$startsWith]=zjj',
      '/api/departments?filters[contactEmail][$startsWith]=qqq',
    ],
    [
      '/api/grids?filters[createdBy][email][$startsWith]=admin',
      '/api/grids?filters[createdBy][email][$startsWith]=zzz',
    ],
    ['/api/grids?sort=staff.phone:asc', '/api/grids?sort=staff.phone:desc'],
  ])('a filter or sort on a private field tells nothing: %s', async (hit, miss) => {
    const [a, b] = await Promise.all([get(hit), get(miss)]);
    expect(a.status).toBeLessThan(500);
    // Either both are refused, or the answer does not depend on the private value.
    expect(a.status).toBe(b.status);
    if (a.status === 200) {
      expect(a.body.data.map((grid: { documentId: string }) => grid.documentId).sort()).toEqual(
        b.body.data.map((grid: { documentId: string }) => grid.documentId).sort()
      );
    }
  });
});
