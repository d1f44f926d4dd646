import type { AddressInfo } from 'net';
import path from 'path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from 'playwright-core';
import request from 'supertest';
import type { TestApp } from './strapi';

/** Where the browser tests keep their screenshots (git-ignored). */
export const ARTIFACTS = path.join(__dirname, '..', 'artifacts');

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with the flags this closed network needs (no background calls). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** Makes the test app listen on a free loopback port and returns its base URL. */
export async function listen(app: TestApp): Promise<string> {
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = app.server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** Logs in on the admin login page and waits until the panel has left the auth pages. */
export async function logInToAdmin(
  page: import('playwright-core').Page,
  baseUrl: string,
  credentials: { email: string; password: string }
): Promise<void> {
  await page.goto(`${baseUrl}/admin/auth/login`);
  await page.locator('input[name="email"]').fill(credentials.email);
  await page.locator('input[name="password"]').fill(credentials.password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.includes('/auth/'), { timeout: 60000 });
}

/** A browser context that opens the admin panel in Chinese (zh-Hans), at this viewport. */
export async function chineseAdminContext(
  browser: Browser,
  viewport: { width: number; height: number }
): Promise<import('playwright-core').BrowserContext> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport });
  await context.addInitScript(() =>
    window.localStorage.setItem('strapi-admin-language', 'zh-Hans')
  );
  return context;
}

/** A context and page in 简体中文: the admin's language is chosen before its first page loads. */
export async function newChinesePage(
  browser: Browser
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chineseAdminContext(browser, { width: 1440, height: 1000 });
  return { context, page: await context.newPage() };
}

/**
 * Full-page screenshots named `<prefix>-<name>.png` under tests/artifacts, and `shown`: waits for
 * a locator and, on a timeout, keeps a screenshot of what the page showed instead.
 */
export function screenshots(prefix: string) {
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(ARTIFACTS, `${prefix}-${name}.png`), fullPage: true });
  async function shown(page: Page, locator: Locator, name: string, timeout = 150000) {
    try {
      await locator.waitFor({ timeout });
    } catch (error) {
      await shot(page, `FAILED-${name}`);
      throw error;
    }
  }
  return { shot, shown };
}

/** An admin login with one of the county roles, linked to a staff record of its unit. */
export async function staffLogin(
  app: TestApp,
  login: { email: string; password: string; name: string; adminRoleCode: string },
  staff: Record<string, unknown>
): Promise<{ email: string; password: string }> {
  const adminRole = await app.strapi.service('admin::role').findOne({ code: login.adminRoleCode });
  const user = await app.strapi.service('admin::user').create({
    email: login.email,
    firstname: login.name,
    lastname: '',
    password: login.password,
    isActive: true,
    roles: [adminRole.id],
  });
  await app.strapi.documents('api::staff.staff').create({
    data: { name: login.name, email: login.email, ...staff, adminUser: user.id },
  });
  return { email: login.email, password: login.password };
}

/** The admin JWT of a login, for the admin routes called beside the browser. */
export async function adminToken(app: TestApp, login: { email: string; password: string }) {
  const response = await request(app.server).post('/admin/login').send(login).expect(200);
  return response.body.data.token as string;
}
