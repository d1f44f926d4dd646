import type { AddressInfo } from 'net';
import { chromium, type Browser } from 'playwright-core';
import type { TestApp } from './strapi';

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
