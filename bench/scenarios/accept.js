'use strict';

/**
 * A workflow action against a bare update, both by the same admin. Control: the content manager's
 * update of the bench-control type (`PUT /content-manager/collection-types/plugin::bench-control.control/:documentId`,
 * the admin's JWT, 100 rows in turn): six fields written through the Document Service, the row
 * returned. The same caller on both sides: an admin request pays for building the admin's
 * permission ability on every request (a super admin has hundreds of permissions), which an API
 * token does not, so a token-authenticated control would measure the login, not the move.
 * Project: 受理 `accept`
 * (`POST /minyi/items/:documentId/actions/accept`, the admin's JWT: a super admin acts as the
 * county coordinator, county-wide): the handling route's scope check, the state machine, the
 * working-day deadline, the item's fields (state, accepted/received time, deadline) and its
 * item-event in one transaction, the answer. The ratio is the price of a guarded, audited move
 * over a bare update of about the same size.
 *
 * An item can be accepted once, so every measured request takes its own submitted item from a
 * pool that is topped up (through the public submission route) before each round, outside the
 * measured time, to 1.5 × what the previous round served.
 */
const { controlBody } = require('../lib/seed');
const { inParallel } = require('../lib/http');

const PARALLEL = 8;
const CONTENT_MANAGER = '/content-manager/collection-types/plugin::bench-control.control';
/** The first round's guess of accepts per second, before one was measured. */
const FIRST_GUESS_RPS = 250;

async function submitItems(ctx, count) {
  const created = await inParallel(
    Array.from({ length: count }, (_, n) => n),
    PARALLEL,
    async () =>
      (
        await ctx.client.post(
          '/api/items',
          {
            data: {
              title: '路灯损坏',
              content: '道路照明灯损坏,夜间出行不便,请尽快修复。',
              type: 'complaint',
              category: ctx.fixtures.categoryDocumentId,
              grid: ctx.fixtures.gridDocumentId,
              submitterName: '李居民',
              submitterPhone: '13912345678',
            },
          },
          { expect: 201 }
        )
      ).body.data.trackingCode
  );
  // The receipt names the tracking code; the handling route takes the documentId.
  const documentIds = [];
  for (let start = 0; start < created.length; start += 100) {
    const codes = created.slice(start, start + 100);
    const query = codes.map((code, i) => `filters[trackingCode][$in][${i}]=${code}`).join('&');
    const page = await ctx.client.get(
      `/content-manager/collection-types/api::item.item?${query}&pageSize=100`,
      { token: ctx.adminJwt }
    );
    documentIds.push(...page.body.results.map((item) => item.documentId));
  }
  return documentIds;
}

module.exports = {
  name: 'accept',
  order: 30,
  description: 'update one row as an admin: content-manager update vs a workflow action (accept)',
  async prepare(ctx) {
    const controls = await ctx.client.get('/api/bench-control/controls?pagination[pageSize]=100');
    ctx.acceptControlDocumentIds = controls.body.data.map((row) => row.documentId);
    ctx.acceptPool = [];
  },
  targets(ctx) {
    const pool = ctx.acceptPool;
    const controls = ctx.acceptControlDocumentIds;
    let nextControl = 0;
    return {
      control: {
        label: 'control update (content manager)',
        method: 'PUT',
        path: `${CONTENT_MANAGER}/:documentId`,
        headers: { authorization: `Bearer ${ctx.adminJwt}` },
        body: controlBody(1).data,
        // Each request updates another row (100 in turn), as each accept moves another item:
        // ten connections on one row would measure its lock, not the update.
        nextPath() {
          nextControl = (nextControl + 1) % controls.length;
          return `${CONTENT_MANAGER}/${controls[nextControl]}`;
        },
      },
      project: [
        {
          label: 'workflow accept',
          method: 'POST',
          path: '/minyi/items/:documentId/actions/accept',
          headers: { authorization: `Bearer ${ctx.adminJwt}` },
          body: { data: {} },
          nextPath() {
            // An empty pool (a round far faster than the last) shows as 404s: the run then fails.
            const documentId = pool.pop() ?? 'pool-ran-out';
            return `/minyi/items/${documentId}/actions/accept`;
          },
          async beforeRound({ duration, connections, lastRps }) {
            const wanted =
              Math.ceil((lastRps || FIRST_GUESS_RPS) * duration * 1.5) + connections * 2 + 1;
            if (pool.length < wanted) pool.push(...(await submitItems(ctx, wanted - pool.length)));
          },
        },
      ],
    };
  },
};
