'use strict';

/**
 * One start of the compiled app for the role-permission upgrade test: boots on the database named
 * by the inherited DATABASE_* variables (the bootstrap synchronises the roles' plugin
 * permissions), reports what the coordinator role holds and what the record says, then — as an
 * older release or an administrator would have left the database — applies MINYI_TEST_ROLE_OP to
 * the coordinator's permission MINYI_TEST_PERMISSION and shuts down:
 *   forget: delete the permission and its entry in the record (a database from before it existed);
 *   remove: delete the permission only (an administrator's deliberate removal, record intact).
 */
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const root = path.resolve(__dirname, '..', '..');
const COORDINATOR = 'minyi-county-coordinator';
const RECORD_KEY = 'role-permissions-granted';

async function main() {
  const uid = process.env.MINYI_TEST_PERMISSION;
  const action = `plugin::minyi.${uid}`;
  const strapi = await createStrapi({ appDir: root, distDir: path.join(root, 'dist') }).load();
  const role = await strapi.db.query('admin::role').findOne({ where: { code: COORDINATOR } });
  const rows = await strapi.db
    .query('admin::permission')
    .findMany({ where: { role: role.id, action } });
  const store = strapi.store({ type: 'plugin', name: 'minyi' });
  const record = (await store.get({ key: RECORD_KEY })) || {};
  const summary = {
    held: rows.length,
    recorded: (record[COORDINATOR] || []).includes(uid),
  };

  const op = process.env.MINYI_TEST_ROLE_OP;
  if (op === 'forget' || op === 'remove') {
    await strapi.db.query('admin::permission').deleteMany({ where: { role: role.id, action } });
  }
  if (op === 'forget') {
    const forgotten = (record[COORDINATOR] || []).filter((granted) => granted !== uid);
    await store.set({ key: RECORD_KEY, value: { ...record, [COORDINATOR]: forgotten } });
  }
  if (process.send) process.send({ type: 'ready', summary });
  await strapi.destroy();
  process.exit(0);
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : String(error));
  process.exit(1);
});
