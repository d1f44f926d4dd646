'use strict';

/**
 * Boots the compiled app once in its own process on the database named by the inherited
 * DATABASE_* variables, reports "ready" (with the tables it sees) and shuts down. A start that
 * fails prints the error and exits 1. Used to prove how the app starts: production secrets,
 * two instances starting together on an empty database.
 */
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const root = path.resolve(__dirname, '..', '..');

async function main() {
  const strapi = await createStrapi({ appDir: root, distDir: path.join(root, 'dist') }).load();
  const admins = await strapi.db.query('admin::user').count();
  const roles = await strapi.db.query('admin::role').count();
  const advanced = await strapi
    .store({ type: 'plugin', name: 'users-permissions', key: 'advanced' })
    .get({});
  const allowRegister = Boolean(advanced && advanced.allow_register);
  if (process.send) process.send({ type: 'ready', summary: { admins, roles, allowRegister } });
  await strapi.destroy();
  process.exit(0);
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : String(error));
  process.exit(1);
});
