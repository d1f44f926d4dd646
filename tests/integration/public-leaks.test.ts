import request from 'supertest';
import { createPublicCounty, PERSONAL } from '../helpers/public-county';
import { startApp, TEST_ADMIN, type TestApp } from '../helpers/strapi';

/**
 * Leak tests on every public route: filters, sorts, field selections and populates on private
 * fields and on relations to staff and admin users must return no personal data, must not answer
 * differently whether a private value matches or not, and must never answer 5xx.
 */
let app: TestApp;
let trackingCode: string;
let ids: Record<string, string>;

beforeAll(async () => {
  app = await startApp({ MINYI_RATE_LIMIT_TRACK: '100000', MINYI_RATE_LIMIT_SUBMIT: '100' });
  const county = await createPublicCounty(app.strapi);
  ids = {
    grid: county.grid.documentId,
    department: county.department.documentId,
    category: county.townshipCategory.documentId,
  };
  // Rows touched by the admin: createdBy / updatedBy point at the admin user (admin@test.local).
  const admin = await app.strapi.db
    .query('admin::user')
    .findOne({ where: { email: TEST_ADMIN.email } });
  for (const uid of [
    'api::grid.grid',
    'api::department.department',
    'api::category.category',
  ] as const) {
    await app.strapi.db
      .query(uid)
      .updateMany({ where: {}, data: { createdBy: admin.id, updatedBy: admin.id } });
  }
  const response = await request(app.server)
    .post('/api/items')
    .send({
      data: {
        title: '噪音',
        content: '夜间施工',
        grid: 'G',
        category: 'ROAD',
        submitterName: PERSONAL.submitterName,
        submitterPhone: PERSONAL.submitterPhone,
        submitterEmail: PERSONAL.submitterEmail,
        address: PERSONAL.address,
        emailConsent: true,
      },
    })
    .expect(201);
  trackingCode = response.body.data.trackingCode;
  const stored = await app.strapi.db
    .connection('items')
    .where('tracking_code', trackingCode)
    .first('receipt_secret_hash');
  SECRETS.push(response.body.data.receiptSecret, stored.receipt_secret_hash);
});

afterAll(async () => {
  await app?.stop();
});

/** The planted personal data, the admin's address and password hash, the item's receipt secret and its hash. */
const SECRETS: string[] = [...Object.values(PERSONAL), TEST_ADMIN.email, '$2a$', '$2b$'];

