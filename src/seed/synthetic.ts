/**
 * Synthetic items for benchmarks: `count` more items over the grids, categories and departments
 * already in the database, spread over the last twelve months with a realistic mixture of
 * channels, types, levels and statuses (resolution rate in the low nineties), written by the bulk
 * writer in one transaction per batch — or, for a large load on PostgreSQL, in one transaction with a
 * savepoint per batch and the secondary indexes built once at the end (deferred-indexes.ts).
 *
 * Item-events are NOT written for synthetic items: five or so per item would multiply the rows
 * (and the time) by six, and the benchmarks this serves read items. The demo county's ~600 items
 * carry full histories.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import {
  CATEGORIES,
  CHANNEL_WEIGHTS,
  COUNTY,
  TYPE_WEIGHTS,
  type CategorySpec,
  type Channel,
  type ItemType,
  type Level,
} from './anxiang';
import { BulkWriter, describeTable, GrowthAnalyzer, type BulkRow } from './bulk-writer';
import { DeferredIndexes, type RebuildReport } from './deferred-indexes';
import { DocumentIdWorker } from './document-ids';
import {
  fakeMobile,
  fakeName,
  type Satisfaction,
  type Status,
  type WorkingDays,
} from './demo-county';
import { Random } from './prng';
import { analyzeAfterBulkLoad } from './statistics';
import { minyiService } from '../minyi';
import { databaseRepository } from '../repositories/database';
import { seedReferenceRepository } from '../repositories/seed-reference';
import type { MinyiServices } from '../../plugins/minyi/dist/server/src/plugin';

type ItemIdentityService = MinyiServices['item-identity'];

export interface SyntheticOptions {
  /** Items per transaction (default 5000). */
  batchSize?: number;
  /** Called after each committed batch. */
  onProgress?: (done: number, total: number) => void;
  /** Dates are spread over the twelve months before this (default: now). */
  now?: Date;
  /** PRNG seed (default: derived from the clock). */
  seed?: number;
  /**
   * PostgreSQL: drop the secondary indexes of `items` and its link tables for the load and build
   * them once at the end, all in one transaction (default: from DEFER_INDEXES_FROM items on).
   * Ignored on SQLite.
   */
  deferIndexes?: boolean;
}

export interface SyntheticResult {
  added: number;
  batches: number;
  ms: number;
  /** The indexes built after a deferred load (PostgreSQL), and how long that took; else null. */
  indexes: RebuildReport | null;
}

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;

interface GridRef {
  id: number;
  townshipId: number | null;
  township: string;
  village: string;
  path: string;
}

interface CategoryRef {
  id: number;
  days: Record<Level, number>;
  defaultLevel: Level;
  departmentId: number | null;
  titles: readonly string[];
  details: readonly string[];
  warningOffsetHours: number;
}

interface Reference {
  grids: GridRef[];
  categories: CategoryRef[];
  departmentIds: number[];
}

const ITEM_UID = 'api::item.item';

