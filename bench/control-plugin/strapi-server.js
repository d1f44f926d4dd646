'use strict';

/**
 * The benchmark's control: one collection type served by Strapi's own core router, controller and
 * service, with no project logic (no lifecycles, no policies, no custom code on the request path).
 * Its fields mirror a plain item (string, text, enumeration, decimal, boolean, datetime) so that
 * "bare Strapi" and the project's endpoints do comparable work.
 *
 * Registered only when BENCH_CONTROL=true (see config/plugins.ts): it never appears in the
 * product's admin. Plain JS so that it needs no build step.
 */
const { factories } = require('@strapi/strapi');

const UID = 'plugin::bench-control.control';

const schema = {
  kind: 'collectionType',
  collectionName: 'bench_controls',
  info: {
    singularName: 'control',
    pluralName: 'controls',
    displayName: 'Bench control',
    description: 'Benchmark control rows (bench/ only)',
  },
  options: { draftAndPublish: false },
  pluginOptions: {},
  attributes: {
    title: { type: 'string', required: true, maxLength: 200 },
    content: { type: 'text', required: true, maxLength: 5000 },
    type: {
      type: 'enumeration',
      enum: ['complaint', 'request', 'suggestion', 'consultation'],
      required: true,
      default: 'request',
    },
    amount: { type: 'decimal' },
    flag: { type: 'boolean', default: false },
    happenedAt: { type: 'datetime' },
  },
};

/**
 * The list is compared with the project's public lists, so the Public role gets the same
 * find/findOne grant the project gives grids and categories (src/bootstrap/public-permissions.ts):
 * both sides then go through the same users-permissions check. Setup only, nothing per request.
 */
async function grantPublicRead(strapi) {
  const role = await strapi.db
    .query('plugin::users-permissions.role')
    .findOne({ where: { type: 'public' } });
  if (!role) return;
  for (const action of [`${UID}.find`, `${UID}.findOne`]) {
    const existing = await strapi.db
      .query('plugin::users-permissions.permission')
      .findOne({ where: { action, role: role.id } });
    if (!existing) {
      await strapi.db
        .query('plugin::users-permissions.permission')
        .create({ data: { action, role: role.id } });
    }
  }
}

module.exports = {
  bootstrap: ({ strapi }) => grantPublicRead(strapi),
  contentTypes: { control: { schema } },
  routes: { 'content-api': factories.createCoreRouter(UID) },
  controllers: { control: factories.createCoreController(UID) },
  services: { control: factories.createCoreService(UID) },
};