function expectNoPersonalData(body: unknown) {
  const text = JSON.stringify(body);
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

/** Route templates; `:grid`, `:department`, `:category`, `:code` are filled in once the data exists. */
const ROUTES = [
  '/api/grids',
  '/api/grids/:grid',
  '/api/departments',
  '/api/departments/:department',
  '/api/categories',
  '/api/categories/:category',
  '/api/items',
  '/api/items/x',
  '/api/items/track/:code',
  '/api/item-events',
  '/api/staffs',
  '/api/notices',
  '/api/spot-checks',
  '/api/minyi/health',
];
const fill = (template: string) =>
  template.replace(/:(grid|department|category|code)/, (_, name: string) =>
    name === 'code' ? trackingCode : ids[name]
  );

const PROBES = [
  'populate=*',
  'populate[staff]=*',
  'populate[staff][populate]=*',
  'populate[staff][populate][adminUser]=*',
  'populate[staff][populate][user][populate]=*',
  'populate[children][populate][staff][fields][0]=phone',
  'populate[parent][populate][staff][populate]=*',
  'populate[defaultDepartment][populate]=*',
  'populate[createdBy]=*',
  'populate[updatedBy][fields][0]=email',
  'populate[category][populate]=*',
  'populate[firstResponder]=*',
  'fields[0]=submitterPhone&fields[1]=contactEmail&fields[2]=receiptSecretHash',
  'fields[0]=phone&fields[1]=email',
  'sort=submitterPhone',
  'sort=staff.phone:desc',
  'sort=updatedBy.email',
  'sort[0]=contactEmail:asc',
  'filters[submitterPhone][$startsWith]=1',
  'filters[updatedBy][email][$contains]=a',
  'filters[createdBy][password][$startsWith]=$',
  'filters[staff][phone][$eq]=13700001111',
  'filters[$or][0][contactEmail][$contains]=zjj&filters[$or][1][code][$eq]=nothing',
  'filters[receiptSecretHash][$notNull]=true',
  'filters[staff][adminUser][email][$contains]=@',
  'filters[id][$in][0]=abc',
  'sort=.',
  'sort[0]=..:desc',
  'filters[id][$in][0]=1&filters[id][$in][0]=2',
  'filters[createdAt][$gt]=not-a-date',
  'filters[id][$eq]=99999999999999999999999',
];

describe.each(ROUTES.map((route) => [route]))('public route %s', (template) => {
  it.each(PROBES.map((probe) => [probe]))(
    '?%s leaks no personal data and never answers 5xx',
    async (probe) => {
      const response = await request(app.server).get(`${fill(template)}?${probe}`);
      expect(response.status).toBeLessThan(500);
      expect([200, 204, 400, 401, 403, 404]).toContain(response.status);
      expectNoPersonalData(response.body);
    }
  );
});

describe('a filter or sort on a private value tells nothing', () => {
  it.each([
    [
      '/api/grids?filters[staff][phone][$startsWith]=137',
      '/api/grids?filters[staff][phone][$startsWith]=000',
    ],
    [
      '/api/grids?filters[updatedBy][email][$contains]=admin',
      '/api/grids?filters[updatedBy][email][$contains]=zzzz',
    ],
    [
      '/api/grids?filters[createdBy][email][$startsWith]=a',
      '/api/grids?filters[createdBy][email][$startsWith]=q',
    ],
    [
      '/api/grids?filters[staff][adminUser][email][$contains]=@',
      '/api/grids?filters[staff][adminUser][email][$contains]=nobody',
    ],
    [
      '/api/grids?filters[staff][email][$endsWith]=example.invalid',
      '/api/grids?filters[staff][email][$endsWith]=nowhere',
    ],
    [
      '/api/departments?filters[contactEmail][$contains]=zjj',
      '/api/departments?filters[contactEmail][$contains]=nope',
    ],
    [
      '/api/departments?filters[staff][phone][$notNull]=true',
      '/api/departments?filters[staff][phone][$null]=true',
    ],
    [
      '/api/categories?filters[defaultDepartment][contactEmail][$contains]=zjj',
      '/api/categories?filters[defaultDepartment][contactEmail][$contains]=nope',
    ],
    [
      '/api/categories?filters[updatedBy][email][$eq]=admin@test.local',
      '/api/categories?filters[updatedBy][email][$eq]=x@y.z',
    ],
    ['/api/grids?sort=staff.phone:asc', '/api/grids?sort=staff.phone:desc'],
    ['/api/grids?sort=updatedBy.email:asc', '/api/grids?sort=updatedBy.email:desc'],
    ['/api/departments?sort=contactEmail:asc', '/api/departments?sort=contactEmail:desc'],
  ])('%s', async (hit, miss) => {
    const [a, b] = [await request(app.server).get(hit), await request(app.server).get(miss)];
    expect(a.status).toBeLessThan(500);
    expect(a.status).toBe(b.status);
    if (a.status === 200) {
      const order = (body: { data: Array<{ documentId: string }> }) =>
        body.data.map((row) => row.documentId);
      const isSort = hit.includes('sort=');
      // A sort on a private field must not order by it: both directions give the same order.
      expect(isSort ? order(a.body) : order(a.body).sort()).toEqual(
        isSort ? order(b.body) : order(b.body).sort()
      );
    }
    expectNoPersonalData(a.body);
  });
});

describe('the tracking answer ignores query parameters', () => {
  it('gives the same public view whatever is asked for', async () => {
    const plain = await request(app.server).get(`/api/items/track/${trackingCode}`).expect(200);
    for (const probe of PROBES) {
      const probed = await request(app.server).get(`/api/items/track/${trackingCode}?${probe}`);
      expect(probed.status).toBe(200);
      expect(probed.body).toEqual(plain.body);
    }
  });
});
