import fs from 'fs';
import os from 'os';
import path from 'path';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { launchBrowser, listen, logInToAdmin } from '../helpers/browser';
import { startApp, TEST_ADMIN, type TestApp } from '../helpers/strapi';

/**
 * A county's first day: the landing page points to 导入导出; a file with a mistake gets a dry-run
 * report naming the cell; the corrected file is checked and imported; the grids are in the content
 * manager; a grid head invited by mail sets a password through the link and logs in.
 */
let app: TestApp;
let browser: Browser;
let baseUrl: string;
let dir: string;
const artifacts = path.resolve(__dirname, '..', 'artifacts');

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minyi-import-ui-'));
  fs.mkdirSync(artifacts, { recursive: true });
  app = await startApp({ SMTP_HOST: '', MINYI_MAIL_DIR: dir });
  baseUrl = await listen(app);
  browser = await launchBrowser();
}, 300000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function writeWorkbook(file: string, gridHeadRole: string): Promise<void> {
  const book = new ExcelJS.Workbook();
  const grids = book.addWorksheet('网格');
  grids.addRow(['网格编码', '名称', '层级', '上级编码']);
  grids.addRow(['C', '安乡县', '县', '']);
  grids.addRow(['T1', '深柳镇', '乡镇', 'C']);
  grids.addRow(['V1', '书院洲村', '村(社区)', 'T1']);
  grids.addRow(['G1', '书院洲村一网格', '网格', 'V1']);
  const staff = book.addWorksheet('工作人员');
  staff.addRow(['手机号', '姓名', '角色', '所属网格编码', '所属单位编码', '电子邮箱', '账号']);
  staff.addRow(['13800000002', '李网格长', gridHeadRole, 'G1', '', 'li@example.com', '管理后台']);
  await book.xlsx.writeFile(file);
}

it('imports a corrected file after a dry-run report, and the invited grid head logs in', async () => {
  const page = await browser.newPage();
  await page.addInitScript(() => window.localStorage.setItem('strapi-admin-language', 'zh-Hans'));
  await logInToAdmin(page, baseUrl, TEST_ADMIN);

  await page.goto(`${baseUrl}/admin/plugins/minyi`);
  await page.getByTestId('structure-import-hint').waitFor({ timeout: 60000 });
  await page.screenshot({
    path: path.join(artifacts, 'import-1-first-start-hint.png'),
    fullPage: true,
  });
  await page.getByTestId('structure-import-hint').getByRole('link').click();
  await page.getByTestId('import-file').waitFor({ timeout: 60000 });

  // A grid head placed on a township's role: the dry run names the sheet, row and column.
  const wrong = path.join(dir, '组织架构-有误.xlsx');
  await writeWorkbook(wrong, '乡镇干部');
  await page.getByTestId('import-file').setInputFiles(wrong);
  await page.getByTestId('import-check').click();
  const problem = page.getByTestId('import-problem');
  await problem.first().waitFor({ timeout: 60000 });
  expect(await problem.count()).toBe(1);
  expect(await problem.first().innerText()).toMatch(/工作人员\s+2\s+角色\s+乡镇干部/);
  expect(await page.getByTestId('import-run').isDisabled()).toBe(true);
  await page.screenshot({
    path: path.join(artifacts, 'import-2-dry-run-error.png'),
    fullPage: true,
  });

  const corrected = path.join(dir, '组织架构.xlsx');
  await writeWorkbook(corrected, '网格长');
  await page.getByTestId('import-file').setInputFiles(corrected);
  await page.getByTestId('import-check').click();
  await page.getByText('检查通过,可以导入').waitFor({ timeout: 60000 });
  await page.getByTestId('import-run').click();
  await page.getByText('已导入').first().waitFor({ timeout: 60000 });
  expect(await page.getByTestId('import-summary-grids').innerText()).toMatch(
    /网格\s+4\s+0\s+0\s+0/
  );
  await page.screenshot({ path: path.join(artifacts, 'import-3-imported.png'), fullPage: true });

  await page.goto(`${baseUrl}/admin/content-manager/collection-types/api::grid.grid`);
  await page.getByText('书院洲村一网格').first().waitFor({ timeout: 60000 });
  await page.screenshot({
    path: path.join(artifacts, 'import-4-grids-in-content-manager.png'),
    fullPage: true,
  });

  // The invitation in the outbox carries the registration link; the grid head sets a password there.
  const [invitation] = (await app.strapi.db
    .connection('minyi_outbox_messages')
    .where({ template: 'invitation', recipient: 'li@example.com' })
    .select('data')) as Array<{ data: string | Record<string, string> }>;
  const data = typeof invitation.data === 'string' ? JSON.parse(invitation.data) : invitation.data;
  const link = new URL(data.link);
  const invited = await browser.newPage();
  await invited.goto(`${baseUrl}${link.pathname}${link.search}`);
  await invited.locator('input[name="password"]').waitFor({ timeout: 60000 });
  await invited.locator('input[name="password"]').fill('Grid-Head-2026');
  await invited.locator('input[name="confirmPassword"]').fill('Grid-Head-2026');
  await invited.screenshot({
    path: path.join(artifacts, 'import-5-invitation-register.png'),
    fullPage: true,
  });
  await invited.locator('button[type="submit"]').click();
  await invited.waitForURL((url) => !url.pathname.includes('/auth/'), { timeout: 60000 });
  await invited.screenshot({
    path: path.join(artifacts, 'import-6-grid-head-logged-in.png'),
    fullPage: true,
  });
  await invited.close();
  await page.close();
}, 300000);
