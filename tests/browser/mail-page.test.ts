import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Browser } from 'playwright-core';
import { launchBrowser, listen, logInToAdmin } from '../helpers/browser';
import { startApp, TEST_ADMIN, type TestApp } from '../helpers/strapi';
import { minyiService } from '../../plugins/minyi/server/src/plugin';

/** A newcomer without an SMTP server reads the app's mail and the template previews in the admin. */
let app: TestApp;
let browser: Browser;
let baseUrl: string;
let mailDir: string;

beforeAll(async () => {
  mailDir = fs.mkdtempSync(path.join(os.tmpdir(), 'minyi-mail-ui-'));
  app = await startApp({ SMTP_HOST: '', MINYI_MAIL_DIR: mailDir });
  baseUrl = await listen(app);
  browser = await launchBrowser();
  await minyiService(app.strapi, 'change-log').queue(
    app.strapi.db.connection,
    [
      {
        dedupeKey: 'warning:ui:1:head@example.invalid',
        template: 'warning',
        recipient: 'head@example.invalid',
        recipientLabel: '王网格长',
        itemDocumentId: 'ui1',
        data: {
          title: '井盖<缺失>',
          trackingCode: 'MYUI1',
          level: 'grid',
          dueAt: '2026-12-04T10:00:00Z',
          reason: 'owner',
        },
      },
    ],
    new Date()
  );
  await minyiService(app.strapi, 'outbox-sender').run();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  fs.rmSync(mailDir, { recursive: true, force: true });
});

it('lists the stored mail, opens one, and previews the rectification notice', async () => {
  const page = await browser.newPage();
  await logInToAdmin(page, baseUrl, TEST_ADMIN);
  await page.goto(`${baseUrl}/admin/plugins/minyi/mail`);
  const row = page.getByTestId('minyi-mail-file');
  await row.first().waitFor({ timeout: 60000 });
  expect(await row.count()).toBe(1);
  expect(await row.innerText()).toContain('head@example.invalid');
  expect(await page.getByTestId('minyi-mail-transport').innerText()).toContain(mailDir);

  await row.getByRole('button').click();
  await page.getByTestId('minyi-mail-opened-subject').waitFor({ timeout: 30000 });
  expect(await page.getByTestId('minyi-mail-opened-subject').innerText()).toBe(
    '【催办】井盖<缺失> 将于 2026年12月4日 18:00 到期'
  );
  const opened = page.frameLocator('[data-testid="minyi-mail-opened"] iframe');
  await opened.getByText('井盖<缺失>').first().waitFor({ timeout: 30000 });

  await page.getByRole('button', { name: '整改通知书' }).click();
  expect(await page.getByTestId('minyi-mail-preview-subject').innerText()).toMatch(
    /^【整改通知书】/
  );
  const preview = page.frameLocator('[data-testid="minyi-mail-preview"] iframe');
  await preview.getByRole('cell', { name: 'MYA1B2C3D4E5F6' }).waitFor({ timeout: 30000 });
  expect(await page.locator('[data-testid="minyi-mail-preview"] pre').innerText()).toContain(
    '请于 2026年12月15日 前完成整改'
  );
  await page.screenshot({ path: `${__dirname}/../../.tmp/admin-mail-page.png`, fullPage: true });
  await page.close();
}, 240000);
