import fs from 'fs';
import path from 'path';
import request from 'supertest';
import type { Browser, Page } from 'playwright-core';
import { at, seedDashboardCounty } from '../helpers/dashboard-county';
import { launchBrowser, listen, logInToAdmin } from '../helpers/browser';
import { minyiService } from '../../plugins/minyi/server/src/plugin';
import { startApp, type TestApp } from '../helpers/strapi';

/**
 * 数据看板 in the admin panel: the coordinator's headline figures for October 2026 equal
 * GET /api/stats and the monthly report (月研判) for the same month; a township officer's
 * dashboard shows their township only; the home page widget shows the unit's figures first. The
 * pages run in zh-Hans, the language the county works in.
 */
let app: TestApp;
let browser: Browser;
let baseUrl: string;
const logins: Record<string, { email: string; password: string; token: string }> = {};
const ARTIFACTS = path.join(__dirname, '..', 'artifacts');

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  app = await startApp({ MINYI_METRICS_MIN_SAMPLE: '3', MINYI_STATS_CACHE_SECONDS: '0' });
  const county = await seedDashboardCounty(app);
  logins.coordinator = await county.adminUser('coordinator', 'minyi-county-coordinator', {
    role: 'county-coordinator',
    grid: county.ids.C.documentId,
  });
  logins.township = await county.adminUser('township', 'minyi-township-officer', {
    role: 'township-officer',
    grid: county.ids.T1.documentId,
  });
  await minyiService(app.strapi, 'reports').monthly('2026-10', at('2026-11-01T10:00:00'));
  baseUrl = await listen(app);
  browser = await launchBrowser();
}, 300000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function openOctober(page: Page) {
  await page.goto(`${baseUrl}/admin/plugins/minyi/dashboard`);
  await page.getByTestId('dashboard-period').waitFor({ timeout: 60000 });
  await page.locator('input[type="month"]').fill('2026-10');
  await page.getByTestId('dashboard-period-apply').click();
  await page
    .locator('[data-testid="dashboard"][data-period="2026-10"]')
    .waitFor({ timeout: 60000 });
  await page.locator('[data-testid="dashboard-chart-trend"][data-rendered="true"]').waitFor();
}

/** A page in the county's language: the admin in zh-Hans (its translations first, English the fallback). */
async function chinesePage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
  await page.addInitScript(() => window.localStorage.setItem('strapi-admin-language', 'zh-Hans'));
  return page;
}

const figure = async (page: Page, key: string) =>
  page.getByTestId(`dashboard-figure-${key}`).getByTestId('value').innerText();

it("shows the coordinator the county's figures, equal to /api/stats and the monthly report", async () => {
  const page = await chinesePage();
  await logInToAdmin(page, baseUrl, logins.coordinator);
  await openOctober(page);

  const stats = (await request(app.server).get('/api/stats?period=2026-10').expect(200)).body.data;
  const monthly = await app.strapi.db
    .query('api::notice.notice')
    .findOne({ where: { kind: 'monthly', period: '2026-10' } });
  const summary = monthly.metrics.paragraphs[0] as string;

  const received = await figure(page, 'received');
  const handled = await figure(page, 'handled');
  const resolution = await figure(page, 'resolutionRate');
  const onTime = await figure(page, 'onTimeRate');
  const satisfaction = await figure(page, 'satisfactionRate');
  expect([received, handled, resolution, satisfaction]).toEqual([
    String(stats.county.received),
    String(stats.county.handled),
    stats.county.resolutionRateText,
    stats.county.satisfactionRateText,
  ]);
  expect(summary).toBe(
    `全县共受理民意事项 ${received} 件,办结 ${handled} 件,民意解决率 ${resolution},按期办结率 ${onTime},群众满意率 ${satisfaction}。`
  );
  expect(received).toBe('10');
  // Both townships listed, ranked by the report's rules; the table sorts by a column.
  const rows = page.getByTestId('dashboard-townships-row');
  expect(await rows.count()).toBe(2);
  await page.getByTestId('dashboard-townships').getByTestId('sort-received').click();
  expect(await rows.first().getAttribute('data-code')).toBe('T1');
  await page.getByTestId('dashboard-chart-townships').waitFor();
  // In zh-Hans: the page's own strings, not the English fallback.
  expect(await page.locator('h1').first().innerText()).toBe('数据看板');
  expect(await page.getByTestId('dashboard').innerText()).toContain('各乡镇办理情况');
  // The admin scrolls inside its own container: back to the headline for the screenshot.
  await page.getByTestId('dashboard-figure-received').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-county.png'), fullPage: true });
  await page.close();
}, 240000);

