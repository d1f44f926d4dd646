import type { Browser, Page } from 'playwright-core';
import { launchBrowser, listen } from '../helpers/browser';
import { startApp, TEST_ADMIN, type TestApp } from '../helpers/strapi';

/** A newcomer's first minutes, in a real browser: log in to the admin panel, in Chinese. */
let app: TestApp;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  app = await startApp();
  baseUrl = await listen(app);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function logIn(page: Page, password: string): Promise<void> {
  await page.goto(`${baseUrl}/admin/auth/login`);
  await page.locator('input[name="email"]').fill(TEST_ADMIN.email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
}

it('refuses a wrong password with a message and stays on the login page', async () => {
  const page = await browser.newPage();
  await logIn(page, 'Not-The-Password-1');
  await page.getByText(/invalid credentials/i).waitFor({ timeout: 30000 });
  expect(page.url()).toContain('/admin/auth/login');
  await page.close();
});

it('logs the first super admin in and shows the panel in 简体中文 with the project name', async () => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  // The admin stores the chosen interface language here; zh-Hans is one the panel offers.
  await page.addInitScript(() => window.localStorage.setItem('strapi-admin-language', 'zh-Hans'));
  await logIn(page, TEST_ADMIN.password);
  await page.waitForURL((url) => !url.pathname.includes('/auth/'), { timeout: 60000 });
  await page.getByText('欢迎使用民意直通车管理后台').waitFor({ timeout: 60000 });

  // The plugin's own page is there and talks to its admin route.
  await page.goto(`${baseUrl}/admin/plugins/minyi`);
  await page.getByTestId('minyi-version').waitFor({ timeout: 60000 });
  expect(await page.getByTestId('minyi-version').innerText()).toMatch(/版本: \d+\.\d+\.\d+/);

  // The content types carry their Chinese names and field labels.
  await page.goto(`${baseUrl}/admin/content-manager/collection-types/api::item.item/create`);
  await page.getByText('反映人电话').first().waitFor({ timeout: 60000 });
  await page.screenshot({ path: `${__dirname}/../../.tmp/admin-item-form.png`, fullPage: false });
  await context.close();
});
