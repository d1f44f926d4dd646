/**
 * The demo county as plain data: grids, departments, staff, categories, ~600 items and their
 * histories. Pure and deterministic: the same `now` and `seed` give the same county, and every
 * date is relative to `now`. No Strapi here; src/seed/index.ts writes the result.
 *
 * What the writer adds at write time (it needs the running app): each grid's materialised path
 * (the plugin's grid-tree service), each item's tracking code (item-identity service) and gridPath.
 */
import {
  ASKS,
  CATEGORIES,
  CHANNEL_LABELS,
  CHANNEL_WEIGHTS,
  COORDINATOR_DEPARTMENT,
  COUNTY,
  CPPCC_DEPARTMENT,
  DEPARTMENTS,
  GIVEN_NAME_CHARS,
  MOBILE_PREFIXES,
  PEOPLE_CONGRESS_DEPARTMENT,
  RESOLUTIONS,
  SURNAMES,
  TOWNSHIPS,
  TYPE_WEIGHTS,
  VILLAGE_STEMS,
  type CategorySpec,
  type Channel,
  type DepartmentKind,
  type ItemType,
  type Level,
  type Open311AttributeSpec,
} from './anxiang';
import { Random } from './prng';

export type { Channel, ItemType, Level } from './anxiang';

// The workflow's words are the plugin domain's, as the plugin build publishes their types.
import type { GridLevel } from '../../plugins/minyi/dist/server/src/domain/structure-import/labels';
import type {
  Complexity,
  ItemEventType as EventType,
  ItemStatus as Status,
  StaffRole,
} from '../../plugins/minyi/dist/server/src/domain/vocabulary';
import type { Satisfaction } from '../../plugins/minyi/dist/server/src/domain/metrics';

export type { Complexity, EventType, GridLevel, Satisfaction, StaffRole, Status };

export interface DemoGrid {
  code: string;
  name: string;
  level: GridLevel;
  parentCode: string | null;
}

export interface DemoDepartment {
  code: string;
  name: string;
  kind: DepartmentKind;
  contactEmail: string;
}

export interface DemoStaff {
  key: string;
  name: string;
  phone: string;
  email: string;
  role: StaffRole;
  gridCode: string | null;
  departmentCode: string | null;
  active: boolean;
}

export interface DemoCategory {
  code: string;
  name: string;
  parentCode: string | null;
  defaultLevel: Level;
  defaultDepartmentCode: string;
  gridDays: number;
  townshipDays: number;
  countyDays: number;
  urgentHours: number | null;
  warningOffsetHours: number;
  gridWarningOffsetHours: number | null;
  townshipWarningOffsetHours: number | null;
  countyWarningOffsetHours: number | null;
  /** Leaves are Open311 services under their own code; roots are their groups. */
  open311ServiceCode: string | null;
  open311Keywords: string | null;
  open311Attributes: readonly Open311AttributeSpec[] | null;
}

export interface DemoEvent {
  type: EventType;
  fromStatus: Status | null;
  toStatus: Status | null;
  fromLevel: Level | null;
  toLevel: Level | null;
  actorKey: string | null;
  actorLabel: string;
  note: string | null;
  at: Date;
}

export interface DemoItem {
  /** 0-based, in order of receipt; the writer inserts in this order. */
  key: number;
  title: string;
  content: string;
  type: ItemType;
  categoryCode: string;
  channel: Channel;
  submitterName: string | null;
  submitterPhone: string | null;
  anonymous: boolean;
  address: string;
  latitude: number;
  longitude: number;
  gridCode: string;
  level: Level;
  status: Status;
  complexity: Complexity;
  firstResponderKey: string | null;
  assignedGridCode: string | null;
  leadDepartmentCode: string | null;
  coDepartmentCodes: string[];
  leadLeaderKey: string | null;
  receivedAt: Date;
  dueAt: Date | null;
  warnedAt: Date | null;
  overdueFlaggedAt: Date | null;
  escalationCount: number;
  acceptedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  resolution: string | null;
  satisfaction: Satisfaction | null;
  callbackSolved: boolean | null;
  callbackAt: Date | null;
  callbackNote: string | null;
  duplicateOfKey: number | null;
  events: DemoEvent[];
}

export interface DemoCounty {
  countyCode: string;
  grids: DemoGrid[];
  departments: DemoDepartment[];
  staff: DemoStaff[];
  categories: DemoCategory[];
  items: DemoItem[];
}

/**
 * How the ~600 demo items end up, chosen so that the county's figures match the seed reference:
 * 577 accepted ("received"), 541 of them resolved or closed ("handled"): 93.76 %.
 */
export const DEMO_STATUS_QUOTA: ReadonlyArray<readonly [Status, number]> = [
  ['closed', 443],
  ['resolved', 98],
  ['in-progress', 14],
  ['assigned', 5],
  ['accepted', 3],
  ['escalated', 4],
  ['extended', 4],
  ['returned', 2],
  ['reopened', 4],
  ['submitted', 14],
  ['rejected', 9],
];

export const DEMO_SEED = 430721;

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const CST_OFFSET = 8 * HOUR;

const LEVEL_ORDER: readonly Level[] = ['grid', 'township', 'county'];
const GRID_ORDINALS = ['一', '二', '三', '四'];
const ROLE_LABELS: Readonly<Record<StaffRole, string>> = {
  instructor: '网格指导员',
  'grid-head': '网格长',
  'grid-member': '网格员',
  'neighbour-head': '邻长',
  volunteer: '志愿者',
  liaison: '部门联络员',
  'township-officer': '乡镇民意专干',
  'county-coordinator': '县委社会工作部',
  leader: '县级领导',
};

