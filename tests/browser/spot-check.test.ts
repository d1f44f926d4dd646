import fs from 'fs';
import path from 'path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { at, seedDashboardCounty } from '../helpers/dashboard-county';
import { launchBrowser, listen, logInToAdmin } from '../helpers/browser';
import { minyiService } from '../../plugins/minyi/server/src/plugin';
import { startApp, type TestApp } from '../helpers/strapi';

/**
 * 月度抽查 in the admin panel: the coordinator sees October's sample with its seed, rule and
 * strata, draws it again from the seed, records a callback for every sampled item (one call not
 * reached first, one item not solved), and the last callback completes the review: the failed item
 * is reopened and shows it in its timeline, the results name the bulletin; the XLSX read back with
 * exceljs has one row per sampled item.
 */
let app: TestApp;
let browser: Browser;
let baseUrl: string;
let login: { email: string; password: string };
let spotCheckId: string;
const ARTIFACTS = path.join(__dirname, '..', 'artifacts');

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  app = await startApp({ MINYI_METRICS_MIN_SAMPLE: '3' });
  const county = await seedDashboardCounty(app);
  login = await county.adminUser('coordinator', 'minyi-county-coordinator', {
    role: 'county-coordinator',
    grid: county.ids.C.documentId,
  });
  const drawn = await minyiService(app.strapi, 'spot-check').draw(
    '2026-10',
    at('2026-11-01T09:00:00'),
    'browser-test-seed'
  );
  spotCheckId = drawn.documentId;
  expect(drawn.sampled).toBeGreaterThanOrEqual(3);
  baseUrl = await listen(app);
  browser = await launchBrowser();
}, 300000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function choose(page: Page, combobox: import('playwright-core').Locator, option: string) {
  await combobox.click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

it('shows the sampling rule and its strata in words, read-only, and how to recompute from the seed', async () => {
  const stored = await app.strapi.db
    .query('api::spot-check.spot-check')
    .findOne({ where: { documentId: spotCheckId } });
  const strata = stored.results.strata as Array<{
    kind: string;
    code: string;
    size: number;
    quota: number;
  }>;
  expect(strata.length).toBeGreaterThan(0);
  const page = await browser.newPage({ viewport: { width: 1440, height: 1600 } });
  await page.addInitScript(() => localStorage.setItem('strapi-admin-language', 'zh-Hans'));
  await logInToAdmin(page, baseUrl, login);
  await page.goto(`${baseUrl}/admin/plugins/minyi/spot-checks`);
  const box = page.getByTestId('spot-check-rule');
  await box.waitFor({ timeout: 60000 });

  const rule = await page.getByTestId('spot-check-rule-text').innerText();
  expect(rule).toContain(
    '每个乡镇一层(按事项所在网格的乡镇),然后每个县直部门一层(按事项的主办部门)'
  );
  expect(rule).toContain('每层抽取候选件数的 10%(向上取整),至少 2 件、至多 20 件');

  // One row per stratum, in drawing order, with its kind in Chinese, its size and its quota.
  const rows = page.getByTestId('spot-check-stratum');
  expect(await rows.count()).toBe(strata.length);
  for (const [index, stratum] of strata.entries()) {
    const cells = (await rows.nth(index).locator('td').allInnerTexts()).map((c) => c.trim());
    expect(cells[0]).toBe(stratum.kind === 'township' ? '乡镇' : '部门');
    expect(cells[1]).toContain(`(${stratum.code})`);
    expect(cells.slice(2)).toEqual([String(stratum.size), String(stratum.quota)]);
  }

  const how = await page.getByTestId('spot-check-how-to-recompute').innerText();
  for (const words of [
    '候选事项:2026-10 月内办结',
    '按受理编号(查询码)升序排列',
    '随机种子“browser-test-seed”按字符经 cyrb128 散列',
    'sfc32',
    'Fisher–Yates',
    'min(该层候选件数, 20, max(2, ⌈该层候选件数 × 10%⌉))',
  ])
    expect(how).toContain(words);
  // Read-only: nothing in the rule's box can be edited.
  expect(await box.locator('input, textarea, [role="combobox"]').count()).toBe(0);
  await box.screenshot({ path: path.join(ARTIFACTS, 'spot-check-rule.png') });
  await page.close();
});

it('records a callback for every sampled item, completes, reopens the failed item, exports XLSX', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 2400 } });
  await page.addInitScript(() => localStorage.setItem('strapi-admin-language', 'zh-Hans'));
  await logInToAdmin(page, baseUrl, login);
  await page.goto(`${baseUrl}/admin/plugins/minyi/spot-checks`);
  await page.getByTestId('spot-check-sheet').waitFor({ timeout: 60000 });
  expect(await page.getByTestId('spot-check-seed').innerText()).toBe('browser-test-seed');
  await page.getByTestId('spot-check-recompute').click();
  expect(await page.getByTestId('spot-check-recomputed').innerText()).toContain('一致');

  const entries = page.getByTestId('spot-check-entry');
  const sampled = await entries.count();
  // The coordinator may read the resident's phone (to call back).
  expect(await entries.first().getByTestId('spot-check-phone').innerText()).toMatch(/1380000\d{4}/);
  const failedCode = (await entries.first().getAttribute('data-code')) as string;
  await page.screenshot({ path: path.join(ARTIFACTS, 'spot-check-before.png'), fullPage: true });

  // First item: not reached once, then reached and not solved (fails the check).
  const first = page.locator(`[data-testid="spot-check-entry"][data-code="${failedCode}"]`);
  await choose(page, first.getByRole('combobox').nth(0), '未接通');
  await first.getByTestId('spot-check-note').fill('无人接听');
  await first.getByTestId('spot-check-save').click();
  await first.getByTestId('spot-check-attempts').waitFor({ timeout: 30000 });
  // The second call gets through: the officer sets 已接通 again, which shows the other questions.
  await choose(page, first.getByRole('combobox').nth(0), '已接通');
  await choose(page, first.getByRole('combobox').nth(1), '未解决');
  await choose(page, first.getByRole('combobox').nth(2), '不满意');
  await first.getByTestId('spot-check-note').fill('路灯仍不亮');
  await first.getByTestId('spot-check-save').click();
  await first.getByTestId('spot-check-verdict').waitFor({ timeout: 30000 });

  // Every other item: reached, solved, satisfied.
  for (let i = 0; i < sampled; i++) {
    const entry = entries.nth(i);
    if ((await entry.getAttribute('data-reviewed')) === 'true') continue;
    await entry.getByTestId('spot-check-save').click();
    await entry.getByTestId('spot-check-verdict').waitFor({ timeout: 30000 });
  }
  await page.locator('[data-testid="spot-check-sheet"][data-state="completed"]').waitFor({
    timeout: 60000,
  });
  const results = await page.getByTestId('spot-check-results').innerText();
  expect(results).toContain(`抽查 ${sampled} 件,回访核实已解决 ${sampled - 1} 件`);
  expect(results).toContain('查看通报');

  // The failed item is reopened through the workflow and its timeline shows it.
  const failed = page.locator(`[data-testid="spot-check-entry"][data-code="${failedCode}"]`);
  expect(await failed.getByTestId('spot-check-verdict').innerText()).toContain('已退回重新办理');
  await failed.getByTestId('spot-check-toggle-timeline').click();
  const timeline = await failed.getByTestId('spot-check-timeline').innerText();
  expect(timeline).toContain('→ 重新办理');
  expect(timeline).toContain('未接通');
  const item = await app.strapi.db
    .connection('items')
    .where('tracking_code', failedCode)
    .first('state');
  expect(item.state).toBe('reopened');
  await page.screenshot({ path: path.join(ARTIFACTS, 'spot-check-completed.png'), fullPage: true });

  // The XLSX: one row per sampled item, the failed one marked.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('spot-check-xlsx').click(),
  ]);
  const file = path.join(ARTIFACTS, 'spot-check-2026-10.xlsx');
  await download.saveAs(file);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0];
  expect(sheet.rowCount).toBe(sampled + 1);
  const rows = sheet.getSheetValues().slice(2) as unknown[][];
  const failedRow = rows.find((row) => row[1] === failedCode) as unknown[];
  expect(failedRow.slice(4, 8)).toEqual(['未解决', '不满意', '不通过', '是']);
  expect(rows.filter((row) => row[6] === '通过')).toHaveLength(sampled - 1);
  expect(spotCheckId).toBeTruthy();
  await page.close();
}, 300000);
