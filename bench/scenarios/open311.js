'use strict';

/**
 * Open311 GET requests (issue 12) against a bare Strapi list of the same items.
 * Control: `GET /content-manager/collection-types/api::item.item` — Strapi's own list of the items
 * table, one page of 100 (its largest usual page) newest first, as a super admin.
 * Project: `GET /api/open311/v2/requests.json` with no arguments — the spec's default window (the
 * last 90 days, newest first, at most 1,000 requests, each with its public timeline's last step) —
 * and the same with `page_size=100`, the control's page size, and in XML.
 *
 * Size: the demo county (~600 items) plus BENCH_OPEN311_ITEMS synthetic items
 * (`npm run seed -- --items N` against the bench database before measuring); the figure
 * is 1,000,000: `BENCH_OPEN311_ITEMS=1000000 npm run bench -- --db postgres --only open311`.
 * Synthetic items carry no item-events (src/seed/synthetic.ts), so their status_notes are empty;
 * the events statement still runs for every page.
 */
const path = require('path');
const { spawn } = require('child_process');

const PAGE = 100;

module.exports = {
  name: 'open311',
  order: 25,
  description: `public: Open311 GET requests (default window ≤ 1000, and page_size=${PAGE}) vs the content-manager item list (page of ${PAGE})`,
  async prepare(ctx) {
    const items = Number(process.env.BENCH_OPEN311_ITEMS || 0);
    if (items > 0 && ctx.database) {
      ctx.log?.(`open311: adding ${items} synthetic items (npm run seed -- --items ${items}) …`);
      const started = Date.now();
      // Spawned, not execFileSync: a blocked event loop lets the set-up client's kept-alive
      // socket go stale while the server closes it, and the next request fails.
      await new Promise((resolve, reject) => {
        const child = spawn(
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
        child.on('error', reject);
        child.on('exit', (code, signal) =>
          code === 0 ? resolve() : reject(new Error(`seed exited with ${code ?? signal}`))
        );
      });
      ctx.log?.(`open311: seeded in ${Math.round((Date.now() - started) / 1000)} s`);
    }
    const answer = await ctx.client.get('/api/open311/v2/requests.json');
    ctx.log?.(`open311: the default window answers ${answer.body.length} requests`);
  },
  targets(ctx) {
    const headers = { Authorization: `Bearer ${ctx.adminJwt}` };
    return {
      control: {
        label: 'content-manager item list',
        path: `/content-manager/collection-types/api::item.item?page=1&pageSize=${PAGE}&sort=receivedAt:DESC`,
        headers,
      },
      project: [
        { label: 'requests.json (default window)', path: '/api/open311/v2/requests.json' },
        {
          label: `requests.json?page_size=${PAGE}`,
          path: `/api/open311/v2/requests.json?page_size=${PAGE}`,
        },
        { label: 'requests.xml (default window)', path: '/api/open311/v2/requests.xml' },
      ],
    };
  },
};