/** Root categories' share of the intake. */
const ROOT_WEIGHTS: Readonly<Record<string, number>> = {
  '01': 12,
  '02': 14,
  '03': 10,
  '04': 14,
  '05': 12,
  '06': 6,
  '07': 6,
  '08': 12,
  '09': 6,
  '10': 8,
};

export function fakeName(rng: Random): string {
  const given = rng.chance(0.35)
    ? rng.pick(GIVEN_NAME_CHARS)
    : rng.pick(GIVEN_NAME_CHARS) + rng.pick(GIVEN_NAME_CHARS);
  return rng.pick(SURNAMES) + given;
}

export function fakeMobile(rng: Random): string {
  let digits = rng.pick(MOBILE_PREFIXES);
  while (digits.length < 11) digits += String(rng.int(0, 9));
  return digits;
}

function pad3(n: number): string {
  return String(n).padStart(3, '0');
}

/** Index of the generated structure, for the item generator. */
interface Structure {
  /** The deadline rule: the n-th working day after `from` (see `WorkingDays`). */
  addWorkingDays: WorkingDays;
  townships: Array<{ grid: DemoGrid; spec: (typeof TOWNSHIPS)[number]; villages: Village[] }>;
  staffByGridRole: Map<string, DemoStaff[]>;
  staffByDepartment: Map<string, DemoStaff[]>;
  leaders: DemoStaff[];
  coordinators: DemoStaff[];
  leafCategories: Array<{ spec: CategorySpec; category: DemoCategory; weight: number }>;
  categories: Map<string, DemoCategory>;
  departments: DemoDepartment[];
}

interface Village {
  grid: DemoGrid;
  community: boolean;
  latitude: number;
  longitude: number;
  leaves: DemoGrid[];
}

/** Adds working days to an instant; the app passes the workflow plugin's calendar (holidays, 调休). */
export type WorkingDays = (from: Date, workingDays: number) => Date;

/**
 * The generator's stand-in when no calendar is given (it is pure: no app, no plugin): Monday to
 * Friday in Asia/Shanghai, no holidays. The app always passes the plugin's calendar instead
 * (src/seed/index.ts, synthetic.ts), so no stored item has a deadline from this.
 */
function weekdaysOnly(from: Date, workingDays: number): Date {
  let time = from.getTime();
  let remaining = Math.max(0, Math.floor(workingDays));
  while (remaining > 0) {
    time += DAY;
    const weekday = new Date(time + CST_OFFSET).getUTCDay();
    if (weekday !== 0 && weekday !== 6) remaining--;
  }
  return new Date(time);
}

