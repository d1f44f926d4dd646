import fs from 'fs';
import path from 'path';
import sharp from 'sharp';
import type { Browser } from 'playwright-core';
import request from 'supertest';
import { chineseAdminContext, launchBrowser, listen, logInToAdmin } from '../helpers/browser';
import { gpsJpeg, uploadedFiles, UPLOADS_DIR } from '../helpers/photos';
import { startApp, TEST_ADMIN, type TestApp } from '../helpers/strapi';

/**
 * Issue 12 in a real browser: the item panel's 照片 shows the resident's photos and the 整改前 /
 * 整改后 photos of the resolve action as thumbnails that load (served from public/uploads).
 */
let app: TestApp;
let browser: Browser;
let baseUrl: string;
let filesBefore: string[] = [];
const ARTIFACTS = path.join(__dirname, '..', 'artifacts');

const photo = (colour: string, width = 900, height = 600) =>
  sharp({ create: { width, height, channels: 3, background: colour } })
    .jpeg()
    .toBuffer();

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  filesBefore = uploadedFiles();
  app = await startApp({ MINYI_RATE_LIMIT_SUBMIT: '1000' });
  const docs = app.strapi.documents;
  const county = await docs('api::grid.grid').create({
    data: { name: '安乡县', code: 'C', level: 'county' },
  });
  await docs('api::grid.grid').create({
    data: { name: '幸福村一网格', code: 'G1', level: 'grid', parent: county.documentId },
  });
  baseUrl = await listen(app);
  browser = await launchBrowser();
}, 240000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  for (const name of uploadedFiles().filter((name) => !filesBefore.includes(name)))
    fs.rmSync(path.join(UPLOADS_DIR, name), { force: true });
});

it('the item panel shows 群众照片, 整改前 and 整改后 as loading thumbnails', async () => {
  const submitted = await request(app.server)
    .post('/api/items')
    .field(
      'data',
      JSON.stringify({ title: '水沟堵塞', content: '村口水沟堵了,雨天积水', grid: 'G1' })
    )
    .attach('photos', await gpsJpeg(), { filename: 'a.jpg', contentType: 'image/jpeg' })
    .attach('photos', await photo('#2a6f97'), { filename: 'b.jpg', contentType: 'image/jpeg' });
  expect(submitted.status).toBe(201);
  const row = await app.strapi.db
    .connection('items')
    .where('tracking_code', submitted.body.data.trackingCode)
    .first('document_id');
  const documentId = row.document_id as string;
  const token = (await request(app.server).post('/admin/login').send(TEST_ADMIN).expect(200)).body
    .data.token as string;
  for (const [action, data] of [
    ['accept', {}],
    ['assign', { grid: 'G1' }],
    ['start', {}],
  ] as const)
    await request(app.server)
      .post(`/minyi/items/${documentId}/actions/${action}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ data })
      .expect(200);
  await request(app.server)
    .post(`/minyi/items/${documentId}/actions/resolve`)
    .set('Authorization', `Bearer ${token}`)
    .field('data', JSON.stringify({ reply: '已疏通水沟' }))
    .attach('before', await photo('#6b4f2a'), { filename: 'before.jpg', contentType: 'image/jpeg' })
    .attach('after', await photo('#3c8d2f'), { filename: 'after.jpg', contentType: 'image/jpeg' })
    .expect(200);

  const context = await chineseAdminContext(browser, { width: 1440, height: 1000 });
  const page = await context.newPage();
  await logInToAdmin(page, baseUrl, TEST_ADMIN);
  await page.goto(`${baseUrl}/admin/content-manager/collection-types/api::item.item/${documentId}`);
  const panel = page.getByTestId('minyi-photos');
  try {
    await panel.waitFor({ timeout: 120000 });
    await page.waitForFunction(
      () => {
        const images = [...document.querySelectorAll('[data-testid="minyi-photos"] img')];
        return (
          images.length === 4 && images.every((img) => (img as HTMLImageElement).naturalWidth > 0)
        );
      },
      undefined,
      { timeout: 30000 }
    );
  } finally {
    await page.screenshot({
      path: path.join(ARTIFACTS, 'issue-12-item-photos.png'),
      fullPage: true,
    });
  }
  expect(await page.getByTestId('minyi-photos-submitted').innerText()).toContain('群众照片 · 2');
  expect(await page.getByTestId('minyi-photos-before').innerText()).toContain('整改前 · 1');
  expect(await page.getByTestId('minyi-photos-after').innerText()).toContain('整改后 · 1');
  await panel.screenshot({ path: path.join(ARTIFACTS, 'issue-12-item-photos-panel.png') });
  await context.close();
}, 300000);

it('/documentation renders the OpenAPI document in Swagger UI (the CSP lets it run)', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  const blocked: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') blocked.push(message.text());
  });
  await page.goto(`${baseUrl}/documentation`);
  try {
    await page.locator('.opblock-tag-section').first().waitFor({ timeout: 60000 });
    await page.getByText('/api/open311/v2/requests.{format}').first().waitFor({ timeout: 30000 });
  } finally {
    await page.screenshot({ path: path.join(ARTIFACTS, 'issue-12-documentation.png') });
  }
  expect(await page.locator('.opblock-tag-section').count()).toBeGreaterThanOrEqual(3);
  expect(blocked.filter((text) => /Content Security Policy|Refused/.test(text))).toEqual([]);
  await context.close();
}, 120000);
