'use strict';

/**
 * Public list reads. Control: the plain core `find` of the bench-control type, 25 per page, on as
 * many rows as there are grids. Project: the public grid list (same page size) and the category
 * list (Strapi's default page of 25), both read by the county portal without a token.
 * The ratio shows what the project's read path (its permissions set-up, indexes, any middleware
 * or controller code) costs or saves compared with bare Strapi on the same table size.
 */
module.exports = {
  name: 'list',
  order: 10,
  description: 'GET a page of 25 (public): bare Strapi vs grids and categories',
  targets() {
    return {
      control: {
        label: 'control list',
        path: '/api/bench-control/controls?pagination[pageSize]=25',
      },
      project: [
        { label: 'grids list', path: '/api/grids?pagination[pageSize]=25' },
        { label: 'categories list', path: '/api/categories' },
      ],
    };
  },
};