export async function addSyntheticItems(
  strapi: Core.Strapi,
  count: number,
  options: SyntheticOptions = {}
): Promise<SyntheticResult> {
  const started = Date.now();
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`addSyntheticItems: count must be a whole number ≥ 0, got ${count}`);
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 5000));
  const now = options.now ?? new Date();
  const rng = new Random(options.seed ?? now.getTime() % 2147483647);
  const identity = minyiService(strapi, 'item-identity');
  // Deadlines from the workflow plugin's calendar (holidays and 调休), as real items' and the demo county's.
  const calendar = minyiService(strapi, 'calendar').get();
  const addWorkingDays: WorkingDays = (from, days) => calendar.addWorkingDays(from, days);
  const reference = await loadReference(strapi);

  let done = 0;
  let batches = 0;
  let indexes: RebuildReport | null = null;
  const restoreCache = await enlargeSqliteCache(strapi);
  const documentIds = new DocumentIdWorker();
  // One for the whole load: `items` (what the link tables' key checks look up) is analysed after the
  // first batch and as it doubles; on PostgreSQL from a small sample (GrowthAnalyzerOptions).
  const analyzer = new GrowthAnalyzer({
    only: new Set([describeTable(strapi.db.metadata, ITEM_UID).table]),
    light: strapi.db.dialect.client === 'postgres',
  });
  // The worker makes the next batch's document ids while this thread writes the current batch.
  const request = (size: number): Promise<string[]> | null => {
    if (size <= 0) return null;
    const pending = documentIds.take(size);
    pending.catch(() => undefined); // awaited below; this only stops an early failure being "unhandled"
    return pending;
  };
  const draw = (size: number) =>
    Array.from({ length: size }, () =>
      syntheticItem(rng, reference, identity, addWorkingDays, now)
    );
  const load = async (inTransaction: BatchTransaction) => {
    let nextIds = request(Math.min(batchSize, count));
    let rows = draw(Math.min(batchSize, count));
    while (done < count) {
      const size = rows.length;
      const ids = await (nextIds as Promise<string[]>);
      nextIds = request(Math.min(batchSize, count - done - size));
      rows.forEach((row, index) => {
        row.data.documentId = ids[index];
      });
      const batch = rows;
      const writing = writeBatch(inTransaction, batch, identity, (trx) =>
        new BulkWriter(strapi, trx, { now, analyzer }).insert(ITEM_UID, batch)
      );
      writing.catch(() => undefined); // awaited below
      // The next batch is drawn while the database writes this one.
      rows = draw(Math.min(batchSize, count - done - size));
      await writing;
      done += size;
      batches++;
      options.onProgress?.(done, count);
    }
  };
  try {
    if (deferIndexes(strapi, count, options.deferIndexes)) {
      // One transaction for the whole load, a savepoint per batch (docs: deferred-indexes.ts).
      await strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
        const deferred = await DeferredIndexes.suspend(trx, loadedTables(strapi));
        await load((work) => trx.transaction((savepoint) => work(savepoint)));
        indexes = await deferred.rebuild();
      });
    } else {
      await load((work) =>
        strapi.db.transaction(({ trx }: { trx: Knex.Transaction }) => work(trx))
      );
    }
  } finally {
    await documentIds.close();
    await restoreCache();
  }
  if (done > 0) await analyzeAfterBulkLoad(strapi, ITEM_UID);
  return { added: done, batches, ms: Date.now() - started, indexes };
}

/** Runs one batch's writes in a transaction of its own, or in a savepoint of the load's. */
type BatchTransaction = (work: (trx: Knex.Transaction) => Promise<unknown>) => Promise<unknown>;

/** From this many items on, PostgreSQL loads build the secondary indexes once, at the end. */
export const DEFER_INDEXES_FROM = 20000;

function deferIndexes(
  strapi: Core.Strapi,
  count: number,
  wanted: SyntheticOptions['deferIndexes']
): boolean {
  if (strapi.db.dialect.client !== 'postgres' || count === 0) return false;
  return wanted ?? count >= DEFER_INDEXES_FROM;
}

/** `items` and the link tables the load writes. */
function loadedTables(strapi: Core.Strapi): string[] {
  const info = describeTable(strapi.db.metadata, ITEM_UID);
  return [
    info.table,
    ...LINKED.map((name) => {
      const link = info.links.get(name);
      if (!link) throw new Error(`addSyntheticItems: ${ITEM_UID}.${name} has no link table`);
      return link.table;
    }),
  ];
}

/** The relations every synthetic item may set (see syntheticItem's links). */
const LINKED = ['grid', 'category', 'assignedGrid', 'leadDepartment'] as const;

/**
 * SQLite's default page cache (2 MB) makes every insert into the random-key indexes (document id,
 * tracking code) miss once the table passes a few hundred thousand rows; a larger cache for the
 * duration of the load keeps it fast. Connection-local, restored afterwards; PostgreSQL untouched.
 */
