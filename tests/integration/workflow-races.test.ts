import request from 'supertest';
import { startApp, TEST_ADMIN, type TestApp } from '../helpers/strapi';
import { fixtureDocuments } from '../helpers/fixtures';
import type { ItemData } from '../helpers/content-data';

/**
 * Concurrent and repeated handling moves (issue 15 point 5): a move is decided from one read of
 * the item and lands only on the handling version it read, so of many simultaneous requests on
 * one item exactly one goes through — also when the move keeps the item's state (escalate from
 * escalated, extension decisions, re-assignment) — and a repeated move that would change nothing
 * is refused. The client may also say "only if it is still …" (expectedState, If-Match).
 */
let app: TestApp;
let superToken: string;
let gridDocumentId: string;
let firstResponderId: number;
const docs = () => fixtureDocuments(app.strapi);
const BURST = 50;

beforeAll(async () => {
  app = await startApp();
  const county = await docs()('api::grid.grid').create({
    data: { name: '安乡县', code: 'C', level: 'county' },
  });
  const township = await docs()('api::grid.grid').create({
    data: { name: '深柳镇', code: 'T', level: 'township', parent: county.documentId },
  });
  const grid = await docs()('api::grid.grid').create({
    data: { name: '一网格', code: 'G1', level: 'grid', parent: township.documentId },
  });
  const other = await docs()('api::grid.grid').create({
    data: { name: '二网格', code: 'G2', level: 'grid', parent: township.documentId },
  });
  gridDocumentId = grid.documentId;
  for (const [name, email, gridRef] of [
    ['一网格长', 'g1@example.invalid', grid.documentId],
    ['二网格长', 'g2@example.invalid', other.documentId],
  ]) {
    await docs()('api::staff.staff').create({
      data: { name, role: 'grid-head', email, grid: gridRef },
    });
  }
  const responder = await docs()('api::staff.staff').create({
    data: {
      name: '首问人',
      role: 'grid-member',
      email: 'first@example.invalid',
      grid: grid.documentId,
    },
  });
  firstResponderId = responder.id as number;
  const login = await request(app.server).post('/admin/login').send(TEST_ADMIN).expect(200);
  superToken = login.body.data.token;
});

afterAll(async () => {
  await app?.stop();
});

async function newItem(extra: Partial<ItemData>) {
  return docs()('api::item.item').create({
    data: {
      grid: gridDocumentId,
      title: '路灯损坏',
      content: '夜间出行不便',
      type: 'complaint',
      channel: 'website',
      complexity: 'simple',
      firstResponder: firstResponderId,
      dueAt: new Date(Date.now() + 3 * 86_400_000),
      receivedAt: new Date(),
      ...extra,
    },
  });
}

const act = (documentId: string, action: string, data: unknown = {}) =>
  request(app.server)
    .post(`/minyi/items/${documentId}/actions/${action}`)
    .set('Authorization', `Bearer ${superToken}`)
    .send({ data });

async function burst(requests: Array<() => request.Test>) {
  const responses = await Promise.all(requests.map((send) => send()));
  return {
    statuses: responses.map((response) => response.status),
    codes: responses.filter((r) => r.status !== 200).map((r) => r.body.error?.details?.code),
    winners: responses.filter((response) => response.status === 200),
  };
}

async function eventsOf(itemId: number) {
  return app.strapi.db
    .connection('item_events as e')
    .join('item_events_item_lnk as l', 'l.item_event_id', 'e.id')
    .where('l.item_id', itemId)
    .select('e.type', 'e.from_level', 'e.to_level');
}

const mailsOf = (documentId: string) =>
  app.strapi.db
    .connection('minyi_outbox_messages')
    .where('item_document_id', documentId)
    .pluck('recipient');

it(`lets exactly one of ${BURST} simultaneous escalations of an escalated township item through`, async () => {
  const item = await newItem({ state: 'escalated', level: 'township', escalationCount: 1 });
  const result = await burst(
    Array.from(
      { length: BURST },
      () => () => act(item.documentId, 'escalate', { reason: '需县级协调' })
    )
  );
  // Before the version guard, every one of them answered 200 on PostgreSQL: the state stays
  // "escalated", and the level was read before the guarded UPDATE.
  expect(result.winners).toHaveLength(1);
  expect(result.statuses.filter((status) => status === 409)).toHaveLength(BURST - 1);
  expect(result.winners[0].body.data).toMatchObject({ level: 'county', escalationCount: 2 });
  const events = await eventsOf(item.id as number);
  expect(events).toEqual([{ type: 'escalated', from_level: 'township', to_level: 'county' }]);
  const stored = await docs()('api::item.item').findOne({ documentId: item.documentId });
  expect(stored).toMatchObject({ state: 'escalated', level: 'county', escalationCount: 2 });
  expect(await mailsOf(item.documentId)).toEqual(['first@example.invalid']);
});

