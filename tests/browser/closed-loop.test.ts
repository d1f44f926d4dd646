import fs from 'fs';
import type { Browser, Locator, Page } from 'playwright-core';
import request from 'supertest';
import {
  adminToken as adminTokenOf,
  ARTIFACTS,
  launchBrowser,
  listen,
  logInToAdmin,
  newChinesePage,
  screenshots,
  staffLogin as staffLoginOf,
} from '../helpers/browser';
import { startApp, type TestApp } from '../helpers/strapi';
import { ACTION_RULES } from '../../plugins/minyi/server/src/domain/state-machine';

/**
 * Issue 10 in a real browser: county staff run the closed loop in the admin panel — the
 * workbench, the item's panels and buttons, the 登记民意 intake — in 简体中文, on the real app.
 * A small county of its own: 县 C > 镇 T1 > 村 V1 > 网格 G1, G1b; 镇 T2 > 网格 G2.
 */
let app: TestApp;
let browser: Browser;
let baseUrl: string;
const ids: Record<string, string> = {};
const PASSWORD = 'Closed-Loop-2026';

const docs = () => app.strapi.documents;

async function grid(code: string, name: string, level: string, parent?: string) {
  const created = await docs()('api::grid.grid').create({
    data: { name, code, level, parent: parent ? ids[parent] : undefined },
  });
  ids[code] = created.documentId;
}

const staffLogin = (name: string, adminRoleCode: string, staff: Record<string, unknown>) =>
  staffLoginOf(
    app,
    { name, adminRoleCode, email: `${name}@closed-loop.test`, password: PASSWORD },
    staff
  );

/** A resident's submission through the public API: routed, given its deadline, its events written. */
async function submit(title: string, gridCode: string) {
  const response = await request(app.server)
    .post('/api/items')
    .send({
      data: {
        title,
        content: `${title},请尽快处理`,
        type: 'request',
        category: 'ENV',
        grid: gridCode,
        submitterName: '李居民',
        submitterPhone: '13912345678',
      },
    })
    .expect(201);
  const code = response.body.data.trackingCode as string;
  const row = await app.strapi.db
    .query('api::item.item')
    .findOne({ where: { trackingCode: code } });
  return { trackingCode: code, documentId: row.documentId as string, id: row.id as number };
}

const adminToken = (login: { email: string; password: string }) => adminTokenOf(app, login);

const newPage = () => newChinesePage(browser);

const { shot, shown } = screenshots('issue-10');

const itemUrl = (documentId: string) =>
  `${baseUrl}/admin/content-manager/collection-types/api::item.item/${documentId}`;

let township: { email: string; password: string };
let coordinator: { email: string; password: string };
let gridWorker: { email: string; password: string };
let overdue: Awaited<ReturnType<typeof submit>>;
let fresh: Awaited<ReturnType<typeof submit>>;
let elsewhere: Awaited<ReturnType<typeof submit>>;

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  app = await startApp({ MINYI_RATE_LIMIT_SUBMIT: '1000' });
  await grid('C', '安乡县', 'county');
  await grid('T1', '深柳镇', 'township', 'C');
  await grid('V1', '幸福村', 'village', 'T1');
  await grid('G1', '幸福村一网格', 'grid', 'V1');
  await grid('G1b', '幸福村二网格', 'grid', 'V1');
  await grid('T2', '黄山头镇', 'township', 'C');
  await grid('G2', '黄山头一网格', 'grid', 'T2');
  await docs()('api::category.category').create({
    data: {
      name: '环境卫生',
      code: 'ENV',
      defaultLevel: 'grid',
      gridDays: 2,
      townshipDays: 5,
      countyDays: 10,
      warningOffsetHours: 8,
    },
  });
  township = await staffLogin('乡镇王干部', 'minyi-township-officer', {
    role: 'township-officer',
    grid: ids.T1,
  });
  coordinator = await staffLogin('社工部刘主任', 'minyi-county-coordinator', {
    role: 'county-coordinator',
    grid: ids.C,
  });
  gridWorker = await staffLogin('网格员小陈', 'minyi-grid-worker', {
    role: 'grid-member',
    grid: ids.G1,
  });

  fresh = await submit('路灯不亮', 'G1');
  overdue = await submit('垃圾三天未清运', 'G1');
  elsewhere = await submit('黄山头镇的井盖缺失', 'G2');
  // Time has passed for one item: its deadline (computed by the submission) lies behind us.
  await app.strapi.db
    .connection('items')
    .where({ id: overdue.id })
    .update({ due_at: new Date(Date.now() - 3 * 24 * 3600 * 1000) });

  baseUrl = await listen(app);
  browser = await launchBrowser();
}, 240000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const rows = (page: Page) => page.getByTestId('minyi-workbench-row');
const timelineTypes = async (page: Page) => page.getByTestId('minyi-timeline-type').allInnerTexts();

