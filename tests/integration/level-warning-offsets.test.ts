import { startApp, type TestApp } from '../helpers/strapi';
import { minyiService } from '../../plugins/minyi/server/src/plugin';
import { fixtureDocuments } from '../helpers/fixtures';

/**
 * Per-level warning offsets (催办提前量) in the escalation sweep: a category that warns 4 working
 * hours ahead at township level and 2 at grid level, 8 for every other level. Three items of it,
 * one per level, all due Tuesday 8 December 2026 at 18:00: each is warned when its own level's
 * offset is reached, the county item at the category's 8 hours.
 */
let app: TestApp;
const docs = () => fixtureDocuments(app.strapi);
const sweep = (now: Date) => minyiService(app.strapi, 'escalation-sweep').run(now);
const calendar = () => minyiService(app.strapi, 'calendar').get();

const DUE = new Date('2026-12-08T18:00:00+08:00'); // Tuesday, the end of the working day
let category: { documentId: string };
let township: { documentId: string };
let grid: { documentId: string };
let county: { documentId: string };

beforeAll(async () => {
  app = await startApp();
  county = await docs()('api::grid.grid').create({
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
  category = await docs()('api::category.category').create({
    data: {
      name: '排水内涝',
      code: 'FLOOD',
      defaultLevel: 'township',
      gridDays: 2,
      townshipDays: 3,
      countyDays: 5,
      warningOffsetHours: 8,
      gridWarningOffsetHours: 2,
      townshipWarningOffsetHours: 4,
    },
  });
});

afterAll(async () => {
  await app?.stop();
});

async function itemAt(level: 'grid' | 'township' | 'county') {
  const owner = level === 'grid' ? grid : level === 'township' ? township : county;
  return docs()('api::item.item').create({
    data: {
      title: `${level} 积水`,
      content: '下雨天路面积水',
      type: 'request',
      channel: 'grid-worker',
      state: 'assigned',
      level,
      complexity: 'simple',
      category: category.documentId,
      grid: grid.documentId,
      assignedGrid: owner.documentId,
      receivedAt: new Date('2026-12-03T09:00:00+08:00'),
      dueAt: DUE,
      escalationCount: 0,
    },
  });
}

const warnedAt = async (documentId: string) =>
  (await docs()('api::item.item').findOne({ documentId }))?.warnedAt ?? null;

it('warns each level at its own offset: township 4 h, grid 2 h, county the category’s 8 h', async () => {
  const atGrid = await itemAt('grid');
  const atTownship = await itemAt('township');
  const atCounty = await itemAt('county');
  // The warning moments, in working time before Tuesday 18:00 (08:00–12:00, 14:00–18:00).
  // Four hours before: Tuesday 12:00, the end of the morning (the same working moment as 14:00).
  expect(calendar().subtractWorkingHours(DUE, 4).toISOString()).toBe('2026-12-08T04:00:00.000Z');
  expect(calendar().subtractWorkingHours(DUE, 2).toISOString()).toBe('2026-12-08T08:00:00.000Z'); // 16:00

  // Tuesday 11:00: five working hours left — only the county item (8 h) is warned.
  const first = await sweep(new Date('2026-12-08T11:00:00+08:00'));
  expect(first.warned).toBe(1);
  expect(await warnedAt(atCounty.documentId)).toBeTruthy();
  expect(await warnedAt(atTownship.documentId)).toBeNull();
  expect(await warnedAt(atGrid.documentId)).toBeNull();

  // Tuesday 11:59: four hours and a minute left — the township item waits.
  expect((await sweep(new Date('2026-12-08T11:59:00+08:00'))).warned).toBe(0);
  expect(await warnedAt(atTownship.documentId)).toBeNull();

  // Tuesday 14:30: three and a half hours left — the township item (4 h), not the grid one (2 h).
  const second = await sweep(new Date('2026-12-08T14:30:00+08:00'));
  expect(second.warned).toBe(1);
  expect(await warnedAt(atTownship.documentId)).toBeTruthy();
  expect(await warnedAt(atGrid.documentId)).toBeNull();

  // Tuesday 16:30: an hour and a half left — the grid item (2 h), once.
  const third = await sweep(new Date('2026-12-08T16:30:00+08:00'));
  expect(third.warned).toBe(1);
  expect(await warnedAt(atGrid.documentId)).toBeTruthy();
  expect((await sweep(new Date('2026-12-08T16:30:00+08:00'))).warned).toBe(0);
});

it('a category without per-level offsets warns every level at its one offset, as before', async () => {
  const plain = await docs()('api::category.category').create({
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
  const due = new Date('2026-12-10T18:00:00+08:00'); // Thursday
  const items = await Promise.all(
    (['grid', 'township'] as const).map((level) =>
      docs()('api::item.item').create({
        data: {
          title: `${level} 路灯`,
          content: '路灯不亮',
          type: 'request',
          channel: 'grid-worker',
          state: 'assigned',
          level,
          complexity: 'simple',
          category: plain.documentId,
          grid: grid.documentId,
          assignedGrid: (level === 'grid' ? grid : township).documentId,
          receivedAt: new Date('2026-12-09T09:00:00+08:00'),
          dueAt: due,
          escalationCount: 0,
        },
      })
    )
  );
  // Thursday 11:00: five working hours left, more than four — neither is warned.
  expect((await sweep(new Date('2026-12-10T11:00:00+08:00'))).warned).toBe(0);
  // Thursday 14:30: three and a half left — both.
  expect((await sweep(new Date('2026-12-10T14:30:00+08:00'))).warned).toBe(2);
  for (const item of items) expect(await warnedAt(item.documentId)).toBeTruthy();
});
