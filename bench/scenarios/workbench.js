'use strict';

/**
 * The workbench (工作台, issue 10) against a bare content-manager list of the same items.
 * Control: `GET /content-manager/collection-types/api::item.item` — Strapi's own list, one page of
 * 20 sorted by due, as a super admin. Project: `GET /minyi/workbench` for the same super admin
 * (county scope: every item, the heaviest case), the 办理中 and 已超期 tabs: six tab counts plus
 * one page of 20 ordered overdue first then by due, with the owning units.
 *
 * Size: the demo county (~600 items) plus BENCH_WORKBENCH_ITEMS synthetic items
 * (`npm run seed -- --items N` against the bench database before measuring); the issue's
 * figure is BENCH_WORKBENCH_ITEMS=1000000.
 */
const path = require('path');
const { execFileSync } = require('child_process');

const PAGE = 20;

/**
 * The test server runs with autovacuum off; in production autovacuum would have visited a table
 * that grew by a million rows long before anyone opened the workbench. VACUUM sets the visibility
 * map that index-only counts rely on (as bench:sweep and bench:stats do after their loads); both
 * sides of the comparison read the same vacuumed table.
 */
async function vacuum(env, log) {
  const { Client } = require('pg');
  const client = new Client({
    host: env.DATABASE_HOST,
    port: Number(env.DATABASE_PORT),
    database: env.DATABASE_NAME,
    user: env.DATABASE_USERNAME,
    password: env.DATABASE_PASSWORD || undefined,
  });
  await client.connect();
  try {
    await client.query(`SET search_path TO "${env.DATABASE_SCHEMA}"`);
    const started = Date.now();
    for (const table of [
      'items',
      'items_grid_lnk',
      'items_category_lnk',
      'items_assigned_grid_lnk',
      'items_lead_department_lnk',
    ])
      await client.query(`VACUUM ANALYZE "${table}"`);
    log?.(`workbench: VACUUM ANALYZE of items and its links in ${Date.now() - started} ms`);
  } finally {
    await client.end();
  }
}

module.exports = {
  name: 'workbench',
  order: 20,
  description: `admin: workbench tabs (6 counts + page of ${PAGE}) vs the content-manager item list (page of ${PAGE})`,
  async prepare(ctx) {
    const items = Number(process.env.BENCH_WORKBENCH_ITEMS || 0);
    if (items > 0 && ctx.database) {
      ctx.log?.(`workbench: adding ${items} synthetic items (npm run seed -- --items ${items}) …`);
      execFileSync(
        'node',
        [path.join(__dirname, '../../scripts/seed.js'), '--items', String(items)],
        {
          cwd: path.join(__dirname, '../..'),
          env: {
            ...process.env,
            ...ctx.database.env,
            DEMO_DATA: 'true',
            MINYI_JOBS_ENABLED: 'false',
          },
          stdio: 'inherit',
        }
      );
    }
    if (ctx.database?.kind === 'postgres') await vacuum(ctx.database.env, ctx.log);
  },
  targets(ctx) {
    const headers = { Authorization: `Bearer ${ctx.adminJwt}` };
    return {
      control: {
        label: 'content-manager item list',
        path: `/content-manager/collection-types/api::item.item?page=1&pageSize=${PAGE}&sort=dueAt:ASC`,
        headers,
      },
      project: [
        {
          label: 'workbench 办理中',
          path: `/minyi/workbench?tab=in-progress&pageSize=${PAGE}`,
          headers,
        },
        {
          label: 'workbench 已超期',
          path: `/minyi/workbench?tab=overdue&pageSize=${PAGE}`,
          headers,
        },
      ],
    };
  },
};
