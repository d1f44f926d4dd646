import fs from 'fs';
import path from 'path';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { createWorkingCalendar } from '../../plugins/minyi/server/src/domain/calendar';
import { launchBrowser, listen, logInToAdmin } from '../helpers/browser';
import { startApp, TEST_ADMIN, type TestApp } from '../helpers/strapi';
import { fixtureDocuments } from '../helpers/fixtures';
import type { CategoryData } from '../helpers/content-data';

/**
 * The coordinator's two settings stories, through the settings page of a running app, each
 * followed by a resident's item registered through the public API right after:
 * - a category's township time limit changed → the new item's due time follows it;
 * - 2027's arrangement entered (a 7-day Spring Festival, two 调休 Saturdays) → the due time of an
 *   item whose time limit spans it moves accordingly.
 * No restart between. Screenshots under tests/artifacts/.
 */
const ARTIFACTS = path.resolve(__dirname, '..', 'artifacts');
let app: TestApp;
let browser: Browser;
let baseUrl: string;
let page: Page;

const shanghaiDate = (instant: Date | string) =>
  new Date(new Date(instant).getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** The calendar as it is without, and with, the 2027 arrangement the test enters. */
const ARRANGEMENT_2027 = { off: ['2027-02-06/2027-02-12'], work: ['2027-01-30', '2027-02-20'] };
const builtInOnly = createWorkingCalendar();
const with2027 = createWorkingCalendar({ arrangements: { 2027: ARRANGEMENT_2027 } });

/** Registers a resident's item through POST /api/items; the receipt and the instants around it. */
async function register(category: string) {
  const before = new Date();
  const res = await request(app.server)
    .post('/api/items')
    .send({ data: { title: '村道塌陷', content: '路面有坑,请尽快处理', grid: 'G', category } })
    .expect(201);
  return { receipt: res.body.data as { level: string; dueAt: string }, before, after: new Date() };
}

/** The due date is the one the calendar gives for a registration anywhere in [before, after]. */
function expectDue(
  item: Awaited<ReturnType<typeof register>>,
  calendar: ReturnType<typeof createWorkingCalendar>,
  days: number
) {
  const candidates = [item.before, item.after].map((at) =>
    shanghaiDate(calendar.addWorkingDays(at, days))
  );
  expect(candidates).toContain(shanghaiDate(item.receipt.dueAt));
}

async function shot(name: string) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  app = await startApp();
  baseUrl = await listen(app);
  browser = await launchBrowser();
  const docs = fixtureDocuments(app.strapi);
  const county = await docs('api::grid.grid').create({
    data: { name: '安乡县', code: 'C', level: 'county' },
  });
  const township = await docs('api::grid.grid').create({
    data: { name: '深柳镇', code: 'T', level: 'township', parent: county.documentId },
  });
  await docs('api::grid.grid').create({
    data: { name: '一网格', code: 'G', level: 'grid', parent: township.documentId },
  });
  const categories: Array<[string, string, CategoryData['defaultLevel']]> = [
    ['村镇道路', 'ROAD', 'township'],
    ['重大项目', 'PROJECT', 'county'],
  ];
  for (const [name, code, defaultLevel] of categories)
    await docs('api::category.category').create({
      data: {
        name,
        code,
        defaultLevel,
        gridDays: 3,
        townshipDays: 5,
        countyDays: 60,
        warningOffsetHours: 8,
      },
    });
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  // The county's language (each user may switch to English in their profile).
  await page.addInitScript(() => window.localStorage.setItem('strapi-admin-language', 'zh-Hans'));
  await logInToAdmin(page, baseUrl, TEST_ADMIN);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

it("changes a category's township time limit in the table; the next item's due time follows", async () => {
  const first = await register('ROAD');
  expect(first.receipt.level).toBe('township');
  expectDue(first, builtInOnly, 5);

  await page.goto(`${baseUrl}/admin/settings/minyi`);
  const row = page.getByTestId('minyi-settings-category-ROAD');
  await row.waitFor({ timeout: 60000 });
  const township = page.getByLabel('ROAD townshipDays');
  await township.fill('9');
  const saved = page.waitForResponse(
    (res) => res.url().includes('/minyi/settings/categories/') && res.request().method() === 'PUT'
  );
  await page.getByTestId('minyi-settings-category-save-ROAD').click();
  expect((await saved).status()).toBe(200);
  await page.getByTestId('minyi-settings-category-save-ROAD').isDisabled();
  await shot('settings-time-limits');

  const second = await register('ROAD');
  expectDue(second, builtInOnly, 9);
  expect(new Date(second.receipt.dueAt).getTime()).toBeGreaterThan(
    new Date(first.receipt.dueAt).getTime()
  );

  // The change log names who changed what, from 5 to 9.
  await page.getByTestId('minyi-settings-tab-changes').click();
  const change = page.getByTestId('minyi-settings-change').first();
  await change.waitFor();
  const text = await change.innerText();
  expect(text).toContain('村镇道路 (ROAD)');
  expect(text).toContain('乡镇(工作日):5 → 9');
  await shot('settings-change-log');
});

it("enters 2027's arrangement on the calendar tab; an item spanning it moves", async () => {
  const before = await register('PROJECT');
  expect(before.receipt.level).toBe('county');
  expectDue(before, builtInOnly, 60);
  // Sixty working days from December 2026 reach past the test's Spring Festival.
  expect(shanghaiDate(before.receipt.dueAt) > '2027-02-20').toBe(true);

  await page.getByTestId('minyi-settings-tab-calendar').click();
  await page.getByTestId('minyi-settings-builtin-2026').waitFor();
  await page.getByTestId('minyi-settings-add-year').click();
  // The new entry proposes next year; the test's arrangement is for 2027 whatever today is.
  await page.locator('input[name^="year-"]').first().fill('2027');
  await page.locator('input[name="source-2027"]').fill('测试用安排(非官方)');
  await page.locator('textarea[name="off-2027"]').fill('2027-02-06/2027-02-12');
  await page.locator('textarea[name="work-2027"]').fill('2027-01-30\n2027-02-20');
  const saved = page.waitForResponse(
    (res) => res.url().endsWith('/minyi/settings/calendar') && res.request().method() === 'PUT'
  );
  await page.getByTestId('minyi-settings-save-calendar').click();
  expect((await saved).status()).toBe(200);
  await page.getByTestId('minyi-settings-saved-calendar').waitFor();
  await shot('settings-calendar-2027');

  const after = await register('PROJECT');
  expectDue(after, with2027, 60);
  // Five weekdays off, two Saturdays worked: three working days later than Monday–Friday gives.
  expect(shanghaiDate(after.receipt.dueAt)).toBe(
    shanghaiDate(builtInOnly.addWorkingDays(after.before, 63))
  );
  expect(shanghaiDate(after.receipt.dueAt)).not.toBe(shanghaiDate(before.receipt.dueAt));
});

it('refuses a wrong date field by field and keeps what was stored', async () => {
  await page.getByTestId('minyi-settings-tab-calendar').click();
  await page.locator('textarea[name="work-2027"]').fill('2027-02-08');
  const refused = page.waitForResponse(
    (res) => res.url().endsWith('/minyi/settings/calendar') && res.request().method() === 'PUT'
  );
  await page.getByTestId('minyi-settings-save-calendar').click();
  expect((await refused).status()).toBe(400);
  const errors = page.getByTestId('minyi-settings-errors-calendar');
  await errors.waitFor();
  await shot('settings-calendar-refused');
  expect(await page.getByTestId('minyi-settings-year-2027').innerText()).toContain(
    '2027-02-08 本来就是工作日'
  );
  const stored = await request(app.server)
    .get('/minyi/settings')
    .set(
      'Authorization',
      `Bearer ${(await request(app.server).post('/admin/login').send(TEST_ADMIN)).body.data.token}`
    )
    .expect(200);
  expect(stored.body.data.effective.calendar.years['2027'].work).toEqual([
    '2027-01-30',
    '2027-02-20',
  ]);
});

it('shows the auditor every tab read-only', async () => {
  const auditorRole = await app.strapi.service('admin::role').findOne({ code: 'minyi-auditor' });
  const auditor = { email: 'auditor@test.local', password: 'Auditor-2026-x' };
  await app.strapi.service('admin::user').create({
    ...auditor,
    firstname: '审计',
    lastname: '员',
    isActive: true,
    roles: [auditorRole.id],
  });
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  await context.addInitScript(() =>
    window.localStorage.setItem('strapi-admin-language', 'zh-Hans')
  );
  const auditorPage = await context.newPage();
  await logInToAdmin(auditorPage, baseUrl, auditor);
  await auditorPage.goto(`${baseUrl}/admin/settings/minyi`);
  await auditorPage.getByTestId('minyi-settings-category-ROAD').waitFor({ timeout: 60000 });
  expect(await auditorPage.getByText('只读:您可以查看设置和变更记录,但不能修改。').count()).toBe(1);
  expect(await auditorPage.getByTestId('minyi-settings-category-save-ROAD').count()).toBe(0);
  expect(await auditorPage.getByLabel('ROAD townshipDays').isDisabled()).toBe(true);
  await auditorPage.getByTestId('minyi-settings-tab-calendar').click();
  await auditorPage.getByTestId('minyi-settings-year-2027').waitFor();
  expect(await auditorPage.getByTestId('minyi-settings-save-calendar').count()).toBe(0);
  await auditorPage.screenshot({
    path: path.join(ARTIFACTS, 'settings-auditor-read-only.png'),
    fullPage: true,
  });
  await context.close();
});
