import type { Data } from '@strapi/strapi';
import { runJobCli } from '../helpers/cli';
import { startApp, type TestApp } from '../helpers/strapi';
import { minyiService } from '../../plugins/minyi/server/src/plugin';
import type { SweepSummary } from '../../plugins/minyi/server/src/services/escalation/escalation-sweep';
import { fixtureDocuments } from '../helpers/fixtures';

/**
 * The escalation sweep on a real database: an item at grid level with a one-working-day limit,
 * swept after its deadline, moves to its township with a new deadline, one event, and mail
 * queued for the township and the first responder; a second sweep changes nothing.
 */
let app: TestApp;
const docs = () => fixtureDocuments(app.strapi);
const sweep = (now: Date) => minyiService(app.strapi, 'escalation-sweep').run(now);
const calendar = () => minyiService(app.strapi, 'calendar').get();

let township: { documentId: string };
let category: { documentId: string };
let grid: { documentId: string };
let firstResponder: { documentId: string };

beforeAll(async () => {
  app = await startApp();
  const county = await docs()('api::grid.grid').create({
    data: { name: '安乡县', code: 'C', level: 'county' },
  });
  township = await docs()('api::grid.grid').create({
    data: { name: '深柳镇', code: 'T', level: 'township', parent: county.documentId },
  });
  const village = await docs()('api::grid.grid').create({
    data: { name: '书院洲村', code: 'V', level: 'village', parent: township.documentId },
  });
  grid = await docs()('api::grid.grid').create({
    data: { name: '一网格', code: 'G', level: 'grid', parent: village.documentId },
  });
  await docs()('api::staff.staff').create({
    data: {
      name: '乡镇干部',
      role: 'township-officer',
      email: 'township@example.invalid',
      grid: township.documentId,
    },
  });
  await docs()('api::staff.staff').create({
    data: {
      name: '网格长',
      role: 'grid-head',
      email: 'gridhead@example.invalid',
      grid: grid.documentId,
    },
  });
  firstResponder = await docs()('api::staff.staff').create({
    data: {
      name: '首问网格员',
      role: 'grid-member',
      email: 'first@example.invalid',
      grid: grid.documentId,
    },
  });
  await docs()('api::staff.staff').create({
    data: {
      name: '社工部协调员',
      role: 'county-coordinator',
      email: 'coordinator@example.invalid',
      grid: county.documentId,
    },
  });
  category = await docs()('api::category.category').create({
    data: {
      name: '路灯照明',
      code: 'LIGHT',
      defaultLevel: 'grid',
      gridDays: 1,
      townshipDays: 3,
      countyDays: 5,
      warningOffsetHours: 4,
    },
  });
});

afterAll(async () => {
  await app?.stop();
});

async function newItem(receivedAt: Date, extra: Record<string, unknown> = {}) {
  const dueAt = calendar().addWorkingDays(receivedAt, 1);
  return docs()('api::item.item').create({
    data: {
      title: '路灯不亮',
      content: '村口路灯坏了',
      type: 'request',
      channel: 'grid-worker',
      state: 'assigned',
      level: 'grid',
      complexity: 'simple',
      category: category.documentId,
      grid: grid.documentId,
      assignedGrid: grid.documentId,
      firstResponder: firstResponder.documentId,
      receivedAt,
      dueAt,
      escalationCount: 0,
      ...extra,
    },
  });
}

async function eventsOf(itemId: Data.ID) {
  return app.strapi.db
    .connection('item_events as e')
    .join('item_events_item_lnk as l', 'l.item_event_id', 'e.id')
    .where('l.item_id', itemId)
    .select('e.type', 'e.from_level', 'e.to_level', 'e.document_id');
}

async function outboxOf(documentId: string) {
  return app.strapi.db
    .connection('minyi_outbox_messages')
    .where('item_document_id', documentId)
    .orderBy('recipient')
    .select('template', 'recipient', 'dedupe_key');
}

it('escalates an overdue grid item to its township once, with one event and mail for the township and the first responder', async () => {
  const receivedAt = new Date('2026-11-30T09:00:00+08:00'); // Monday
  const item = await newItem(receivedAt);
  expect(new Date(item.dueAt as string).toISOString()).toBe('2026-12-01T10:00:00.000Z'); // Tue 18:00 in Shanghai

  const now = new Date('2026-12-02T09:00:00+08:00');
  const first = await sweep(now);
  expect(first.escalated).toBe(1);

  const after = await docs()('api::item.item').findOne({
    documentId: item.documentId,
    populate: ['assignedGrid'],
  });
  expect(after).toMatchObject({ level: 'township', state: 'escalated', escalationCount: 1 });
  expect(after?.assignedGrid?.code).toBe('T');
  const newDue = new Date(after?.dueAt as string);
  expect(newDue.getTime()).toBe(calendar().addWorkingDays(now, 3).getTime());
  expect(newDue.getTime()).toBeGreaterThan(now.getTime());

  const events = await eventsOf(item.id);
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({ type: 'escalated', from_level: 'grid', to_level: 'township' });
  const mail = await outboxOf(item.documentId);
  expect(mail.map((m) => m.recipient)).toEqual([
    'first@example.invalid',
    'township@example.invalid',
  ]);
  expect(mail.every((m) => m.template === 'escalated')).toBe(true);

  const second = await sweep(now);
  expect(second).toMatchObject({ escalated: 0, flaggedOverdue: 0 });
  const again = await docs()('api::item.item').findOne({ documentId: item.documentId });
  expect(again).toMatchObject({ level: 'township', escalationCount: 1, dueAt: after?.dueAt });
  expect(await eventsOf(item.id)).toHaveLength(1);
  expect(await outboxOf(item.documentId)).toHaveLength(2);
});