it("shows a township officer their township only, and the home widget their unit's figures", async () => {
  const page = await chinesePage();
  await logInToAdmin(page, baseUrl, logins.township);
  await page.getByTestId('widget-unit-figures').waitFor({ timeout: 60000 });
  expect(await page.getByTestId('widget-open').innerText()).toContain('2');
  expect(await page.getByTestId('widget-overdue').innerText()).toContain('2');
  await page.screenshot({
    path: path.join(ARTIFACTS, 'home-widgets-township.png'),
    fullPage: true,
  });

  await openOctober(page);
  const stats = (await request(app.server).get('/api/stats?period=2026-10&township=T1').expect(200))
    .body.data;
  expect(await figure(page, 'received')).toBe(String(stats.townships[0].received));
  expect(await figure(page, 'received')).toBe('6');
  const rows = page.getByTestId('dashboard-townships-row');
  expect(await rows.count()).toBe(1);
  expect(await rows.first().getAttribute('data-code')).toBe('T1');
  expect(await page.getByTestId('dashboard-overdue-items').locator('tbody tr').count()).toBe(2);
  await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-township.png'), fullPage: true });
  await page.close();
}, 240000);

/** The dashboard's own answer for October, as the page gets it. */
async function dashboardData(token: string) {
  return (
    await request(app.server)
      .get('/minyi/dashboard?period=2026-10')
      .set('Authorization', `Bearer ${token}`)
      .expect(200)
  ).body.data as { calendarStatus: { warn: boolean; nextYear: number } };
}

it('warns of a missing holiday calendar exactly when the data says so; the link opens the calendar tab', async () => {
  const settings = minyiService(app.strapi, 'settings');
  await settings.reset('calendar');
  const coordinator = await chinesePage();
  await logInToAdmin(coordinator, baseUrl, logins.coordinator);
  const township = await chinesePage();
  await logInToAdmin(township, baseUrl, logins.township);

  /** Both pages against their data: the warning iff `warn`; the settings link for the coordinator only. */
  async function check(): Promise<boolean> {
    const { warn, nextYear } = (await dashboardData(logins.coordinator.token)).calendarStatus;
    expect((await dashboardData(logins.township.token)).calendarStatus.warn).toBe(warn);
    for (const page of [coordinator, township]) {
      await openOctober(page);
      const warning = page.getByTestId('dashboard-calendar-warning');
      expect(await warning.count()).toBe(warn ? 1 : 0);
      if (warn) expect(await warning.innerText()).toContain(`${nextYear} 年尚无节假日安排`);
    }
    expect(await coordinator.getByTestId('dashboard-calendar-warning-link').count()).toBe(
      warn ? 1 : 0
    );
    expect(await township.getByTestId('dashboard-calendar-warning-link').count()).toBe(0);
    return warn;
  }

  // Whatever today is: the default calendar (no year entered), then next year entered.
  const warnedWithout = await check();
  const { nextYear } = settings.calendarStatus();
  if (warnedWithout) {
    await coordinator.getByTestId('dashboard-calendar-warning').scrollIntoViewIfNeeded();
    await coordinator.screenshot({
      path: path.join(ARTIFACTS, 'dashboard-calendar-warning.png'),
      fullPage: true,
    });
    await township.screenshot({
      path: path.join(ARTIFACTS, 'dashboard-calendar-warning-township.png'),
      fullPage: true,
    });
    await coordinator.getByTestId('dashboard-calendar-warning-link').click();
    await coordinator.getByTestId('minyi-settings-calendar-missing').waitFor({ timeout: 60000 });
    expect(
      await coordinator.getByTestId('minyi-settings-tab-calendar').getAttribute('aria-selected')
    ).toBe('true');
    expect(new URL(coordinator.url()).search).toBe('?tab=calendar');
  }

  await settings.update('calendar', {
    years: { [String(nextYear)]: { source: '测试用安排', off: [`${nextYear}-01-01`], work: [] } },
  });
  expect(await check()).toBe(false);
  await settings.reset('calendar');
  await coordinator.close();
  await township.close();
}, 240000);

it('opens the workbench on its overdue tab from the overdue list and the home widget', async () => {
  const page = await chinesePage();
  await logInToAdmin(page, baseUrl, logins.township);
  await page.getByTestId('widget-unit-figures').waitFor({ timeout: 60000 });
  expect(await page.getByTestId('widget-overdue').getAttribute('href')).toBe(
    '/admin/plugins/minyi?tab=overdue'
  );

  await openOctober(page);
  const all = page.getByTestId('dashboard-overdue-items-all');
  expect(await all.innerText()).toBe('共 2 件,查看全部');
  await all.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-overdue-list.png') });
  await all.click();
  await page.getByTestId('minyi-workbench-table').waitFor({ timeout: 60000 });
  expect(new URL(page.url()).search).toBe('?tab=overdue');
  expect(await page.getByTestId('minyi-tab-overdue').getAttribute('aria-selected')).toBe('true');
  const rows = page.getByTestId('minyi-workbench-row');
  expect(await rows.count()).toBe(2);
  for (const row of await rows.all()) expect(await row.getAttribute('data-overdue')).toBe('true');
  await page.screenshot({
    path: path.join(ARTIFACTS, 'workbench-overdue-from-dashboard.png'),
    fullPage: true,
  });

  // The widget's tile too, from the home page.
  await page.goto(`${baseUrl}/admin`);
  await page.getByTestId('widget-overdue').click();
  await page.getByTestId('minyi-workbench-table').waitFor({ timeout: 60000 });
  expect(await page.getByTestId('minyi-tab-overdue').getAttribute('aria-selected')).toBe('true');
  await page.close();
}, 240000);