export function generateDemoCounty(
  now: Date,
  seed: number = DEMO_SEED,
  addWorkingDays: WorkingDays = weekdaysOnly
): DemoCounty {
  const rng = new Random(seed);
  const grids: DemoGrid[] = [];
  const staff: DemoStaff[] = [];
  const staffByGridRole = new Map<string, DemoStaff[]>();
  const staffByDepartment = new Map<string, DemoStaff[]>();

  const addStaff = (
    key: string,
    role: StaffRole,
    gridCode: string | null,
    departmentCode: string | null,
    email: string
  ) => {
    const person: DemoStaff = {
      key,
      name: fakeName(rng),
      phone: fakeMobile(rng),
      email: `${email}@example.invalid`,
      role,
      gridCode,
      departmentCode,
      active: true,
    };
    staff.push(person);
    if (gridCode) {
      const list = staffByGridRole.get(`${gridCode}|${role}`) ?? [];
      list.push(person);
      staffByGridRole.set(`${gridCode}|${role}`, list);
    }
    if (departmentCode) {
      const list = staffByDepartment.get(departmentCode) ?? [];
      list.push(person);
      staffByDepartment.set(departmentCode, list);
    }
    return person;
  };

  // Departments.
  const departments: DemoDepartment[] = DEPARTMENTS.map((spec) => ({
    code: spec.code,
    name: spec.name,
    kind: spec.kind,
    contactEmail: `${spec.code.toLowerCase()}@example.invalid`,
  }));

  // The grid tree: county > township > village/community > grid.
  const county: DemoGrid = {
    code: COUNTY.code,
    name: COUNTY.name,
    level: 'county',
    parentCode: null,
  };
  grids.push(county);
  const leaders = [1, 2, 3].map((n) =>
    addStaff(`leader-${n}`, 'leader', county.code, null, `leader${n}`)
  );
  const coordinators = [1, 2, 3].map((n) =>
    addStaff(
      `coordinator-${n}`,
      'county-coordinator',
      null,
      COORDINATOR_DEPARTMENT,
      `shgzb.coordinator${n}`
    )
  );

  const stems = rng.shuffle(VILLAGE_STEMS);
  let stemIndex = 0;
  const townships: Structure['townships'] = [];
  TOWNSHIPS.forEach((spec, t) => {
    const code = `${COUNTY.code}${pad3(101 + t)}`;
    const township: DemoGrid = {
      code,
      name: spec.name,
      level: 'township',
      parentCode: county.code,
    };
    grids.push(township);
    for (const n of [1, 2])
      addStaff(`${code}-officer-${n}`, 'township-officer', code, null, `t${code}.officer${n}`);

    const villages: Village[] = [];
    const isTown = spec.name.endsWith('镇');
    const communities = t === 0 ? 2 : isTown ? 1 : 0;
    for (let v = 1; v <= spec.villages; v++) {
      const community = v <= communities;
      const villageCode = `${code}${pad3(v)}`;
      const villageGrid: DemoGrid = {
        code: villageCode,
        name: `${stems[stemIndex++ % stems.length]}${community ? '社区' : '村'}`,
        level: 'village',
        parentCode: code,
      };
      grids.push(villageGrid);
      const village: Village = {
        grid: villageGrid,
        community,
        latitude: COUNTY.latitude + spec.dLat + rng.between(-0.02, 0.02),
        longitude: COUNTY.longitude + spec.dLng + rng.between(-0.02, 0.02),
        leaves: [],
      };
      const leafCount = community ? rng.int(3, 4) : rng.int(2, 3);
      for (let g = 1; g <= leafCount; g++) {
        const gridCode = `${villageCode}-0${g}`;
        const leaf: DemoGrid = {
          code: gridCode,
          name: `${villageGrid.name}第${GRID_ORDINALS[g - 1]}网格`,
          level: 'grid',
          parentCode: villageCode,
        };
        grids.push(leaf);
        village.leaves.push(leaf);
        // 1 + 1 + 1 + N: instructor, grid head, grid member, N neighbour heads / volunteers.
        const mail = `g${gridCode}`;
        addStaff(`${gridCode}-instructor`, 'instructor', gridCode, null, `${mail}.instructor`);
        addStaff(`${gridCode}-head`, 'grid-head', gridCode, null, `${mail}.head`);
        addStaff(`${gridCode}-member`, 'grid-member', gridCode, null, `${mail}.member`);
        const neighbourHeads = rng.int(1, 3);
        for (let n = 1; n <= neighbourHeads; n++) {
          addStaff(
            `${gridCode}-neighbour-${n}`,
            'neighbour-head',
            gridCode,
            null,
            `${mail}.neighbour${n}`
          );
        }
        const volunteers = rng.int(0, 2);
        for (let n = 1; n <= volunteers; n++) {
          const volunteer = addStaff(
            `${gridCode}-volunteer-${n}`,
            'volunteer',
            gridCode,
            null,
            `${mail}.volunteer${n}`
          );
          volunteer.active = rng.chance(0.9);
        }
      }
      villages.push(village);
    }
    townships.push({ grid: township, spec, villages });
  });

  // One or two liaisons per unit (the coordinators already staff the social work department).
  for (const department of departments) {
    if (department.code === COORDINATOR_DEPARTMENT) continue;
    const count = department.kind === 'county-department' && rng.chance(0.3) ? 2 : 1;
    for (let n = 1; n <= count; n++) {
      addStaff(
        `${department.code}-liaison-${n}`,
        'liaison',
        null,
        department.code,
        `${department.code.toLowerCase()}.liaison${n}`
      );
    }
  }

  // Categories.
  const categories: DemoCategory[] = [];
  const categoryMap = new Map<string, DemoCategory>();
  const leafCategories: Structure['leafCategories'] = [];
  const toCategory = (spec: CategorySpec, parentCode: string | null): DemoCategory => ({
    code: spec.code,
    name: spec.name,
    parentCode,
    defaultLevel: spec.defaultLevel,
    defaultDepartmentCode: spec.department,
    gridDays: spec.days[0],
    townshipDays: spec.days[1],
    countyDays: spec.days[2],
    urgentHours: spec.urgentHours ?? null,
    warningOffsetHours: spec.warningOffsetHours ?? (spec.days[0] <= 1 ? 4 : 8),
    gridWarningOffsetHours: spec.levelWarningOffsetHours?.grid ?? null,
    townshipWarningOffsetHours: spec.levelWarningOffsetHours?.township ?? null,
    countyWarningOffsetHours: spec.levelWarningOffsetHours?.county ?? null,
    open311ServiceCode: parentCode === null ? null : spec.code,
    open311Keywords: spec.open311?.keywords ?? null,
    open311Attributes: spec.open311?.attributes ?? null,
  });
  for (const root of CATEGORIES) {
    const rootCategory = toCategory(root, null);
    categories.push(rootCategory);
    categoryMap.set(root.code, rootCategory);
    const children = root.children ?? [];
    for (const child of children) {
      const category = toCategory(child, root.code);
      categories.push(category);
      categoryMap.set(child.code, category);
      leafCategories.push({
        spec: child,
        category,
        weight: (ROOT_WEIGHTS[root.code] ?? 5) / children.length,
      });
    }
  }

  const structure: Structure = {
    addWorkingDays,
    townships,
    staffByGridRole,
    staffByDepartment,
    leaders,
    coordinators,
    leafCategories,
    categories: categoryMap,
    departments,
  };

  // Items: statuses by quota, shuffled, then each one's history simulated.
  const statuses = rng.shuffle(
    DEMO_STATUS_QUOTA.flatMap(([status, count]) => Array<Status>(count).fill(status))
  );
  const generated = statuses.map((status) => generateItem(rng, structure, status, now));
  generated.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
  generated.forEach((item, index) => {
    item.key = index;
  });
  linkDuplicates(generated);

  return { countyCode: county.code, grids, departments, staff, categories, items: generated };
}

/** Rejected-as-duplicate items point at an earlier item of the same category and share its title. */
function linkDuplicates(items: DemoItem[]): void {
  for (const item of items) {
    if (
      item.status !== 'rejected' ||
      !item.events.some((event) => event.type === 'duplicate-linked')
    )
      continue;
    const candidates = items.filter(
      (other) =>
        other.key < item.key &&
        other.categoryCode === item.categoryCode &&
        other.status !== 'rejected'
    );
    const earlier =
      candidates.length > 0
        ? candidates[candidates.length - 1]
        : items.find((other) => other.key < item.key && other.status !== 'rejected');
    if (!earlier) {
      // Nothing earlier to point at: it becomes an out-of-scope rejection instead.
      item.events = item.events.filter((event) => event.type !== 'duplicate-linked');
      continue;
    }
    item.duplicateOfKey = earlier.key;
    item.title = earlier.title;
  }
}

function daysFor(category: DemoCategory, level: Level): number {
  return level === 'grid'
    ? category.gridDays
    : level === 'township'
      ? category.townshipDays
      : category.countyDays;
}