it('takes an item overdue at township to the county, then flags it overdue there once', async () => {
  const item = await newItem(new Date('2026-11-30T09:00:00+08:00'));
  await sweep(new Date('2026-12-02T09:00:00+08:00')); // → township, due in 3 working days
  await sweep(new Date('2026-12-10T09:00:00+08:00')); // → county
  const atCounty = await docs()('api::item.item').findOne({
    documentId: item.documentId,
    populate: ['assignedGrid'],
  });
  expect(atCounty).toMatchObject({ level: 'county', escalationCount: 2 });
  expect(atCounty?.assignedGrid?.code).toBe('C');

  const late = new Date(new Date(atCounty?.dueAt as string).getTime() + 86_400_000);
  expect((await sweep(late)).flaggedOverdue).toBeGreaterThanOrEqual(1);
  expect((await sweep(late)).flaggedOverdue).toBe(0);
  const types = (await eventsOf(item.id)).map((e) => e.type).sort();
  expect(types).toEqual(['escalated', 'escalated', 'overdue-flagged']);
  const flagged = await docs()('api::item.item').findOne({ documentId: item.documentId });
  expect(flagged).toMatchObject({ level: 'county' });
  expect(flagged?.overdueFlaggedAt).toBeTruthy();
  expect(
    (await outboxOf(item.documentId)).some(
      (m) => m.template === 'overdue' && m.recipient === 'coordinator@example.invalid'
    )
  ).toBe(true);
});

it('warns once before the deadline and leaves paused and resolved items alone', async () => {
  const receivedAt = new Date('2026-12-07T09:00:00+08:00'); // Monday; due Tue 18:00, warn 4 working hours before
  const warned = await newItem(receivedAt);
  const paused = await newItem(receivedAt, { pausedAt: receivedAt });
  const resolved = await newItem(receivedAt, { state: 'resolved', resolvedAt: receivedAt });
  const now = new Date('2026-12-08T15:00:00+08:00');
  const result = await sweep(now);
  expect(result.warned).toBe(1);
  expect(
    (await docs()('api::item.item').findOne({ documentId: warned.documentId }))?.warnedAt
  ).toBeTruthy();
  expect((await eventsOf(warned.id)).map((e) => e.type)).toEqual(['warned']);
  expect((await outboxOf(warned.documentId)).map((m) => m.recipient)).toEqual([
    'first@example.invalid',
    'gridhead@example.invalid',
  ]);
  expect((await sweep(now)).warned).toBe(0);

  const later = new Date('2026-12-09T09:00:00+08:00');
  await sweep(later);
  for (const still of [paused, resolved]) {
    const row = await docs()('api::item.item').findOne({ documentId: still.documentId });
    expect(row?.level).toBe('grid');
    expect(await eventsOf(still.id)).toHaveLength(0);
  }
});

it('runs as the escalation job once per five-minute slot, and on demand from the CLI', async () => {
  const jobs = minyiService(app.strapi, 'jobs');
  const first = await newItem(new Date('2027-01-04T09:00:00+08:00'));
  const now = new Date('2027-01-06T09:02:00+08:00');
  const run = await jobs.run('escalation', { now });
  expect(run).toMatchObject({ outcome: 'succeeded', period: '2027-01-06T09:00' });
  // JobRunResult types a summary `unknown` (each job has its own); the escalation job's is the sweep's.
  const summary = (run.outcome === 'succeeded' ? run.summary : undefined) as
    SweepSummary | undefined;
  expect(summary?.escalated).toBeGreaterThanOrEqual(1);
  expect((await jobs.run('escalation', { now })).outcome).toBe('skipped');
  expect((await docs()('api::item.item').findOne({ documentId: first.documentId }))?.level).toBe(
    'township'
  );

  // `npm run job -- escalation --now …` works on the same database while this app is running.
  const second = await newItem(new Date('2027-01-11T09:00:00+08:00'));
  const cli = await runJobCli(['escalation', '--now', '2027-01-13T09:00:00+08:00']);
  expect({ code: cli.code, stderr: cli.stderr }).toMatchObject({ code: 0 });
  expect(cli.stdout).toMatch(/succeeded/);
  expect((await docs()('api::item.item').findOne({ documentId: second.documentId }))?.level).toBe(
    'township'
  );
  expect(await eventsOf(second.id)).toHaveLength(1);
}, 60000);