async function enlargeSqliteCache(strapi: Core.Strapi): Promise<() => Promise<void>> {
  const database = databaseRepository(strapi);
  const previous = await database.sqliteCacheSize();
  const wanted = -256 * 1024; // negative: KiB, i.e. 256 MB
  if (previous === null || (previous < 0 && previous <= wanted)) return async () => undefined;
  await database.sqlitePragma(`cache_size = ${wanted}`);
  return async () => {
    await database.sqlitePragma(`cache_size = ${Math.trunc(previous)}`);
  };
}

/** One transaction (or savepoint); a tracking-code collision (60 random bits: rare, not impossible) is retried. */
async function writeBatch(
  inTransaction: BatchTransaction,
  rows: BulkRow[],
  identity: ItemIdentityService,
  write: (trx: Knex.Transaction) => Promise<unknown>
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await inTransaction(write);
      return;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (attempt >= 3 || !/tracking_code|items_tracking_code_uq/i.test(message)) throw error;
      for (const row of rows) row.data.trackingCode = identity.newTrackingCode();
    }
  }
}

async function loadReference(strapi: Core.Strapi): Promise<Reference> {
  const reference = seedReferenceRepository(strapi);
  const gridRows = await reference.grids();
  const byCode = new Map(gridRows.map((grid) => [grid.code, grid]));
  const leaves = gridRows.filter((grid) => grid.level === 'grid' && grid.path);
  const usable =
    leaves.length > 0 ? leaves : gridRows.filter((grid) => grid.path && grid.level !== 'county');
  if (usable.length === 0) {
    throw new Error(
      'addSyntheticItems: there are no grids yet — load the demo county first (npm run seed)'
    );
  }
  const grids: GridRef[] = usable.map((grid) => {
    const codes = (grid.path ?? '').split('/').filter(Boolean);
    const township = codes.length > 1 ? byCode.get(codes[1]) : undefined;
    const village = codes.length > 2 ? byCode.get(codes[2]) : undefined;
    return {
      id: grid.id,
      townshipId: township?.id ?? null,
      township: township?.name ?? '',
      village: village?.name ?? grid.name,
      path: grid.path ?? '',
    };
  });

  const specs = new Map<string, CategorySpec>();
  const collect = (list: readonly CategorySpec[]) =>
    list.forEach((spec) => {
      specs.set(spec.code, spec);
      collect(spec.children ?? []);
    });
  collect(CATEGORIES);

  const categoryRows = await reference.categories();
  if (categoryRows.length === 0)
    throw new Error('addSyntheticItems: there are no categories yet — load the demo county first');
  const parents = new Set(
    categoryRows
      .map((category) => category.parent?.id)
      .filter((id): id is number => id !== undefined)
  );
  const leafCategories = categoryRows.filter((category) => !parents.has(category.id));
  const categories: CategoryRef[] = leafCategories.map((category) => {
    const spec = specs.get(category.code);
    return {
      id: category.id,
      days: {
        grid: category.gridDays ?? 3,
        township: category.townshipDays ?? 5,
        county: category.countyDays ?? 10,
      },
      defaultLevel: category.defaultLevel ?? 'grid',
      departmentId: category.defaultDepartment?.id ?? null,
      titles: spec?.titles ?? [`{place}${category.name}问题`],
      details: spec?.details ?? [`${category.name}方面的问题需要处理`],
      warningOffsetHours: category.warningOffsetHours ?? 8,
    };
  });

  return { grids, categories, departmentIds: await reference.departmentIds() };
}

type Draw<T> = ReadonlyArray<readonly [T, number]>;