function levelAbove(level: Level): Level {
  return LEVEL_ORDER[Math.min(LEVEL_ORDER.indexOf(level) + 1, LEVEL_ORDER.length - 1)];
}

/** A moment `ageMin`..`ageMax` ms before `now`, moved to daytime (07:30–21:30 CST) mostly, fewer at weekends. */
function receivedBefore(rng: Random, now: Date, ageMin: number, ageMax: number): Date {
  let time = now.getTime() - rng.between(ageMin, ageMax);
  for (let attempt = 0; attempt < 4; attempt++) {
    const weekday = new Date(time + CST_OFFSET).getUTCDay();
    if ((weekday !== 0 && weekday !== 6) || rng.chance(0.5)) break;
    time = now.getTime() - rng.between(ageMin, ageMax);
  }
  if (rng.chance(0.9)) {
    const dayStart = Math.floor((time + CST_OFFSET) / DAY) * DAY - CST_OFFSET;
    const daytime = dayStart + rng.between(7.5 * HOUR, 21.5 * HOUR);
    if (daytime <= now.getTime() - ageMin && daytime >= now.getTime() - ageMax) time = daytime;
  }
  return new Date(Math.floor(time / 1000) * 1000);
}

/** Calendar time, roughly, of `workingDays` working days. */
function calendarMs(workingDays: number): number {
  return ((workingDays * 7) / 5) * DAY;
}

/**
 * Ages (ms before now) at which an item with this final status is plausible; `finalDays` is its
 * time limit at its final level, `extensionDays` the extension it got, if any.
 */
function ageRange(
  status: Status,
  rng: Random,
  finalDays: number,
  extensionDays: number
): [number, number] {
  switch (status) {
    case 'submitted':
      return [20 * MINUTE, 30 * HOUR];
    case 'accepted':
      return [1 * HOUR, 6 * HOUR];
    case 'assigned':
      return [2 * HOUR, 16 * HOUR];
    case 'returned':
      return [4 * HOUR, 2 * DAY];
    case 'in-progress':
      return [10 * HOUR, Math.max(20 * HOUR, calendarMs(finalDays) - DAY)];
    case 'escalated':
      return [12 * HOUR, 6 * DAY];
    case 'extended':
      return [0.7 * calendarMs(finalDays), calendarMs(finalDays) + calendarMs(extensionDays)];
    case 'reopened':
      return [2 * DAY, calendarMs(finalDays) + 3 * DAY];
    case 'resolved':
      return rng.chance(0.35)
        ? [1 * DAY, Math.max(20 * DAY, 2 * calendarMs(finalDays))]
        : [2 * DAY, 182 * DAY];
    default:
      return [2 * DAY, 182 * DAY];
  }
}

interface Draws {
  acceptDelay: number;
  assignDelay: number;
  startDelay: number;
  manualEscalationDelay: number[];
  reassignDelay: number[];
  restartDelay: number[];
  resolveFraction: number;
  resolveFraction2: number;
  countyLateMs: number | null;
  extension: { leadMs: number; approveMs: number; days: number } | null;
  callbackDelay: number;
  closeDelay: number;
  reopenDelay: number;
  rejectDelay: number;
  returnDelay: number;
  satisfaction: Satisfaction | null;
}

function drawDelays(rng: Random, escalations: number, status: Status, extension: boolean): Draws {
  const satisfaction = rng.chance(0.88)
    ? rng.weighted<Satisfaction>([
        ['very-satisfied', 52],
        ['satisfied', 33],
        ['basically-satisfied', 11],
        ['dissatisfied', 4],
      ])
    : null;
  return {
    acceptDelay: rng.between(5 * MINUTE, 2 * HOUR),
    assignDelay: rng.between(5 * MINUTE, 1 * HOUR),
    startDelay: rng.between(10 * MINUTE, 4 * HOUR),
    manualEscalationDelay: Array.from({ length: escalations }, () =>
      rng.between(2 * HOUR, 36 * HOUR)
    ),
    reassignDelay: Array.from({ length: escalations }, () => rng.between(15 * MINUTE, 3 * HOUR)),
    restartDelay: Array.from({ length: escalations }, () => rng.between(10 * MINUTE, 3 * HOUR)),
    resolveFraction: rng.between(0.08, 0.85),
    resolveFraction2: rng.between(0.1, 0.8),
    countyLateMs:
      status === 'resolved' || status === 'closed'
        ? rng.chance(0.12)
          ? rng.between(4 * HOUR, 3 * DAY)
          : null
        : null,
    extension: extension
      ? {
          leadMs: rng.between(8 * HOUR, 30 * HOUR),
          approveMs: rng.between(1 * HOUR, 6 * HOUR),
          days: rng.pick([3, 5, 5, 10]),
        }
      : null,
    callbackDelay: rng.between(4 * HOUR, 3 * DAY),
    closeDelay: rng.between(10 * MINUTE, 20 * HOUR),
    reopenDelay: rng.between(10 * MINUTE, 3 * HOUR),
    rejectDelay: rng.between(30 * MINUTE, 8 * HOUR),
    returnDelay: rng.between(1 * HOUR, 20 * HOUR),
    satisfaction,
  };
}

const OPEN_STATUSES: ReadonlySet<Status> = new Set<Status>([
  'accepted',
  'assigned',
  'in-progress',
  'escalated',
  'extended',
  'reopened',
]);

interface ItemPlan {
  status: Status;
  channel: Channel;
  category: DemoCategory;
  initialLevel: Level;
  escalations: number;
  overdueEscalations: boolean;
  duplicate: boolean;
  reopenInHistory: boolean;
  grid: DemoGrid;
  township: DemoGrid;
  firstResponder: DemoStaff | null;
  leadDepartmentCode: string;
  coDepartmentCodes: string[];
  leader: DemoStaff | null;
  draws: Draws;
  resolutionText: Record<Level, string>;
  rejectReason: string;
}