/** Clicks an action button, fills its form with `fill`, confirms, and waits for the panel to change. */
async function act(page: Page, action: string, fill?: (dialog: Locator) => Promise<void>) {
  const before = (await timelineTypes(page)).length;
  await page.getByTestId(`minyi-action-${action}`).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId(`minyi-action-form-${action}`).waitFor();
  if (fill) await fill(dialog);
  await dialog.getByTestId('minyi-action-submit').click();
  await dialog.waitFor({ state: 'detached', timeout: 30000 });
  await page.waitForFunction(
    (count) => document.querySelectorAll('[data-testid="minyi-timeline-type"]').length > count,
    before,
    { timeout: 30000 }
  );
}

/**
 * The same move through the edit view header's menu (the content manager's document actions): it
 * offers exactly the handling actions the panel's buttons offer, and opens the same form.
 */
async function actFromHeader(page: Page, action: string) {
  const before = (await timelineTypes(page)).length;
  const panelLabels = await page
    .getByTestId('minyi-actions')
    .locator('[data-testid^="minyi-action-"]')
    .allInnerTexts();
  const label = (await page.getByTestId(`minyi-action-${action}`).innerText()).trim();
  await page.getByRole('button', { name: '办理及更多操作' }).click();
  const menu = page.getByRole('menu');
  await shown(page, menu.getByRole('menuitem', { name: label }), `header-menu-${action}`, 30000);
  const handlingLabels = new Set(Object.values(ACTION_RULES).map((rule) => rule.labelZh));
  const offered = (await menu.getByRole('menuitem').allInnerTexts())
    .map((text) => text.trim())
    .filter((text) => handlingLabels.has(text));
  expect(offered.sort()).toEqual(panelLabels.map((text) => text.trim()).sort());
  // The menu fades in: the screenshot waits for it to stand still.
  await menu.evaluate((node) =>
    Promise.all(node.getAnimations({ subtree: true }).map((animation) => animation.finished))
  );
  await shot(page, `header-menu-${action}`);
  await menu.getByRole('menuitem', { name: label }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId(`minyi-action-form-${action}`).waitFor();
  await shot(page, `header-form-${action}`);
  await dialog.getByTestId('minyi-action-submit').click();
  await dialog.waitFor({ state: 'detached', timeout: 30000 });
  await page.waitForFunction(
    (count) => document.querySelectorAll('[data-testid="minyi-timeline-type"]').length > count,
    before,
    { timeout: 30000 }
  );
}

it('a township officer works an overdue item from the workbench to 已办结 with the buttons', async () => {
  const { context, page } = await newPage();
  await logInToAdmin(page, baseUrl, township);
  await page.goto(`${baseUrl}/admin/plugins/minyi`);
  await rows(page).first().waitFor({ timeout: 60000 });
  // Overdue first, and only the township's items.
  expect(await rows(page).first().getAttribute('data-overdue')).toBe('true');
  expect(await rows(page).first().innerText()).toContain(overdue.trackingCode);
  const listed = await rows(page).allInnerTexts();
  expect(listed.some((row) => row.includes(fresh.trackingCode))).toBe(true);
  expect(listed.some((row) => row.includes(elsewhere.trackingCode))).toBe(false);
  await shot(page, 'workbench-township');

  await rows(page).first().getByTestId('minyi-workbench-link').click();
  await page.getByTestId('minyi-item-summary').waitFor({ timeout: 60000 });
  await page.getByTestId('minyi-timeline-entry').first().waitFor();
  expect(await page.getByTestId('minyi-due-label').innerText()).toMatch(/超期/);
  expect(await page.getByTestId('minyi-item-status').innerText()).toContain('已提交');
  await shot(page, 'item-overdue');

  await act(page, 'accept');
  expect(await page.getByTestId('minyi-item-status').innerText()).toContain('已受理');

  await act(page, 'assign', async (dialog) => {
    const input = dialog.getByTestId('minyi-action-input-grid');
    await input.click();
    await input.fill('幸福村一');
    await page.getByRole('option', { name: /幸福村一网格/ }).click();
  });
  expect(await page.getByTestId('minyi-item-status').innerText()).toContain('已交办');

  await actFromHeader(page, 'start');
  expect(await page.getByTestId('minyi-item-status').innerText()).toContain('办理中');
  // The edit view's form shows the new state too (refetched after the header's action).
  await shown(
    page,
    page.getByRole('combobox', { name: '状态' }).getByText('办理中'),
    'form-after-header-action',
    30000
  );

  // A resolution without its reply is refused beside the field, in Chinese, and changes nothing.
  await page.getByTestId('minyi-action-resolve').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('minyi-action-submit').click();
  await dialog.getByText('此项必填').waitFor();
  await dialog.getByTestId('minyi-action-input-reply').fill('已安排清运,垃圾已清理干净。');
  await dialog.getByTestId('minyi-action-submit').click();
  await dialog.waitFor({ state: 'detached', timeout: 30000 });
  await page.getByTestId('minyi-item-status').getByText('已办结').waitFor({ timeout: 30000 });

  const steps = await timelineTypes(page);
  // Newest first: each step shows in the timeline.
  expect(steps.slice(0, 4)).toEqual(['办结', '开始办理', '交办', '受理']);
  await shot(page, 'item-resolved');

  // The public tracking answer tells the resident the same steps, without names.
  const tracked = await request(app.server)
    .get(`/api/items/track/${overdue.trackingCode}`)
    .expect(200);
  expect(tracked.body.data.status).toBe('resolved');
  const publicTypes = (tracked.body.data.timeline as Array<{ type: string }>).map(
    (step) => step.type
  );
  expect(publicTypes).toEqual(
    expect.arrayContaining(['accepted', 'assigned', 'started', 'resolved'])
  );
  expect(JSON.stringify(tracked.body)).not.toContain('乡镇王干部');
  await context.close();
}, 420000);

it('a grid worker registers a phone call through 登记民意, reads the code, and finds it in the workbench', async () => {
  const { context, page } = await newPage();
  await logInToAdmin(page, baseUrl, gridWorker);
  await page.goto(`${baseUrl}/admin/plugins/minyi/intake`);
  await shown(page, page.getByTestId('minyi-intake-form'), 'intake-form');

  // A phone call: pick a hotline if this role may record one (a grid worker records 网格员收集).
  const channel = page.getByRole('combobox', { name: '收集渠道' });
  await shown(page, channel, 'intake-channel', 30000);
  await channel.click();
  const hotline = page.getByRole('option', { name: /热线/ }).first();
  if ((await hotline.count()) > 0) await hotline.click();
  else await page.keyboard.press('Escape');

  const gridInput = page.getByTestId('minyi-intake-grid');
  await gridInput.click();
  await gridInput.fill('G1');
  await page.getByRole('option', { name: /幸福村一网格/ }).click();
  await page.getByTestId('minyi-intake-title').fill('电话反映:自来水停水');
  await page.getByTestId('minyi-intake-content').fill('幸福村一组从昨天起停水,老人用水困难。');
  await page.getByTestId('minyi-intake-name').fill('赵大爷');
  await page.getByTestId('minyi-intake-phone').fill('13800001111');
  await shot(page, 'intake-form');
  await page.getByTestId('minyi-intake-submit').click();

  const codeLocator = page.getByTestId('minyi-intake-tracking-code');
  await codeLocator.waitFor({ timeout: 60000 });
  const code = (await codeLocator.innerText()).trim();
  expect(code).toMatch(/^[A-Z0-9-]{8,}$/);
  expect(await page.getByTestId('minyi-intake-due').innerText()).toMatch(/\d{4}\/\d{2}\/\d{2}/);
  await shot(page, 'intake-receipt');

  // Stored through the submission service: first responder is the grid worker, due from the calendar.
  const stored = await app.strapi.db.query('api::item.item').findOne({
    where: { trackingCode: code },
    populate: { firstResponder: true },
  });
  expect(stored.firstResponder?.name).toBe('网格员小陈');
  expect(stored.dueAt).toBeTruthy();

  // It is in the township officer's workbench (the grid lies in the township), with its due time.
  const officer = await newPage();
  await logInToAdmin(officer.page, baseUrl, township);
  await officer.page.goto(`${baseUrl}/admin/plugins/minyi?q=${encodeURIComponent(code)}`);
  const row = rows(officer.page).filter({ hasText: code });
  await row.waitFor({ timeout: 60000 });
  expect(await row.innerText()).toMatch(/\d{4}\/\d{2}\/\d{2}/);
  await shot(officer.page, 'workbench-after-intake');
  await officer.context.close();
  await context.close();
}, 420000);

it('the coordinator and the township officer see different workbenches and buttons; 状态 is read-only in the form', async () => {
  const coordinatorToken = await adminToken(coordinator);
  const townshipToken = await adminToken(township);
  const counts = async (token: string) => {
    const response = await request(app.server)
      .get('/minyi/workbench')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    return response.body;
  };
  const [county, own] = await Promise.all([counts(coordinatorToken), counts(townshipToken)]);
  expect(county.meta.pagination.total).toBeGreaterThan(own.meta.pagination.total);

  const { context, page } = await newPage();
  await logInToAdmin(page, baseUrl, coordinator);
  await page.goto(`${baseUrl}/admin/plugins/minyi`);
  await rows(page).first().waitFor({ timeout: 60000 });
  const listed = await rows(page).allInnerTexts();
  expect(listed.some((row) => row.includes(elsewhere.trackingCode))).toBe(true);
  await shot(page, 'workbench-coordinator');

  // The coordinator may supervise (督办) an open item; the township officer has no such button.
  await page.goto(itemUrl(fresh.documentId));
  await shown(page, page.getByTestId('minyi-actions'), 'coordinator-actions');
  expect(await page.getByTestId('minyi-action-supervise').count()).toBe(1);
  await shot(page, 'item-coordinator');

  // 状态 cannot be edited in the content manager's form: the field is shown, disabled.
  const status = page.getByRole('combobox', { name: '状态' });
  await shown(page, status, 'status-field', 30000);
  expect(await status.isDisabled()).toBe(true);
  await context.close();

  const officer = await newPage();
  await logInToAdmin(officer.page, baseUrl, township);
  await officer.page.goto(itemUrl(fresh.documentId));
  await shown(officer.page, officer.page.getByTestId('minyi-actions'), 'officer-actions');
  expect(await officer.page.getByTestId('minyi-action-accept').count()).toBe(1);
  expect(await officer.page.getByTestId('minyi-action-supervise').count()).toBe(0);
  // Every button shown is one the handling route takes (the panel's allowedActions, nothing else).
  const panel = await request(app.server)
    .get(`/minyi/items/${fresh.documentId}/panel`)
    .set('Authorization', `Bearer ${townshipToken}`)
    .expect(200);
  const buttons = await officer.page
    .locator('[data-testid^="minyi-action-"]')
    .evaluateAll((nodes) =>
      nodes
        .map((node) => node.getAttribute('data-testid') ?? '')
        .filter((id) => /^minyi-action-[a-z-]+$/.test(id) && id !== 'minyi-action-submit')
    );
  expect(buttons.sort()).toEqual(
    (panel.body.data.allowedActions as Array<{ action: string }>)
      .map((entry) => `minyi-action-${entry.action}`)
      .sort()
  );
  await officer.context.close();

  // A grid worker may not assign: no 交办 button on an item of their grid.
  const worker = await newPage();
  await logInToAdmin(worker.page, baseUrl, gridWorker);
  await worker.page.goto(itemUrl(fresh.documentId));
  await shown(worker.page, worker.page.getByTestId('minyi-actions'), 'worker-actions');
  expect(await worker.page.getByTestId('minyi-action-assign').count()).toBe(0);
  await shot(worker.page, 'item-grid-worker');
  await worker.context.close();
}, 420000);