it('lets exactly one of 25 approvals and 25 rejections of one pending extension through', async () => {
  // A second extension of an extended item: approving and rejecting both keep the state
  // "extended", so a guard on the state alone cannot tell the decisions apart.
  const item = await newItem({
    state: 'extended',
    level: 'grid',
    extensionPending: true,
    extensionRequest: {
      reason: '需等待配件',
      workingDays: 2,
      requestedAt: new Date().toISOString(),
    },
  });
  const dueBefore = new Date(item.dueAt as string).getTime();
  const result = await burst(
    Array.from(
      { length: BURST },
      (_, n) => () =>
        n % 2 === 0
          ? act(item.documentId, 'approve-extension')
          : act(item.documentId, 'reject-extension', { reason: '理由不充分' })
    )
  );
  // Before: the pending extension was read outside the transaction, so several decisions landed.
  expect(result.winners).toHaveLength(1);
  expect(result.statuses.filter((status) => status === 409)).toHaveLength(BURST - 1);
  const events = await eventsOf(item.id as number);
  expect(events).toHaveLength(1);
  const stored = await docs()('api::item.item').findOne({ documentId: item.documentId });
  expect(stored).toMatchObject({
    state: 'extended',
    extensionPending: false,
    extensionRequest: null,
  });
  if (events[0].type === 'extended') {
    expect(new Date(stored?.dueAt as string).getTime()).toBeGreaterThan(dueBefore);
  } else {
    expect(events[0].type).toBe('commented');
    expect(new Date(stored?.dueAt as string).getTime()).toBe(dueBefore);
  }
  expect(await mailsOf(item.documentId)).toEqual(['first@example.invalid']);
});

it(`lets exactly one of ${BURST} simultaneous re-assignments through, with one set of mails`, async () => {
  const item = await newItem({ state: 'assigned', level: 'grid', assignedGrid: gridDocumentId });
  const result = await burst(
    Array.from({ length: BURST }, () => () => act(item.documentId, 'assign', { grid: 'G2' }))
  );
  // Before: all of them went through one after the other, each mailing the unit again.
  expect(result.winners).toHaveLength(1);
  expect(new Set(result.codes)).toEqual(
    new Set(result.codes.filter((code) => code === 'CONCURRENT_CHANGE' || code === 'NO_CHANGE'))
  );
  expect(result.codes).toHaveLength(BURST - 1);
  expect(await eventsOf(item.id as number)).toHaveLength(1);
  expect(await mailsOf(item.documentId)).toEqual(['g2@example.invalid']);
  const stored = await docs()('api::item.item').findOne({
    documentId: item.documentId,
    populate: ['assignedGrid'],
  });
  expect(stored?.assignedGrid?.code).toBe('G2');
});

it('refuses a repeated assignment to the same unit as a no-op (409, both languages), and writes nothing', async () => {
  const item = await newItem({ state: 'accepted', level: 'grid' });
  await act(item.documentId, 'assign', { grid: 'G1', complexity: 'simple' }).expect(200);
  const again = await act(item.documentId, 'assign', { grid: 'G1' }).expect(409);
  expect(again.body.error.details.code).toBe('NO_CHANGE');
  expect(again.body.error.details.reason.zh).toMatch(/无需重复交办/);
  expect(again.body.error.details.reason.en).toMatch(/change nothing/);
  expect(await eventsOf(item.id as number)).toHaveLength(1);
  // The grid's owners (its head and member) were told once, by the first assignment.
  expect((await mailsOf(item.documentId)).sort()).toEqual([
    'first@example.invalid',
    'g1@example.invalid',
  ]);
  // Another unit is a real move.
  await act(item.documentId, 'assign', { grid: 'G2' }).expect(200);
});

it('moves only if the item is still in the expected state or at the expected version', async () => {
  const item = await newItem({ state: 'submitted', level: 'grid' });
  const stale = await act(item.documentId, 'accept', { expectedState: 'returned' }).expect(409);
  expect(stale.body.error.details.code).toBe('STATE_CHANGED');
  expect(stale.body.error.details.reason.zh).toMatch(/已提交/);
  await act(item.documentId, 'accept', { expectedState: 'no-such-state' }).expect(400);

  const accepted = await act(item.documentId, 'accept', { expectedState: 'submitted' }).expect(200);
  const version = accepted.body.data.version as number;
  expect(accepted.headers.etag).toBe(`"${version}"`);

  const outdated = await request(app.server)
    .post(`/minyi/items/${item.documentId}/actions/return`)
    .set('Authorization', `Bearer ${superToken}`)
    .set('If-Match', `"${version - 1}"`)
    .send({ data: { reason: '不属本网格' } })
    .expect(409);
  expect(outdated.body.error.details.code).toBe('VERSION_CHANGED');
  await request(app.server)
    .post(`/minyi/items/${item.documentId}/actions/return`)
    .set('Authorization', `Bearer ${superToken}`)
    .set('If-Match', 'not-a-version')
    .send({ data: { reason: '不属本网格' } })
    .expect(400);
  const returned = await request(app.server)
    .post(`/minyi/items/${item.documentId}/actions/return`)
    .set('Authorization', `Bearer ${superToken}`)
    .set('If-Match', `"${version}"`)
    .send({ data: { reason: '不属本网格' } })
    .expect(200);
  expect(returned.body.data).toMatchObject({ status: 'returned', version: version + 1 });
  expect(await eventsOf(item.id as number)).toHaveLength(2);
});