function generateItem(rng: Random, structure: Structure, status: Status, now: Date): DemoItem {
  const townshipEntry = rng.weighted(
    structure.townships.map((entry) => [entry, entry.spec.weight] as const)
  );
  const village = rng.pick(townshipEntry.villages);
  const grid = rng.pick(village.leaves);
  const leaf = rng.weighted(
    structure.leafCategories.map((entry) => [entry, entry.weight] as const)
  );
  const category = leaf.category;
  const channel = rng.weighted(CHANNEL_WEIGHTS);
  const type = rng.weighted(TYPE_WEIGHTS);
  const complexity = rng.weighted<Complexity>([
    ['simple', 60],
    ['complex', 28],
    ['multi-department', 12],
  ]);

  // 小事不出村、一般事不出乡、大事不出县: most items stay at grid or township level.
  let initialLevel: Level;
  if (complexity === 'multi-department') initialLevel = 'county';
  else if (complexity === 'simple') {
    initialLevel =
      category.defaultLevel === 'grid'
        ? 'grid'
        : category.defaultLevel === 'township'
          ? rng.chance(0.75)
            ? 'grid'
            : 'township'
          : rng.weighted<Level>([
              ['grid', 30],
              ['township', 45],
              ['county', 25],
            ]);
  } else {
    initialLevel =
      category.defaultLevel === 'grid'
        ? rng.chance(0.5)
          ? 'grid'
          : 'township'
        : category.defaultLevel === 'township'
          ? rng.chance(0.85)
            ? 'township'
            : 'county'
          : rng.chance(0.45)
            ? 'township'
            : 'county';
  }

  let escalations = 0;
  if (status === 'escalated') {
    if (initialLevel === 'county') initialLevel = 'township';
    escalations = initialLevel === 'grid' && rng.chance(0.25) ? 2 : 1;
  } else if (
    status !== 'returned' &&
    status !== 'submitted' &&
    status !== 'rejected' &&
    status !== 'accepted' &&
    status !== 'assigned'
  ) {
    if (initialLevel === 'grid' && rng.chance(0.03)) escalations = 2;
    else if (initialLevel !== 'county' && rng.chance(0.11)) escalations = 1;
  }

  const leadDepartmentCode = category.defaultDepartmentCode;
  const countyDepartments = structure.departments.filter(
    (department) =>
      department.kind === 'county-department' && department.code !== leadDepartmentCode
  );
  const coDepartmentCodes =
    complexity === 'multi-department'
      ? rng.sample(countyDepartments, rng.int(1, 2)).map((department) => department.code)
      : [];
  const reachesCounty = LEVEL_ORDER.indexOf(initialLevel) + escalations >= 2;
  const leader =
    reachesCounty && (complexity === 'multi-department' ? rng.chance(0.4) : rng.chance(0.15))
      ? rng.pick(structure.leaders)
      : null;

  const firstResponder = pickFirstResponder(
    rng,
    structure,
    channel,
    grid.code,
    townshipEntry.grid.code,
    leadDepartmentCode
  );
  const extension =
    status === 'extended' || ((status === 'resolved' || status === 'closed') && rng.chance(0.04));
  const finalLevel = LEVEL_ORDER[Math.min(LEVEL_ORDER.indexOf(initialLevel) + escalations, 2)];

  const template = leaf.spec;
  const place = village.grid.name;
  const titles = template.titles ?? [`{place}${category.name}问题`];
  const details = template.details ?? [`${category.name}方面存在问题`];
  const textIndex = rng.int(0, titles.length - 1);
  const title = titles[textIndex].replace('{place}', place);
  const detail = details[textIndex % details.length];
  const anonymous = rng.chance(0.08);
  const resident = anonymous
    ? '群众'
    : rng.pick(['村民', '居民', '群众', '老党员', '退役军人', '个体户']);
  const group = rng.int(1, 12);
  const content = `${townshipEntry.grid.name}${place}${village.community ? `${group}栋` : `${group}组`}${resident}反映:${detail}。${rng.pick(ASKS)}`;
  const address = village.community
    ? `${COUNTY.name}${townshipEntry.grid.name}${place}${rng.pick(['书院路', '安康路', '沿河大道', '人民路', '文化街'])}${rng.int(1, 260)}号`
    : `${COUNTY.name}${townshipEntry.grid.name}${place}${group}组`;

  const plan: ItemPlan = {
    status,
    channel,
    category,
    initialLevel,
    escalations,
    overdueEscalations: false,
    duplicate: status === 'rejected' && rng.chance(0.5),
    reopenInHistory: status === 'closed' && rng.chance(0.025),
    grid,
    township: townshipEntry.grid,
    firstResponder,
    leadDepartmentCode,
    coDepartmentCodes,
    leader,
    draws: drawDelays(rng, escalations, status, extension),
    resolutionText: {
      grid: rng.pick(RESOLUTIONS.grid),
      township: rng.pick(RESOLUTIONS.township),
      county: rng.pick(RESOLUTIONS.county),
    },
    rejectReason: rng.pick([
      '诉求属于司法诉讼范围,已告知通过法律途径解决',
      '反映事项不属于受理范围,已向反映人解释说明',
      '信息不全且无法联系反映人',
    ]),
  };

  // Find a receipt time at which the whole history fits before `now` and no open item sits past a
  // deadline the escalation sweep would already have acted on.
  let history: History | null = null;
  let receivedAt = now;
  const [ageMin, ageMax] = ageRange(
    status,
    rng,
    daysFor(category, finalLevel),
    plan.draws.extension?.days ?? 0
  );
  const handled = status === 'resolved' || status === 'closed' || status === 'rejected';
  for (let attempt = 0; attempt < 300 && !history; attempt++) {
    // Later attempts widen the range: older for handled items, both ways for open ones.
    const [low, high] =
      attempt < 100
        ? [ageMin, ageMax]
        : handled
          ? [2 * DAY, 182 * DAY]
          : [ageMin / 2, ageMax * 1.5];
    receivedAt = receivedBefore(rng, now, low, high);
    // Old items escalate because they ran out of time; recent ones mostly because they are complex.
    plan.overdueEscalations = now.getTime() - receivedAt.getTime() > 45 * DAY && rng.chance(0.6);
    if (attempt > 0) plan.draws = drawDelays(rng, escalations, status, extension);
    history = simulate(plan, structure, receivedAt, now);
  }
  if (!history) {
    // Not seen for the demo's ranges (checked over a year of `now`s); keeps the data consistent anyway.
    plan.status = 'submitted';
    receivedAt = new Date(now.getTime() - HOUR);
    history = simulate(plan, structure, receivedAt, now);
    if (!history) throw new Error('demo county: could not place an item in time');
  }

  return {
    key: -1,
    title,
    content,
    type,
    categoryCode: category.code,
    channel,
    submitterName: anonymous ? null : fakeName(rng),
    submitterPhone: fakeMobile(rng),
    anonymous,
    address,
    latitude: round6(village.latitude + rng.between(-0.006, 0.006)),
    longitude: round6(village.longitude + rng.between(-0.006, 0.006)),
    gridCode: grid.code,
    complexity,
    firstResponderKey: firstResponder?.key ?? null,
    duplicateOfKey: null,
    receivedAt,
    ...history,
  };
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function pickFirstResponder(
  rng: Random,
  structure: Structure,
  channel: Channel,
  gridCode: string,
  townshipCode: string,
  departmentCode: string
): DemoStaff | null {
  const one = (list: DemoStaff[] | undefined) => (list && list.length > 0 ? rng.pick(list) : null);
  switch (channel) {
    case 'grid-worker':
      return one(structure.staffByGridRole.get(`${gridCode}|grid-member`));
    case 'door-to-door':
      return rng.chance(0.5)
        ? one(structure.staffByGridRole.get(`${townshipCode}|township-officer`))
        : one(structure.staffByGridRole.get(`${gridCode}|grid-head`));
    case 'social-organisation':
      return (
        one(structure.staffByGridRole.get(`${gridCode}|volunteer`)) ??
        one(structure.staffByGridRole.get(`${gridCode}|neighbour-head`))
      );
    case 'deputy-station':
      return one(structure.staffByDepartment.get(PEOPLE_CONGRESS_DEPARTMENT));
    case 'cppcc-cloud':
      return one(structure.staffByDepartment.get(CPPCC_DEPARTMENT));
    case 'department':
      return (
        one(structure.staffByDepartment.get(departmentCode)) ?? rng.pick(structure.coordinators)
      );
    default:
      // Hotlines, the website and Open311 are registered by the county coordinators.
      return rng.pick(structure.coordinators);
  }
}

/** Everything about an item that follows from its history. */
type History = Pick<
  DemoItem,
  | 'level'
  | 'status'
  | 'assignedGridCode'
  | 'leadDepartmentCode'
  | 'coDepartmentCodes'
  | 'leadLeaderKey'
  | 'dueAt'
  | 'warnedAt'
  | 'overdueFlaggedAt'
  | 'escalationCount'
  | 'acceptedAt'
  | 'resolvedAt'
  | 'closedAt'
  | 'resolution'
  | 'satisfaction'
  | 'callbackSolved'
  | 'callbackAt'
  | 'callbackNote'
  | 'events'
>;

function label(person: DemoStaff | null | undefined, fallback: string): string {
  if (!person) return fallback;
  return `${ROLE_LABELS[person.role]} ${person.name}`;
}

/**
 * Plays an item's life forward from `receivedAt` to its planned final status, with the escalation
 * sweep's warnings and overdue flags where they fall. Returns null when the history does not fit
 * before `now`, or when an open grid/township item would be past its deadline (the sweep would
 * have escalated it): the caller then tries another receipt time.
 */
function simulate(
  plan: ItemPlan,
  structure: Structure,
  receivedAt: Date,
  now: Date
): History | null {
  const { draws, category } = plan;
  const nowMs = now.getTime();
  const events: DemoEvent[] = [];
  const system = (what: string) => `系统(${what})`;
  const coordinator = structure.coordinators[0];
  const gridHead = structure.staffByGridRole.get(`${plan.grid.code}|grid-head`)?.[0] ?? null;
  const gridMember = structure.staffByGridRole.get(`${plan.grid.code}|grid-member`)?.[0] ?? null;
  const officers = structure.staffByGridRole.get(`${plan.township.code}|township-officer`) ?? [];
  const liaison = (code: string) => structure.staffByDepartment.get(code)?.[0] ?? null;

  let t = receivedAt.getTime();
  let status: Status = 'submitted';
  let level: Level = plan.initialLevel;
  let due: number | null = null;
  let warnedAt: number | null = null;
  let warnedFor: number | null = null;
  let flaggedAt: number | null = null;
  let flaggedFor: number | null = null;
  let escalationCount = 0;
  let acceptedAt: number | null = null;
  let resolvedAt: number | null = null;
  let closedAt: number | null = null;
  let resolution: string | null = null;
  let satisfaction: Satisfaction | null = null;
  let callbackSolved: boolean | null = null;
  let callbackAt: number | null = null;
  let callbackNote: string | null = null;
  let assignedGridCode: string | null = null;
  let leadDepartmentCode: string | null = null;
  let coDepartmentCodes: string[] = [];
  let leadLeaderKey: string | null = null;
  let valid = true;

  const emit = (
    type: EventType,
    at: number,
    toStatus: Status | null,
    actor: DemoStaff | null,
    actorLabel: string,
    note: string | null = null,
    levels: { from: Level | null; to: Level | null } = { from: null, to: null }
  ) => {
    const previous = events.length > 0 ? events[events.length - 1].at.getTime() : 0;
    const when = Math.max(at, previous + MINUTE);
    events.push({
      type,
      fromStatus: toStatus && type !== 'created' ? status : null,
      toStatus,
      fromLevel: levels.from,
      toLevel: levels.to,
      actorKey: actor?.key ?? null,
      actorLabel,
      note,
      at: new Date(when),
    });
    if (toStatus) status = toStatus;
    t = when;
  };

  const handler = (): DemoStaff | null =>
    level === 'grid'
      ? gridMember
      : level === 'township'
        ? (officers[1] ?? officers[0] ?? null)
        : liaison(leadDepartmentCode ?? plan.leadDepartmentCode);

  /** The escalation sweep between the last event and `to`: a warning, an overdue flag at county level. */
  const sweepUntil = (to: number) => {
    if (due === null || !OPEN_STATUSES.has(status) || status === 'escalated') return;
    // The level's own offset where the category sets one (domain/deadlines effectiveLimits).
    const offsetHours =
      (level === 'grid'
        ? category.gridWarningOffsetHours
        : level === 'township'
          ? category.townshipWarningOffsetHours
          : category.countyWarningOffsetHours) ?? category.warningOffsetHours;
    const warnAt = due - offsetHours * HOUR;
    if (warnedFor !== due && warnAt > t && warnAt <= to && warnAt < nowMs) {
      warnedFor = due;
      warnedAt = warnAt + 2 * MINUTE;
      emit('warned', warnedAt, null, null, system('催办'), `距办理时限不足${offsetHours}小时`);
    }
    if (due < to && due < nowMs) {
      if (level !== 'county') {
        valid = false;
        return;
      }
      if (flaggedFor !== due) {
        flaggedFor = due;
        flaggedAt = due + 3 * MINUTE;
        emit(
          'overdue-flagged',
          flaggedAt,
          null,
          null,
          system('超期标记'),
          '县级办理超期,已提请领办领导督办并列入通报'
        );
      }
    }
  };

  const assignOwners = () => {
    if (level === 'county') {
      assignedGridCode = null;
      leadDepartmentCode = plan.leadDepartmentCode;
      coDepartmentCodes = plan.coDepartmentCodes;
      leadLeaderKey = plan.leader?.key ?? null;
    } else {
      assignedGridCode = level === 'grid' ? plan.grid.code : plan.township.code;
    }
  };
  const unitName = (): string => {
    if (level === 'grid') return plan.grid.name;
    if (level === 'township') return plan.township.name;
    const department = structure.departments.find((d) => d.code === plan.leadDepartmentCode);
    return department?.name ?? '县直部门';
  };
  const assigner = (): DemoStaff | null =>
    level === 'grid' ? gridHead : level === 'township' ? (officers[0] ?? null) : coordinator;

  const finish = (): History | null => {
    sweepUntil(nowMs);
    if (!valid) return null;
    if (events.some((event) => event.at.getTime() >= nowMs - MINUTE)) return null;
    const date = (value: number | null) => (value === null ? null : new Date(value));
    return {
      level,
      status,
      assignedGridCode,
      leadDepartmentCode,
      coDepartmentCodes,
      leadLeaderKey,
      dueAt: date(due),
      warnedAt: date(warnedAt),
      overdueFlaggedAt: date(flaggedAt),
      escalationCount,
      acceptedAt: date(acceptedAt),
      resolvedAt: date(resolvedAt),
      closedAt: date(closedAt),
      resolution,
      satisfaction,
      callbackSolved,
      callbackAt: date(callbackAt),
      callbackNote,
      events,
    };
  };

  const responder = plan.firstResponder;
  const intakeLabel = responder ? label(responder, '') : '群众自助提交';
  emit(
    'created',
    t,
    'submitted',
    responder,
    intakeLabel,
    `收集渠道:${CHANNEL_LABELS[plan.channel]}`
  );
  if (plan.status === 'submitted') {
    level = 'grid';
    // Like every submission (services/public-submission.ts), a new item has its deadline at once.
    due = structure.addWorkingDays(receivedAt, daysFor(category, level)).getTime();
    return finish();
  }
  if (plan.status === 'rejected') {
    level = 'grid';
    const rejecter = responder ?? coordinator;
    if (plan.duplicate) {
      emit(
        'rejected',
        t + draws.rejectDelay,
        'rejected',
        rejecter,
        label(rejecter, ''),
        '重复反映,已并入原事项办理'
      );
      emit('duplicate-linked', t + 2 * MINUTE, null, rejecter, label(rejecter, ''), '关联原事项');
    } else {
      emit(
        'rejected',
        t + draws.rejectDelay,
        'rejected',
        rejecter,
        label(rejecter, ''),
        plan.rejectReason
      );
    }
    return finish();
  }

  // Accepted: routed to its level; the deadline runs from receipt.
  const acceptor = responder ?? coordinator;
  emit(
    'accepted',
    t + draws.acceptDelay,
    'accepted',
    acceptor,
    label(acceptor, ''),
    `首问负责,按${levelName(level)}办理`,
    {
      from: null,
      to: level,
    }
  );
  acceptedAt = t;
  due = structure.addWorkingDays(receivedAt, daysFor(category, level)).getTime();
  if (plan.status === 'accepted') return finish();

  assignOwners();
  emit(
    'assigned',
    t + draws.assignDelay,
    'assigned',
    assigner(),
    label(assigner(), '县委社会工作部'),
    `交办至${unitName()}`,
    {
      from: null,
      to: level,
    }
  );
  if (plan.status === 'assigned') return finish();
  if (plan.status === 'returned') {
    emit(
      'returned',
      t + draws.returnDelay,
      'returned',
      handler(),
      label(handler(), unitName()),
      '非本单位职责,申请退回重新分派'
    );
    return finish();
  }

  sweepUntil(t + draws.startDelay);
  emit(
    'started',
    t + draws.startDelay,
    'in-progress',
    handler(),
    label(handler(), unitName()),
    '已联系反映人,开始办理'
  );

  for (let e = 0; e < plan.escalations; e++) {
    const from = level;
    const to = levelAbove(level);
    if (plan.overdueEscalations && due !== null && due > t) {
      sweepUntil(due);
      if (!valid) return null;
      emit(
        'escalated',
        due + 4 * MINUTE,
        'escalated',
        null,
        system('超时自动上报'),
        '超过办理时限未办结,自动上报上一级',
        {
          from,
          to,
        }
      );
    } else {
      const limit = due !== null ? due - HOUR : t + draws.manualEscalationDelay[e];
      const at = Math.min(t + draws.manualEscalationDelay[e], limit);
      sweepUntil(at);
      emit(
        'escalated',
        at,
        'escalated',
        handler(),
        label(handler(), unitName()),
        '情况复杂,需上级协调办理',
        { from, to }
      );
    }
    level = to;
    escalationCount++;
    due = structure.addWorkingDays(new Date(t), daysFor(category, level)).getTime();
    if (plan.status === 'escalated' && e === plan.escalations - 1) return finish();
    assignOwners();
    emit(
      'assigned',
      t + draws.reassignDelay[e],
      'assigned',
      assigner(),
      label(assigner(), '县委社会工作部'),
      `交办至${unitName()}`,
      {
        from: null,
        to: level,
      }
    );
    sweepUntil(t + draws.restartDelay[e]);
    emit(
      'started',
      t + draws.restartDelay[e],
      'in-progress',
      handler(),
      label(handler(), unitName()),
      '已接手办理'
    );
  }

  if (draws.extension && due !== null) {
    const requestAt = Math.max(t + HOUR, due - draws.extension.leadMs);
    if (requestAt >= due - 10 * MINUTE) return null;
    sweepUntil(requestAt);
    emit(
      'extension-requested',
      requestAt,
      null,
      handler(),
      label(handler(), unitName()),
      '需协调资金和施工队伍,申请延期办理'
    );
    const approveAt = Math.min(t + draws.extension.approveMs, due - 5 * MINUTE);
    sweepUntil(approveAt);
    const approver = level === 'county' ? coordinator : (officers[0] ?? coordinator);
    emit(
      'extended',
      approveAt,
      'extended',
      approver,
      label(approver, ''),
      `同意延期${draws.extension.days}个工作日`
    );
    due = structure.addWorkingDays(new Date(due), draws.extension.days).getTime();
    if (plan.status === 'extended') return finish();
  }

  if (plan.status === 'in-progress') {
    return finish();
  }

  const resolveOnce = (fraction: number) => {
    if (due === null) return;
    const late = level === 'county' && draws.countyLateMs !== null;
    const at = late
      ? due + (draws.countyLateMs ?? 0)
      : t + Math.max(20 * MINUTE, fraction * (due - t));
    sweepUntil(at);
    resolution = plan.resolutionText[level];
    emit('resolved', at, 'resolved', handler(), label(handler(), unitName()), resolution);
    resolvedAt = t;
  };
  resolveOnce(draws.resolveFraction);

  if (plan.reopenInHistory || plan.status === 'reopened') {
    emit(
      'callback',
      t + draws.callbackDelay,
      null,
      coordinator,
      label(coordinator, ''),
      '回访:反映人表示问题未彻底解决,不满意'
    );
    callbackAt = t;
    callbackSolved = false;
    satisfaction = 'dissatisfied';
    callbackNote = '反映人表示问题未彻底解决';
    emit(
      'reopened',
      t + draws.reopenDelay,
      'reopened',
      coordinator,
      label(coordinator, ''),
      '群众不满意,重新交办'
    );
    resolvedAt = null;
    resolution = null;
    due = structure.addWorkingDays(new Date(t), daysFor(category, level)).getTime();
    warnedFor = null;
    if (plan.status === 'reopened') return finish();
    emit(
      'started',
      t + draws.startDelay,
      'in-progress',
      handler(),
      label(handler(), unitName()),
      '重新办理'
    );
    resolveOnce(draws.resolveFraction2);
    satisfaction = null;
    callbackSolved = null;
    callbackNote = null;
  }
  if (plan.status === 'resolved') return finish();

  const rated = draws.satisfaction;
  const callbackText =
    rated === null
      ? '三次回访未接通,按规定办结'
      : rated === 'dissatisfied'
        ? '反映人对结果不满意,诉求超出政策范围,已解释说明'
        : '回访:反映人表示问题已解决';
  emit(
    'callback',
    t + draws.callbackDelay,
    null,
    coordinator,
    label(coordinator, ''),
    callbackText
  );
  callbackAt = t;
  satisfaction = rated;
  callbackSolved = rated === null ? null : rated !== 'dissatisfied';
  callbackNote = callbackText;
  emit('closed', t + draws.closeDelay, 'closed', coordinator, label(coordinator, ''), '办结归档');
  closedAt = t;
  return finish();
}

function levelName(level: Level): string {
  return level === 'grid' ? '网格' : level === 'township' ? '乡镇' : '县级';
}
