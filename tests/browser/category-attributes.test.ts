import fs from 'fs';
import path from 'path';
import type { Browser } from 'playwright-core';
import request from 'supertest';
import { chineseAdminContext, launchBrowser, listen, logInToAdmin } from '../helpers/browser';
import { contentDocuments } from '../helpers/content-data';
import { startApp, TEST_ADMIN, type TestApp } from '../helpers/strapi';

/**
 * Issue 12 in a real browser: the category edit view's side panel 附加信息项 adds two Open311
 * attributes (路灯编号, 是否影响出行 with its options), shows a refused code's reason in Chinese
 * beside the field, saves after the fix, reorders them — and services/{code}.json follows.
 */
let app: TestApp;
let browser: Browser;
let baseUrl: string;
const ARTIFACTS = path.join(__dirname, '..', 'artifacts');

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  app = await startApp();
  baseUrl = await listen(app);
  browser = await launchBrowser();
}, 240000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const definition = async () =>
  (await request(app.server).get('/api/open311/v2/services/LAMP-07.json').expect(200)).body;

it('adds, fixes, saves and reorders a category’s Open311 attributes', async () => {
  const category = await contentDocuments(app.strapi)('api::category.category').create({
    data: { name: '路灯损坏', code: 'LAMP', open311ServiceCode: 'LAMP-07' },
  });
  const context = await chineseAdminContext(browser, { width: 1440, height: 1400 });
  const page = await context.newPage();
  await logInToAdmin(page, baseUrl, TEST_ADMIN);
  await page.goto(
    `${baseUrl}/admin/content-manager/collection-types/api::category.category/${category.documentId}`
  );
  const panel = page.getByTestId('minyi-attributes');
  try {
    await panel.waitFor({ timeout: 120000 });
    expect(await panel.innerText()).toContain('暂无附加信息项');

    await panel.getByRole('button', { name: '添加一项' }).click();
    await page.locator('input[name="attribute-0-code"]').fill('路灯 编号');
    await page.locator('input[name="attribute-0-description"]').fill('路灯编号');
    await page.getByTestId('minyi-attributes-save').click();
    await page.getByText('代码只能包含英文字母、数字和 _ . -').waitFor({ timeout: 30000 });
    expect(await page.getByTestId('minyi-attributes-error').innerText()).toBe(
      '附加信息项有误,请按提示修改'
    );
    await page.screenshot({
      path: path.join(ARTIFACTS, 'issue-12-category-attributes-refused.png'),
      fullPage: true,
    });
    expect((await definition()).attributes).toEqual([]);

    await page.locator('input[name="attribute-0-code"]').fill('lamp_no');
    await page.getByText('必填').first().click();
    await panel.getByRole('button', { name: '添加一项' }).click();
    await page.locator('input[name="attribute-1-code"]').fill('affects_traffic');
    await page.locator('input[name="attribute-1-description"]').fill('是否影响出行');
    await page.getByTestId('minyi-attribute-1').getByRole('combobox').click();
    await page.getByRole('option', { name: '单选列表' }).click();
    await page.getByTestId('minyi-attribute-1').locator('textarea').fill('yes=是\nno=否');
    await page.getByTestId('minyi-attributes-save').click();
    await page.getByTestId('minyi-attributes-saved').waitFor({ timeout: 30000 });
    await page.screenshot({
      path: path.join(ARTIFACTS, 'issue-12-category-attributes.png'),
      fullPage: true,
    });
    await panel.screenshot({
      path: path.join(ARTIFACTS, 'issue-12-category-attributes-panel.png'),
    });
  } catch (error) {
    await page.screenshot({
      path: path.join(ARTIFACTS, 'issue-12-category-attributes-failed.png'),
      fullPage: true,
    });
    throw error;
  }
  const saved = await definition();
  expect(
    saved.attributes.map((a: { code: string; order: number; required: boolean }) => [
      a.code,
      a.order,
      a.required,
    ])
  ).toEqual([
    ['lamp_no', 1, true],
    ['affects_traffic', 2, false],
  ]);
  expect(saved.attributes[1].values).toEqual([
    { key: 'yes', name: '是' },
    { key: 'no', name: '否' },
  ]);

  // Reorder: 是否影响出行 first.
  await page.getByTestId('minyi-attribute-1').getByRole('button', { name: '上移' }).click();
  await page.getByTestId('minyi-attributes-save').click();
  await page.getByTestId('minyi-attributes-saved').waitFor({ timeout: 30000 });
  expect((await definition()).attributes.map((a: { code: string }) => a.code)).toEqual([
    'affects_traffic',
    'lamp_no',
  ]);
  await context.close();
}, 400000);
