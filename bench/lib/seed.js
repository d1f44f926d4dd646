'use strict';

/**
 * Makes the database worth measuring and gives every scenario what it needs:
 *  - an admin session and a full-access API token (used for every create);
 *  - the county structure: the demo county, which the seeder (src/seed) loads with DEMO_DATA=true;
 *    if the database is still nearly empty (no seeder, or a seeder that loaded nothing), 300
 *    grids and 40 categories created here through the REST API, so lists are not trivially empty;
 *  - as many control rows as there are grids, so both lists page through tables of the same size.
 */
const { ADMIN } = require('./app');
const { inParallel } = require('./http');

// Below these the database counts as empty (no demo county): the bench then creates its own
// structure, TARGET_GRIDS grids and TARGET_CATEGORIES categories.
const EMPTY_BELOW = { grids: 50, categories: 10 };
const TARGET_GRIDS = 300;
const TARGET_CATEGORIES = 40;
const PARALLEL = 8;

const total = async (client, path) =>
  (await client.get(`${path}${path.includes('?') ? '&' : '?'}pagination[pageSize]=1`)).body.meta
    .pagination.total;

async function adminSession(client) {
  const login = await client.post('/admin/login', ADMIN);
  const adminJwt = login.body.data.token;
  const created = await client.post(
    '/admin/api-tokens',
    {
      name: `bench-${Date.now()}`,
      description: 'npm run bench',
      type: 'full-access',
      lifespan: null,
    },
    { token: adminJwt, expect: 201 }
  );
  return { adminJwt, apiToken: created.body.data.accessKey };
}

async function ensureGrids(client, token, log) {
  const have = await total(client, '/api/grids');
  if (have >= EMPTY_BELOW.grids) return { created: 0, total: have };
  const create = async (data) =>
    (await client.post('/api/grids', { data }, { token })).body.data.documentId;

  const county = await create({ name: '基准县', code: 'BENCH-C', level: 'county' });
  const townships = await inParallel(
    Array.from({ length: 12 }, (_, t) => t),
    PARALLEL,
    (t) =>
      create({
        name: `基准乡镇${t + 1}`,
        code: `BENCH-T${t + 1}`,
        level: 'township',
        parent: county,
      })
  );
  const villages = await inParallel(
    townships.flatMap((parent, t) => Array.from({ length: 5 }, (_, v) => ({ parent, t, v }))),
    PARALLEL,
    ({ parent, t, v }) =>
      create({
        name: `基准村${t + 1}-${v + 1}`,
        code: `BENCH-V${t + 1}-${v + 1}`,
        level: 'village',
        parent,
      })
  );
  const leaves = TARGET_GRIDS - have - 1 - townships.length - villages.length;
  await inParallel(
    Array.from({ length: Math.max(0, leaves) }, (_, g) => g),
    PARALLEL,
    (g) =>
      create({
        name: `基准网格${g + 1}`,
        code: `BENCH-G${g + 1}`,
        level: 'grid',
        parent: villages[g % villages.length],
      })
  );
  const now = await total(client, '/api/grids');
  log(`created ${now - have} grids through the API (the demo county was not loaded)`);
  return { created: now - have, total: now };
}

async function ensureCategories(client, token, log) {
  const have = await total(client, '/api/categories');
  if (have >= EMPTY_BELOW.categories) return { created: 0, total: have };
  const wanted = TARGET_CATEGORIES;
  await inParallel(
    Array.from({ length: wanted }, (_, c) => c),
    PARALLEL,
    (c) =>
      client.post(
        '/api/categories',
        {
          data: {
            name: `基准分类${c + 1}`,
            code: `bench.${String(c + 1).padStart(2, '0')}`,
            gridDays: 3,
          },
        },
        { token }
      )
  );
  log(`created ${wanted} categories through the API`);
  return { created: wanted, total: have + wanted };
}

/** One control row, shaped like a plain item (used by seeding and by the create scenario). */
function controlBody(n = 0) {
  return {
    data: {
      title: `对照事项 ${n}`,
      content: '道路照明灯损坏,夜间出行不便,请尽快修复。',
      type: 'complaint',
      amount: 12.5,
      flag: true,
      happenedAt: '2026-03-02T08:30:00.000Z',
    },
  };
}

async function seedControls(client, token, count) {
  const have = await total(client, '/api/bench-control/controls');
  const missing = Math.max(0, count - have);
  await inParallel(
    Array.from({ length: missing }, (_, n) => n),
    PARALLEL,
    (n) => client.post('/api/bench-control/controls', controlBody(have + n + 1), { token })
  );
  return have + missing;
}

/** Everything the scenarios share: ctx.token, ctx.fixtures, ctx.counts. */
async function prepare(client, log) {
  const { adminJwt, apiToken } = await adminSession(client);
  const grids = await ensureGrids(client, apiToken, log);
  const categories = await ensureCategories(client, apiToken, log);
  const controls = await seedControls(client, apiToken, grids.total);

  const leaf =
    (await client.get('/api/grids?filters[level][$eq]=grid&pagination[pageSize]=1')).body.data[0] ??
    (await client.get('/api/grids?pagination[pageSize]=1')).body.data[0];
  const category = (await client.get('/api/categories?pagination[pageSize]=1')).body.data[0];
  const counts = {
    grids: grids.total,
    gridsCreatedByBench: grids.created,
    categories: categories.total,
    categoriesCreatedByBench: categories.created,
    controls,
  };
  return {
    adminJwt,
    token: apiToken,
    counts,
    fixtures: { gridDocumentId: leaf.documentId, categoryDocumentId: category.documentId },
  };
}

module.exports = { prepare, controlBody };
