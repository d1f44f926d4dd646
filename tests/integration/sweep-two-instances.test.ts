import type { Data } from '@strapi/strapi';
import { fork, type ChildProcess } from 'child_process';
import path from 'path';
import { startApp, type TestApp } from '../helpers/strapi';
import { minyiService } from '../../plugins/minyi/server/src/plugin';
import { fixtureDocuments } from '../helpers/fixtures';

/**
 * Two app instances (two processes) sweep the same database at the same moment over 1,000
 * overdue items: every item is escalated exactly once, with exactly one event and one message per
 * recipient. The sweep's statements re-check their own conditions, so no lease is needed for this.
 */
const ITEMS = 1000;
let app: TestApp;

beforeAll(async () => {
  app = await startApp();
  const docs = fixtureDocuments(app.strapi);
  const county = await docs('api::grid.grid').create({
    data: { name: '安乡县', code: 'C', level: 'county' },
  });
  const township = await docs('api::grid.grid').create({
    data: { name: '深柳镇', code: 'T', level: 'township', parent: county.documentId },
  });
  const grid = await docs('api::grid.grid').create({
    data: { name: '一网格', code: 'G', level: 'grid', parent: township.documentId },
  });
  await docs('api::staff.staff').create({
    data: {
      name: '乡镇干部',
      role: 'township-officer',
      email: 'township@example.invalid',
      grid: township.documentId,
    },
  });
  const responder = await docs('api::staff.staff').create({
    data: {
      name: '网格员',
      role: 'grid-member',
      email: 'first@example.invalid',
      grid: grid.documentId,
    },
  });
  const category = await docs('api::category.category').create({
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

  // 1,000 overdue grid items, written in bulk (the Document Service would take minutes here).
  const knex = app.strapi.db.connection;
  const due = new Date('2026-12-01T10:00:00Z');
  const ids = minyiService(app.strapi, 'document-ids');
  const identity = minyiService(app.strapi, 'item-identity');
  const rows = Array.from({ length: ITEMS }, (_, i) => ({
    document_id: ids.create(),
    tracking_code: identity.newTrackingCode(),
    title: `事项${i}`,
    content: '路灯不亮',
    type: 'request',
    channel: 'grid-worker',
    state: 'in-progress',
    level: 'grid',
    complexity: 'simple',
    grid_path: '/C/T/G/',
    due_at: due,
    escalation_count: 0,
    created_at: due,
    updated_at: due,
    published_at: due,
  }));
  for (let start = 0; start < rows.length; start += 100)
    await knex('items').insert(rows.slice(start, start + 100));
  const itemIds: number[] = (await knex('items').orderBy('id').pluck('id')).map(Number);
  const links = (table: string, column: string, target: Data.ID) =>
    itemIds.map((id) => ({ item_id: id, [column]: target }));
  for (const [table, column, target] of [
    ['items_category_lnk', 'category_id', category.id],
    ['items_grid_lnk', 'grid_id', grid.id],
    ['items_assigned_grid_lnk', 'grid_id', grid.id],
    ['items_first_responder_lnk', 'staff_id', responder.id],
  ] as const) {
    const all = links(table, column, target);
    for (let start = 0; start < all.length; start += 200)
      await knex(table).insert(all.slice(start, start + 200));
  }
});

afterAll(async () => {
  await app?.stop();
});

function startInstance(): {
  child: ChildProcess;
  ready: Promise<void>;
  result: Promise<{ escalated: number }>;
} {
  const child = fork(path.join(__dirname, '..', 'helpers', 'sweep-worker.js'), {
    env: { ...process.env },
    stdio: 'inherit',
  });
  let onReady: () => void;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  const result = new Promise<{ escalated: number }>((resolve, reject) => {
    child.on(
      'message',
      (message: { type: string; summary?: { escalated: number }; error?: string }) => {
        if (message.type === 'ready') onReady();
        if (message.type === 'done' && message.summary) resolve(message.summary);
        if (message.type === 'failed') reject(new Error(message.error));
      }
    );
    child.on('exit', (code) =>
      code === 0 ? undefined : reject(new Error(`instance exited with ${code}`))
    );
  });
  return { child, ready, result };
}

it('escalates every overdue item exactly once when two instances sweep at the same moment', async () => {
  const instances = [startInstance(), startInstance()];
  await Promise.all(instances.map((instance) => instance.ready));
  const now = new Date('2026-12-02T01:00:00Z').toISOString();
  for (const instance of instances) instance.child.send({ type: 'go', now });
  const summaries = await Promise.all(instances.map((instance) => instance.result));

  expect(summaries.reduce((sum, summary) => sum + summary.escalated, 0)).toBe(ITEMS);
  const knex = app.strapi.db.connection;
  const levels = await knex<{ level: string; escalation_count: number }>('items')
    .select('level', 'escalation_count')
    .count({ n: '*' })
    .groupBy('level', 'escalation_count');
  expect(
    levels.map((row) => ({
      ...row,
      n: Number(row.n),
      escalation_count: Number(row.escalation_count),
    }))
  ).toEqual([{ level: 'township', escalation_count: 1, n: ITEMS }]);
  const eventsPerItem = await knex('item_events_item_lnk')
    .select('item_id')
    .count({ n: '*' })
    .groupBy('item_id');
  expect(eventsPerItem).toHaveLength(ITEMS);
  expect(eventsPerItem.every((row) => Number(row.n) === 1)).toBe(true);
  const messages = await knex('minyi_outbox_messages').count({ n: '*' });
  expect(Number(messages[0].n)).toBe(ITEMS * 2);
  const distinctKeys = await knex('minyi_outbox_messages').countDistinct({ n: 'dedupe_key' });
  expect(Number(distinctKeys[0].n)).toBe(ITEMS * 2);
}, 180000);