const RECENT_STATUSES: Draw<Status> = [
  ['submitted', 20],
  ['accepted', 15],
  ['assigned', 15],
  ['in-progress', 45],
  ['rejected', 5],
];
const WEEK_STATUSES: Draw<Status> = [
  ['in-progress', 22],
  ['escalated', 3],
  ['extended', 3],
  ['returned', 1],
  ['reopened', 1],
  ['resolved', 40],
  ['closed', 28],
  ['rejected', 2],
];
/** Older items: handled ≈ 91 / 97.5 accepted ≈ 93 %, like the county's own figures. */
const OLD_STATUSES: Draw<Status> = [
  ['closed', 76],
  ['resolved', 15],
  ['in-progress', 3.5],
  ['extended', 1],
  ['reopened', 1],
  ['returned', 1],
  ['rejected', 2.5],
];
const LEVEL_BY_DEFAULT: Record<Level, Draw<Level>> = {
  grid: [
    ['grid', 70],
    ['township', 25],
    ['county', 5],
  ],
  township: [
    ['grid', 35],
    ['township', 55],
    ['county', 10],
  ],
  county: [
    ['grid', 10],
    ['township', 35],
    ['county', 55],
  ],
};
const SATISFACTION: Draw<Satisfaction> = [
  ['very-satisfied', 52],
  ['satisfied', 33],
  ['basically-satisfied', 11],
  ['dissatisfied', 4],
];
const COMPLEXITY: Draw<'simple' | 'complex' | 'multi-department'> = [
  ['simple', 60],
  ['complex', 30],
  ['multi-department', 10],
];

