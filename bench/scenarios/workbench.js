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
