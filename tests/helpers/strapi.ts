import path from 'path';
import { createStrapi, type Core } from '@strapi/strapi';
import { createTestDatabase, ROOT, type TestDatabase } from './database';

export interface TestApp {
  strapi: Core.Strapi;
  /** The HTTP server to hand to supertest. */
  server: Core.Strapi['server']['httpServer'];
  database: TestDatabase;
  stop(): Promise<void>;
}

export const TEST_ADMIN = { email: 'admin@test.local', password: 'Test-Admin-2026' };

/**
 * Boots the real app (the dist/ compiled by the global setup, the built plugin) on a fresh
 * database. One instance per test file: call in beforeAll, and `stop()` in afterAll.
 */
export async function startApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DEMO_DATA: 'false',
    MINYI_JOBS_ENABLED: 'false',
    ADMIN_EMAIL: TEST_ADMIN.email,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    LOG_LEVEL: 'warn',
    ...database.env,
    ...env,
  });
  const strapi = await createStrapi({ appDir: ROOT, distDir: path.join(ROOT, 'dist') }).load();
  strapi.server.mount();
  return {
    strapi,
    server: strapi.server.httpServer,
    database,
    async stop() {
      await strapi.destroy();
      await database.drop();
    },
  };
}