function syntheticItem(
  rng: Random,
  reference: Reference,
  identity: ItemIdentityService,
  addWorkingDays: WorkingDays,
  now: Date
): BulkRow {
  const nowMs = now.getTime();
  const grid = rng.pick(reference.grids);
  const category = rng.pick(reference.categories);
  const channel: Channel = rng.weighted(CHANNEL_WEIGHTS);
  const type: ItemType = rng.weighted(TYPE_WEIGHTS);
  const age = rng.between(5 * MINUTE, YEAR);
  const receivedAt = nowMs - age;
  let status: Status = rng.weighted(
    age < DAY ? RECENT_STATUSES : age < 10 * DAY ? WEEK_STATUSES : OLD_STATUSES
  );
  let level: Level = rng.weighted(LEVEL_BY_DEFAULT[category.defaultLevel]);
  // Old items still open have been escalated to the county and flagged there.
  if (age >= 10 * DAY && (status === 'in-progress' || status === 'reopened')) level = 'county';
  if (status === 'escalated' && level === 'grid') level = 'township';
  if (status === 'submitted' || status === 'rejected') level = 'grid';

  let acceptedAt: number | null = null;
  let escalatedAt: number | null = null;
  let escalationCount = 0;
  let dueAt: number | null = null;
  let warnedAt: number | null = null;
  let overdueFlaggedAt: number | null = null;
  let resolvedAt: number | null = null;
  let closedAt: number | null = null;
  let callbackAt: number | null = null;
  let satisfaction: Satisfaction | null = null;
  let callbackSolved: boolean | null = null;

  if (status !== 'submitted' && status !== 'rejected') {
    acceptedAt = receivedAt + rng.between(5 * MINUTE, 2 * HOUR);
    if (acceptedAt >= nowMs - MINUTE) {
      status = 'submitted';
      level = 'grid';
      acceptedAt = null;
    }
  }
  if (acceptedAt !== null) {
    if (level !== 'grid' && (status === 'escalated' || rng.chance(0.08))) {
      const at = acceptedAt + rng.between(2 * HOUR, 36 * HOUR);
      if (at < nowMs - MINUTE) {
        escalatedAt = at;
        escalationCount = level === 'county' && rng.chance(0.2) ? 2 : 1;
      } else if (status === 'escalated') status = 'in-progress';
    } else if (status === 'escalated') status = 'in-progress';

    dueAt = addWorkingDays(new Date(escalatedAt ?? receivedAt), category.days[level]).getTime();
    if (status === 'extended')
      dueAt = addWorkingDays(new Date(dueAt), rng.pick([3, 5, 10])).getTime();

    if (status === 'resolved' || status === 'closed') {
      const start = escalatedAt ?? acceptedAt;
      const late = level === 'county' && rng.chance(0.08) ? rng.between(4 * HOUR, 3 * DAY) : 0;
      resolvedAt =
        late > 0 && dueAt + late < nowMs - MINUTE
          ? dueAt + late
          : start + rng.between(0.1, 0.95) * (Math.min(dueAt, nowMs - MINUTE) - start);
      if (status === 'closed') {
        const close = resolvedAt + rng.between(4 * HOUR, 3 * DAY);
        if (close < nowMs - MINUTE) {
          closedAt = close;
          callbackAt = close - rng.between(MINUTE, 2 * HOUR);
          satisfaction = rng.chance(0.88) ? rng.weighted(SATISFACTION) : null;
          callbackSolved = satisfaction === null ? null : satisfaction !== 'dissatisfied';
        } else status = 'resolved';
      }
    } else if (status !== 'returned' && status !== 'escalated') {
      const warnAt = dueAt - category.warningOffsetHours * HOUR;
      if (warnAt < nowMs) warnedAt = warnAt;
      if (dueAt < nowMs && level === 'county') overdueFlaggedAt = dueAt + 3 * MINUTE;
    }
  }

  const owned = acceptedAt !== null && status !== 'accepted';
  const departmentId =
    category.departmentId ??
    (reference.departmentIds.length > 0 ? rng.pick(reference.departmentIds) : null);
  const textIndex = rng.int(0, category.titles.length - 1);
  const group = rng.int(1, 12);
  const anonymous = rng.chance(0.08);
  const date = (value: number | null) => (value === null ? null : new Date(value));
  const last = Math.max(
    receivedAt,
    acceptedAt ?? 0,
    escalatedAt ?? 0,
    resolvedAt ?? 0,
    closedAt ?? 0
  );

  return {
    data: {
      trackingCode: identity.newTrackingCode(),
      title: category.titles[textIndex].replace('{place}', grid.village),
      content: `${grid.township}${grid.village}${group}组群众反映:${category.details[textIndex % category.details.length]}。`,
      type,
      channel,
      submitterName: anonymous ? null : fakeName(rng),
      submitterPhone: fakeMobile(rng),
      anonymous,
      address: `${COUNTY.name}${grid.township}${grid.village}${group}组`,
      latitude: Math.round((COUNTY.latitude + rng.between(-0.18, 0.18)) * 1e6) / 1e6,
      longitude: Math.round((COUNTY.longitude + rng.between(-0.2, 0.2)) * 1e6) / 1e6,
      gridPath: grid.path,
      level,
      state: status,
      complexity:
        level === 'county' ? rng.weighted(COMPLEXITY) : rng.chance(0.7) ? 'simple' : 'complex',
      receivedAt: new Date(receivedAt),
      dueAt: date(dueAt),
      warnedAt: date(warnedAt),
      overdueFlaggedAt: date(overdueFlaggedAt),
      escalationCount,
      acceptedAt: date(acceptedAt),
      resolvedAt: date(resolvedAt),
      closedAt: date(closedAt),
      resolution: resolvedAt !== null ? '已按时限办结并答复反映人。' : null,
      satisfaction,
      callbackSolved,
      callbackAt: date(callbackAt),
      createdAt: new Date(receivedAt),
      updatedAt: new Date(last),
      publishedAt: new Date(receivedAt),
    },
    links: {
      grid: grid.id,
      category: category.id,
      assignedGrid:
        owned && level === 'grid'
          ? grid.id
          : owned && level === 'township'
            ? grid.townshipId
            : null,
      leadDepartment: owned && level === 'county' ? departmentId : null,
    },
  };
}
