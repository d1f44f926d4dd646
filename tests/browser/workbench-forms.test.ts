import fs from 'fs';
import type { Browser, Page } from 'playwright-core';
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

/**
 * Issue 10, the workbench's other forms in a real browser: bulk 受理 and 交办 from the workbench,
 * the 申请延期 form and its approval, 标记重复 with a wrong and a right tracking code, and the
 * 登记民意 form's duplicate hint. County: 县 C > 镇 T1 > 村 V1 > 网格 G1, G1b.
 */
let app: TestApp;
let browser: Browser;
let baseUrl: string;
const ids: Record<string, string> = {};
const PASSWORD = 'Workbench-Forms-2026';

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
    {
      name,
      adminRoleCode,
      email: `${encodeURIComponent(name).replace(/%/g, '').toLowerCase()}@forms.test`,
      password: PASSWORD,
    },
    staff
  );

async function submit(title: string, phone = '13912345678') {
  const response = await request(app.server)
    .post('/api/items')
    .send({
      data: {
        title,
        content: `${title},请尽快处理`,
        type: 'request',
        category: 'ENV',
        grid: 'G1',
        submitterName: '李居民',
        submitterPhone: phone,
        address: '幸福村三组',
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

/** A move through the handling route, as the buttons make it. */
async function move(token: string, documentId: string, action: string, input = {}) {
  await request(app.server)
    .post(`/minyi/items/${documentId}/actions/${action}`)
    .set('Authorization', `Bearer ${token}`)
    .send({ data: input })
    .expect(200);
}

const newPage = () => newChinesePage(browser);

const { shot, shown } = screenshots('issue-10');

const itemUrl = (documentId: string) =>
  `${baseUrl}/admin/content-manager/collection-types/api::item.item/${documentId}`;
const rows = (page: Page) => page.getByTestId('minyi-workbench-row');
const timelineTypes = (page: Page) => page.getByTestId('minyi-timeline-type').allInnerTexts();
const stateOf = async (id: number) =>
  (await app.strapi.db.connection('items').where({ id }).first()).state as string;

let township: { email: string; password: string };
let gridWorker: { email: string; password: string };

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  app = await startApp({ MINYI_RATE_LIMIT_SUBMIT: '1000' });
  await grid('C', '安乡县', 'county');
  await grid('T1', '深柳镇', 'township', 'C');
  await grid('V1', '幸福村', 'village', 'T1');
  await grid('G1', '幸福村一网格', 'grid', 'V1');
  await grid('G1b', '幸福村二网格', 'grid', 'V1');
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
  township = await staffLogin('乡镇周干部', 'minyi-township-officer', {
    role: 'township-officer',
    grid: ids.T1,
  });
  gridWorker = await staffLogin('网格员小孙', 'minyi-grid-worker', {
    role: 'grid-member',
    grid: ids.G1,
  });
  baseUrl = await listen(app);
  browser = await launchBrowser();
}, 240000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

it('bulk 受理 and bulk 交办 from the workbench move exactly the items chosen', async () => {
  const chosen = [await submit('河道漂浮物'), await submit('路边垃圾堆')];
  const left = await submit('广场噪音扰民', '13700001234');
  const { context, page } = await newPage();
  await logInToAdmin(page, baseUrl, township);
  await page.goto(`${baseUrl}/admin/plugins/minyi?tab=to-accept`);
  await shown(page, rows(page).first(), 'bulk-workbench');
  for (const item of chosen) await page.getByRole('checkbox', { name: item.trackingCode }).click();
  await shot(page, 'bulk-selected');
  await page.getByTestId('minyi-bulk-accept').click();
  await page.getByText('已处理 2 件').waitFor({ timeout: 30000 });
  for (const item of chosen) expect(await stateOf(item.id)).toBe('accepted');
  expect(await stateOf(left.id)).toBe('submitted');
  // The accepted items left the 待受理 tab; the one not chosen is still there.
  await page.getByTestId('minyi-workbench-table').getByText(left.trackingCode).waitFor();
  const listed = await rows(page).allInnerTexts();
  expect(listed.some((row) => row.includes(chosen[0].trackingCode))).toBe(false);

  await page.getByTestId('minyi-tab-in-progress').click();
  await page.getByTestId('minyi-workbench-table').getByText(chosen[0].trackingCode).waitFor();
  for (const item of chosen) await page.getByRole('checkbox', { name: item.trackingCode }).click();
  await page.getByTestId('minyi-bulk-assign').click();
  const dialog = page.getByRole('dialog');
  const gridInput = dialog.getByTestId('minyi-bulk-grid');
  await shown(page, gridInput, 'bulk-assign-dialog', 30000);
  await gridInput.click();
  await gridInput.fill('幸福村二');
  await page.getByRole('option', { name: /幸福村二网格/ }).click();
  await shot(page, 'bulk-assign-dialog');
  await dialog.getByTestId('minyi-bulk-assign-submit').click();
  await page.getByText('已处理 2 件').first().waitFor({ timeout: 30000 });
  for (const item of chosen) {
    expect(await stateOf(item.id)).toBe('assigned');
    const assigned = await docs()('api::item.item').findOne({
      documentId: item.documentId,
      populate: { assignedGrid: true },
    });
    expect(assigned?.assignedGrid?.code).toBe('G1b');
  }
  const events = await app.strapi.db
    .connection('item_events as e')
    .join('item_events_item_lnk as l', 'l.item_event_id', 'e.id')
    .whereIn(
      'l.item_id',
      chosen.map((item) => item.id)
    )
    .select('e.type');
  expect(events.filter((event) => event.type === 'accepted')).toHaveLength(2);
  expect(events.filter((event) => event.type === 'assigned')).toHaveLength(2);
  await shot(page, 'bulk-done');
  await context.close();
}, 420000);

it('a grid worker asks for an extension through its form; the township approves it', async () => {
  const item = await submit('排水沟堵塞需要清淤');
  const officerToken = await adminToken(township);
  await move(officerToken, item.documentId, 'accept');
  await move(officerToken, item.documentId, 'assign', { grid: ids.G1 });
  await move(officerToken, item.documentId, 'start');
  const dueBefore = (await app.strapi.db.connection('items').where({ id: item.id }).first())
    .due_at as Date;

  const worker = await newPage();
  await logInToAdmin(worker.page, baseUrl, gridWorker);
  await worker.page.goto(itemUrl(item.documentId));
  const page = worker.page;
  await shown(page, page.getByTestId('minyi-action-request-extension'), 'extension-button');
  await page.getByTestId('minyi-action-request-extension').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('minyi-action-form-request-extension').waitFor();
  // Without the reason the form is refused beside the field, and nothing is sent.
  await dialog.getByTestId('minyi-action-submit').click();
  await dialog.getByText('此项必填').waitFor();
  await dialog.getByTestId('minyi-action-input-reason').fill('需协调挖机,预计再需三个工作日。');
  // The message beside a field goes as soon as that field changes; the others stay.
  await dialog.getByText('此项必填').waitFor({ state: 'detached', timeout: 10000 });
  expect(await dialog.getByText('请填写延长的工作日数或新的期限(二选一)').count()).toBe(2);
  await dialog.getByTestId('minyi-action-input-workingDays').fill('3');
  await shot(page, 'extension-form');
  await dialog.getByTestId('minyi-action-submit').click();
  await dialog.waitFor({ state: 'detached', timeout: 30000 });
  await page.getByTestId('minyi-timeline-type').getByText('申请延期').waitFor({ timeout: 30000 });
  expect(await stateOf(item.id)).toBe('in-progress');
  await shot(page, 'extension-requested');
  await worker.context.close();

  // The township officer finds it under 延期待审批 and approves it with the button.
  const officer = await newPage();
  await logInToAdmin(officer.page, baseUrl, township);
  await officer.page.goto(`${baseUrl}/admin/plugins/minyi?tab=extension-approval`);
  const row = rows(officer.page).filter({ hasText: item.trackingCode });
  await shown(officer.page, row, 'extension-approval-tab');
  await shot(officer.page, 'extension-approval-tab');
  await row.getByTestId('minyi-workbench-link').click();
  await shown(officer.page, officer.page.getByTestId('minyi-action-approve-extension'), 'approve');
  await officer.page.getByTestId('minyi-action-approve-extension').click();
  const approve = officer.page.getByRole('dialog');
  await approve.getByTestId('minyi-action-form-approve-extension').waitFor();
  const note = approve.getByTestId('minyi-action-input-note');
  if ((await note.count()) > 0) await note.fill('同意延期三个工作日。');
  await approve.getByTestId('minyi-action-submit').click();
  await approve.waitFor({ state: 'detached', timeout: 30000 });
  await officer.page
    .getByTestId('minyi-item-status')
    .getByText('已延期')
    .waitFor({ timeout: 30000 });
  const after = await app.strapi.db.connection('items').where({ id: item.id }).first();
  expect(after.state).toBe('extended');
  expect(new Date(after.due_at).getTime()).toBeGreaterThan(new Date(dueBefore).getTime());
  expect(Boolean(after.extension_pending)).toBe(false);
  await shot(officer.page, 'extension-approved');
  await officer.context.close();
}, 420000);

it('标记重复: a code that does not exist is refused beside the field; the right one rejects the item as a repeat', async () => {
  const original = await submit('村口路灯不亮');
  const repeat = await submit('村口路灯还是不亮');
  const { context, page } = await newPage();
  await logInToAdmin(page, baseUrl, township);
  await page.goto(itemUrl(repeat.documentId));
  await shown(page, page.getByTestId('minyi-action-link-duplicate'), 'duplicate-button');
  const eventsBefore = (await timelineTypes(page)).length;
  await page.getByTestId('minyi-action-link-duplicate').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('minyi-action-form-link-duplicate').waitFor();
  await dialog.getByTestId('minyi-action-input-duplicateOf').fill('MY-NOPE-0000');
  await dialog.getByTestId('minyi-action-submit').click();
  await shown(page, dialog.getByTestId('minyi-action-refusal'), 'duplicate-refusal', 30000);
  await shot(page, 'duplicate-refused');
  expect(await stateOf(repeat.id)).toBe('submitted');
  // The server's 400 names the field: its message stands beside it until the field changes.
  const besideField = dialog.getByText('找不到该事项', { exact: true });
  await besideField.waitFor();

  await dialog.getByTestId('minyi-action-input-duplicateOf').fill(original.trackingCode);
  await besideField.waitFor({ state: 'detached', timeout: 10000 });
  await dialog.getByTestId('minyi-action-submit').click();
  await dialog.waitFor({ state: 'detached', timeout: 30000 });
  await page.getByTestId('minyi-timeline-type').getByText('标记重复').waitFor({ timeout: 30000 });
  expect((await timelineTypes(page)).length).toBe(eventsBefore + 1);
  expect(await stateOf(repeat.id)).toBe('rejected');
  const linked = await docs()('api::item.item').findOne({
    documentId: repeat.documentId,
    populate: { duplicateOf: true },
  });
  expect(linked?.duplicateOf?.trackingCode).toBe(original.trackingCode);
  await shot(page, 'duplicate-linked');
  await context.close();
}, 420000);

it('登记民意 shows the open items of the same phone before saving', async () => {
  const earlier = await submit('楼道灯坏了', '13655556666');
  const { context, page } = await newPage();
  await logInToAdmin(page, baseUrl, gridWorker);
  await page.goto(`${baseUrl}/admin/plugins/minyi/intake`);
  await shown(page, page.getByTestId('minyi-intake-form'), 'intake-form');
  expect(await page.getByTestId('minyi-intake-duplicates').count()).toBe(0);
  await page.getByTestId('minyi-intake-phone').fill('13655556666');
  const hint = page.getByTestId('minyi-intake-duplicates');
  await shown(page, hint, 'intake-duplicates', 30000);
  expect(await hint.innerText()).toContain(earlier.trackingCode);
  expect(await hint.innerText()).toContain('同一电话');
  await shot(page, 'intake-duplicate-hint');
  // A grid worker may see the repeat but not link it (标记重复 is a grid head's or officer's move):
  // the hint offers no choice the server would refuse, and the item is registered as new.
  expect(await hint.getByRole('radio').count()).toBe(0);
  expect(await hint.innerText()).toContain('网格长或乡镇干部');
  const gridInput = page.getByTestId('minyi-intake-grid');
  await gridInput.click();
  await gridInput.fill('G1');
  await page
    .getByRole('option', { name: /幸福村一网格/ })
    .first()
    .click();
  await page.getByTestId('minyi-intake-title').fill('楼道灯又坏了');
  await page.getByTestId('minyi-intake-content').fill('三单元楼道灯不亮,晚上看不清台阶。');
  const itemsBefore = await app.strapi.db.query('api::item.item').count({});
  await page.getByTestId('minyi-intake-submit').click();
  await shown(page, page.getByTestId('minyi-intake-receipt'), 'intake-receipt', 30000);
  expect(await app.strapi.db.query('api::item.item').count({})).toBe(itemsBefore + 1);
  await shot(page, 'intake-registered-beside-repeat');
  await context.close();
}, 420000);
