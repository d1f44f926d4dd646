'use strict';

/**
 * Creates with the full-access API token. Control: the plain core `create` of the bench-control
 * type (string, text, enumeration, decimal, boolean, datetime; no relations, no lifecycles).
 * Project: POST /api/items with a valid body linking a category and a grid, which runs the minyi
 * plugin's item lifecycles (tracking code before create, grid path sync after create).
 * The ratio is the price of the project's create path, relations included.
 */
const { controlBody } = require('../lib/seed');

module.exports = {
  name: 'create',
  order: 20,
  description: 'POST one row with an API token: bare Strapi vs an item (lifecycles, relations)',
  targets(ctx) {
    const auth = { authorization: `Bearer ${ctx.token}` };
    return {
      control: { label: 'control create', method: 'POST', path: '/api/bench-control/controls', headers: auth, body: controlBody() },
      project: [
        {
          label: 'item create',
          method: 'POST',
          path: '/api/items',
          headers: auth,
          body: {
            data: {
              title: '路灯损坏',
              content: '道路照明灯损坏,夜间出行不便,请尽快修复。',
              type: 'complaint',
              channel: 'website',
              category: ctx.fixtures.categoryDocumentId,
              grid: ctx.fixtures.gridDocumentId,
            },
          },
        },
      ],
    };
  },
};
