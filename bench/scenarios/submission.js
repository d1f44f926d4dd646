'use strict';

/**
 * Item submission against a bare create. Control: the plain core `create` of the bench-control
 * type with the full-access API token (string, text, enumeration, decimal, boolean, datetime; no
 * relations, no lifecycles). Project: POST /api/items as the public form sends it (no token,
 * Public role) and as a partner system sends it (a custom API token fixed to the mayor hotline):
 * zod validation, category and grid lookups, routing and the working-day deadline, the item with
 * four relations, its "created" event and the owners' mail in one transaction, the receipt.
 * The ratio is the price of a real submission over a bare insert.
 */
const { controlBody } = require('../lib/seed');

module.exports = {
  name: 'submission',
  order: 20,
  description: 'POST one row: bare Strapi create vs a public and a partner item submission',
  async prepare(ctx) {
    const created = await ctx.client.post(
      '/admin/api-tokens',
      {
        name: `bench-hotline-${Date.now()}`,
        description: '12345 热线 channel: mayor-hotline',
        type: 'custom',
        lifespan: null,
        permissions: ['api::item.public-item.submit'],
      },
      { token: ctx.adminJwt, expect: 201 }
    );
    ctx.partnerToken = created.body.data.accessKey;
  },
  targets(ctx) {
    const body = {
      data: {
        title: '路灯损坏',
        content: '道路照明灯损坏,夜间出行不便,请尽快修复。',
        type: 'complaint',
        category: ctx.fixtures.categoryDocumentId,
        grid: ctx.fixtures.gridDocumentId,
        submitterName: '李居民',
        submitterPhone: '13912345678',
      },
    };
    return {
      control: {
        label: 'control create',
        method: 'POST',
        path: '/api/bench-control/controls',
        headers: { authorization: `Bearer ${ctx.token}` },
        body: controlBody(),
      },
      project: [
        { label: 'public submission', method: 'POST', path: '/api/items', body },
        {
          label: 'partner submission',
          method: 'POST',
          path: '/api/items',
          headers: { authorization: `Bearer ${ctx.partnerToken}` },
          body,
        },
      ],
    };
  },
};
