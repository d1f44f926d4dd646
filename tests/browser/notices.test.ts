import fs from 'fs';
import path from 'path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { at, seedDashboardCounty } from '../helpers/dashboard-county';
import { launchBrowser, listen, logInToAdmin } from '../helpers/browser';
import { minyiService } from '../../plugins/minyi/server/src/plugin';
import { startApp, type TestApp } from '../helpers/strapi';

/**
 * 通报与整改 in the admin panel: a township officer opens the rectification notice addressed to
 * their township as a document, downloads its table as XLSX, signs for it (签收) and submits the
 * rectification report; the coordinator sends it back once with a reason, the township reports
 * again, the coordinator accepts it. Each step queues its mail in the outbox.
 */
let app: TestApp;
let browser: Browser;
let baseUrl: string;
let noticeId: string;
const logins: Record<string, { email: string; password: string }> = {};
const ARTIFACTS = path.join(__dirname, '..', 'artifacts');

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  app = await startApp();
  const county = await seedDashboardCounty(app);
  logins.coordinator = await county.adminUser('coordinator', 'minyi-county-coordinator', {
    role: 'county-coordinator',
    grid: county.ids.C.documentId,
    email: 'coordinator.staff@example.invalid',
  });
  logins.township = await county.adminUser('township', 'minyi-township-officer', {
    role: 'township-officer',
    grid: county.ids.T1.documentId,
    email: 'township.staff@example.invalid',
  });
  const notices = minyiService(app.strapi, 'notices');
  const issued = await app.strapi.db.transaction(
    ({ trx }: { trx: typeof app.strapi.db.connection }) =>
      notices.issue(
        trx,
        {
          kind: 'rectification',
          title: '关于网格T1 2026年10月民意事项办理问题的整改通知书',
          period: '2026-10',
          unitName: '网格T1',
          rectifyBy: '2026-11-15',
          paragraphs: [
            '经2026年10月随机抽查,你单位民意解决率 66.67%(要求不低于 90.00%)。',
            '请认真查找原因,逐件重新办理。',
          ],
          tables: [
            {
              name: '未通过事项',
              columns: ['查询码', '问题'],
              rows: [
                ['MYDASH00000003', '回访称未解决'],
                ['MYDASH00000005', '<script>alert(1)</script>'],
              ],
            },
          ],
        },
        { townshipCodes: ['T1'] },
        [],
        at('2026-11-01T09:00:00')
      )
  );
  noticeId = issued.documentId;
  baseUrl = await listen(app);
  browser = await launchBrowser();
}, 300000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function open(page: Page) {
  await page.goto(`${baseUrl}/admin/plugins/minyi/notices/${noticeId}`);
  await page.getByTestId('notice-document').waitFor({ timeout: 60000 });
}
const stateIs = (page: Page, state: string) =>
  page.locator(`[data-testid="notice"][data-state="${state}"]`).waitFor({ timeout: 30000 });

it('the township signs for the notice and reports; the coordinator sends it back once, then accepts', async () => {
  const township = await browser.newPage({ viewport: { width: 1440, height: 1400 } });
  await township.addInitScript(() => localStorage.setItem('strapi-admin-language', 'zh-Hans'));
  await logInToAdmin(township, baseUrl, logins.township);
  await township.goto(`${baseUrl}/admin/plugins/minyi/notices`);
  await township.getByTestId('notices-row').first().waitFor({ timeout: 60000 });
  await township
    .getByRole('link', { name: /整改通知书$/ })
    .first()
    .click();
  await township.getByTestId('notice-document').waitFor({ timeout: 60000 });
  const documentText = await township.getByTestId('notice-document').innerText();
  expect(documentText).toContain('请认真查找原因,逐件重新办理。');
  // Text is shown as text: the table cell's markup is not run.
  expect(documentText).toContain('<script>alert(1)</script>');
  expect(await township.locator('[data-testid="notice-document"] table td').count()).toBe(4);
  await township.screenshot({ path: path.join(ARTIFACTS, 'notice-document.png'), fullPage: true });
  await township.emulateMedia({ media: 'print' });
  await township.screenshot({ path: path.join(ARTIFACTS, 'notice-print.png'), fullPage: true });
  expect(await township.getByTestId('notice-acknowledge').isVisible()).toBe(false);
  await township.emulateMedia({ media: 'screen' });

  const [download] = await Promise.all([
    township.waitForEvent('download'),
    township.getByTestId('notice-xlsx').click(),
  ]);
  const file = path.join(ARTIFACTS, 'notice.xlsx');
  await download.saveAs(file);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  expect(workbook.worksheets.length).toBe(2);

  await township.getByTestId('notice-acknowledge').click();
  await stateIs(township, 'acknowledged');
  await township
    .getByTestId('notice-report-input')
    .fill('已逐件重新办理两件未解决事项,并对网格员开展培训。');
  await township.getByTestId('notice-report-submit').click();
  await stateIs(township, 'reported');

  const coordinator = await browser.newPage({ viewport: { width: 1440, height: 1400 } });
  await coordinator.addInitScript(() => localStorage.setItem('strapi-admin-language', 'zh-Hans'));
  await logInToAdmin(coordinator, baseUrl, logins.coordinator);
  await open(coordinator);
  expect(await coordinator.getByTestId('notice-report').innerText()).toContain('已逐件重新办理');
  await coordinator.getByTestId('notice-return').click();
  expect(await coordinator.getByTestId('notice-error').innerText()).toContain('退回理由');
  await coordinator.getByTestId('notice-reason-input').fill('请附上两件事项的回访结果。');
  await coordinator.getByTestId('notice-return').click();
  await stateIs(coordinator, 'returned');

  await open(township);
  expect(await township.getByTestId('notice-return-reason').innerText()).toContain(
    '请附上两件事项的回访结果'
  );
  await township
    .getByTestId('notice-report-input')
    .fill('两件事项已重新办理并回访,群众表示满意(回访记录附后)。');
  await township.getByTestId('notice-report-submit').click();
  await stateIs(township, 'reported');

  await open(coordinator);
  await coordinator.getByTestId('notice-accept').click();
  await stateIs(coordinator, 'accepted');
  const history = await coordinator.getByTestId('notice-history').innerText();
  for (const step of ['签收', '提交整改报告', '退回重报', '整改通过'])
    expect(history).toContain(step);
  await coordinator.screenshot({
    path: path.join(ARTIFACTS, 'notice-accepted.png'),
    fullPage: true,
  });

  const mails = await app.strapi.db
    .connection('minyi_outbox_messages')
    .where('template', 'notice-step')
    .orderBy('id')
    .select('recipient', 'data');
  const steps = mails.map((m: { recipient: string; data: unknown }) => {
    const data = typeof m.data === 'string' ? JSON.parse(m.data) : m.data;
    return `${data.step}→${m.recipient}`;
  });
  expect(steps).toEqual([
    'acknowledge→coordinator.staff@example.invalid',
    'report→coordinator.staff@example.invalid',
    'return→township.staff@example.invalid',
    'report→coordinator.staff@example.invalid',
    'accept→township.staff@example.invalid',
  ]);
  await township.close();
  await coordinator.close();
}, 300000);
