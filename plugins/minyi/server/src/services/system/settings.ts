import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type {
  CalendarStatus,
  CategoryLimits,
  CategoryLimitsInput,
  CategoryLimitsRow,
  SettingsChange,
  SettingsFieldProblem,
  SettingsOverview,
  SettingsSectionName,
  SettingsSections,
} from '../../../../shared/settings';
import type { MinyiConfig } from '../../config';
import { CHINA_HOLIDAY_ARRANGEMENTS } from '../../domain/holidays-cn';
import { calendarStatus } from '../../domain/calendar-status';
import {
  SETTINGS_SECTION_NAMES,
  isSettingsSectionName,
  parseCategoryLimits,
  parseSection,
  type SettingsContext,
} from '../../domain/settings-schema';
import { effectiveSettings, settingsFromConfig } from '../../domain/settings-merge';
import { minyiService } from '../../plugin';
import { settingsRepository } from '../../repositories/settings';

export { SETTING_UID, SETTINGS_CHANGE_UID } from '../../repositories/settings';
/** The row whose revision is the settings' current revision (see content-types/setting). */
const REVISION_SECTION = '_revision';
const CATEGORY_LIMIT_FIELDS = [
  'gridDays',
  'townshipDays',
  'countyDays',
  'urgentHours',
  'warningOffsetHours',
  'gridWarningOffsetHours',
  'townshipWarningOffsetHours',
  'countyWarningOffsetHours',
] as const;

/** The administrator making a change, as Strapi's admin auth puts it on ctx.state.user. */
export interface SettingsActor {
  id?: number;
  email?: string | null;
  firstname?: string | null;
  lastname?: string | null;
}

interface AppliedState {
  revision: number;
  stored: Partial<SettingsSections>;
  effective: SettingsSections;
}

function validationError(problems: SettingsFieldProblem[]): errors.ValidationError {
  const first = problems[0];
  const summary = first
    ? `${first.messageZh} / ${first.message}${problems.length > 1 ? ` (+${problems.length - 1})` : ''}`
    : '设置有误 / invalid settings';
  return new errors.ValidationError(summary, { errors: problems });
}

function clone<Value>(value: Value): Value {
  return JSON.parse(JSON.stringify(value)) as Value;
}

function actorName(actor: SettingsActor | undefined): string | null {
  const name = [actor?.firstname, actor?.lastname].filter(Boolean).join(' ').trim();
  return name.length > 0 ? name : null;
}

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/**
 * The county's settings: environment defaults overlaid by the sections stored in the database.
 *
 * Applying a change on every instance: each instance polls the settings revision (one indexed row)
 * every `settings.pollMs` and, when it moved, reloads the sections and applies them — the plugin
 * configuration's timezone / audit / jobs values are replaced by the effective ones (so every
 * reader of `plugin.config(...)` sees them), the working calendar is rebuilt, the jobs are
 * rescheduled and the stats cache dropped. The instance that made a change applies it before it
 * answers. Why polling rather than a per-request check: docs/decisions.md.
 */
const settings = ({ strapi }: { strapi: Core.Strapi }) => {
  // The configuration as loaded from config/plugins.ts and the environment: the defaults.
  const base = clone({
    timezone: strapi.config.get('plugin::minyi.timezone') as string,
    jobs: strapi.config.get('plugin::minyi.jobs') as MinyiConfig['jobs'],
    audit: strapi.config.get('plugin::minyi.audit') as MinyiConfig['audit'],
  });
  const defaults: SettingsSections = settingsFromConfig(base);
  let state: AppliedState | null = null;
  let timer: NodeJS.Timeout | null = null;
  let applying: Promise<boolean> | null = null;

  const calendar = () => minyiService(strapi, 'calendar');
  const jobs = () => minyiService(strapi, 'jobs');
  const repository = settingsRepository(strapi, REVISION_SECTION);

  function context(): SettingsContext {
    return { jobNames: jobs().names(), builtInYears: calendar().builtInYears() };
  }

  async function readRevision(): Promise<number> {
    return repository.readRevision();
  }

  async function loadStored(): Promise<Partial<SettingsSections>> {
    const rows = await repository.sections(SETTINGS_SECTION_NAMES);
    const stored: Partial<Record<SettingsSectionName, unknown>> = {};
    for (const row of rows) {
      if (!isSettingsSectionName(row.section)) continue;
      // A stored section that no longer validates (a job renamed by an upgrade) falls back to the default.
      const parsed = parseSection(context(), row.section, parseJson(row.value));
      if (parsed.ok) stored[row.section] = parsed.value;
      else
        strapi.log.warn(
          `[minyi settings] stored section ${row.section} is no longer valid (${parsed.problems
            .map((p) => p.message)
            .join('; ')}); using the default`
        );
    }
    return stored as Partial<SettingsSections>;
  }

  /** Puts the effective settings where the app reads them, and redoes what depends on them. */
  async function applyEffective(effective: SettingsSections): Promise<void> {
    strapi.config.set('plugin::minyi.timezone', effective.jobs.timezone);
    strapi.config.set('plugin::minyi.jobs', { ...base.jobs, schedules: effective.jobs.schedules });
    strapi.config.set('plugin::minyi.audit', {
      ...base.audit,
      minSample: effective.metrics.minSample,
      thresholds: { ...base.audit.thresholds, ...effective.metrics.thresholds },
      sampling: effective.spotCheck,
      reportRecipients: effective.notifications.reportRecipients,
    });
    calendar().rebuild(effective.calendar.years);
    // The kept answers were counted under the old settings (minimum sample, thresholds, zone):
    // dropped on every instance that applies the change, as this runs there on its next poll.
    minyiService(strapi, 'stats').clearCache();
    minyiService(strapi, 'dashboard').clearCache();
    await jobs().reschedule();
  }

  /** Applies the stored settings when their revision moved since the last look; true when it did. */
  async function refresh(): Promise<boolean> {
    // One refresh at a time: the poll and a write on this instance may meet.
    while (applying) await applying.catch(() => undefined);
    applying = (async () => {
      const revision = await readRevision();
      if (state && state.revision === revision) return false;
      const stored = await loadStored();
      const effective = effectiveSettings(defaults, stored);
      await applyEffective(effective);
      state = { revision, stored, effective };
      return true;
    })();
    try {
      return await applying;
    } finally {
      applying = null;
    }
  }

  function current(): AppliedState {
    return state ?? { revision: 0, stored: {}, effective: defaults };
  }

  /** Raises the revision in the transaction `trx` and answers the new one. */
  async function nextRevision(trx: Core.Strapi['db']['connection']): Promise<number> {
    return repository.nextRevision(trx);
  }

  async function recordChange(change: {
    section: string;
    target?: string | null;
    targetLabel?: string | null;
    oldValue: unknown;
    newValue: unknown;
    actor?: SettingsActor;
    revision?: number | null;
  }): Promise<void> {
    await repository.recordChange({
      section: change.section,
      target: change.target ?? null,
      targetLabel: change.targetLabel ?? null,
      oldValue: change.oldValue ?? null,
      newValue: change.newValue ?? null,
      changedById: change.actor?.id ?? null,
      changedByEmail: change.actor?.email ?? null,
      changedByName: actorName(change.actor),
      changedAt: new Date(),
      revision: change.revision ?? null,
    });
  }

  /** Stores a section (or removes it: back to the default) with its log row, then applies it. */
  async function store(
    section: SettingsSectionName,
    value: SettingsSections[SettingsSectionName] | null,
    actor: SettingsActor | undefined
  ): Promise<void> {
    await refresh();
    const oldValue = current().effective[section];
    await strapi.db.transaction(async ({ trx }) => {
      const revision = await nextRevision(trx);
      await repository.storeSection(section, value, revision);
      await recordChange({
        section,
        oldValue,
        newValue: value ?? defaults[section],
        actor,
        revision,
      });
    });
    const timezoneBefore = current().effective.jobs.timezone;
    await refresh();
    // The stats' day cells are local days: another zone puts items on other days.
    if (current().effective.jobs.timezone !== timezoneBefore)
      await minyiService(strapi, 'stats-aggregate').refresh({ full: true });
  }

  function requireSection(name: string): SettingsSectionName {
    if (!isSettingsSectionName(name)) {
      throw new errors.NotFoundError(
        `没有名为 ${name} 的设置 / no settings section "${name}" (known: ${SETTINGS_SECTION_NAMES.join(', ')})`
      );
    }
    return name;
  }

  function status(now: Date = new Date()): CalendarStatus {
    const { effective } = current();
    return calendarStatus(
      now,
      effective.jobs.timezone,
      calendar().builtInYears(),
      Object.keys(effective.calendar.years).map(Number)
    );
  }

  return {
    /** Reads and applies the stored settings, then polls for changes (bootstrap). */
    async start(): Promise<void> {
      await refresh();
      const pollMs = (strapi.config.get('plugin::minyi.settings') as { pollMs: number }).pollMs;
      timer = setInterval(() => {
        refresh().catch((error: unknown) =>
          strapi.log.warn(
            `[minyi settings] could not check for changes: ${error instanceof Error ? error.message : String(error)}`
          )
        );
      }, pollMs);
      timer.unref();
    },

    stop(): void {
      if (timer) clearInterval(timer);
      timer = null;
    },

    refresh,

    /** The settings in force on this instance. */
    effective(): SettingsSections {
      return current().effective;
    },

    revision(): number {
      return current().revision;
    },

    async overview(now: Date = new Date()): Promise<SettingsOverview> {
      await refresh();
      const { effective, stored, revision } = current();
      return {
        effective,
        defaults,
        stored: SETTINGS_SECTION_NAMES.filter((name) => stored[name] !== undefined),
        revision,
        builtInCalendar: clone(CHINA_HOLIDAY_ARRANGEMENTS) as SettingsOverview['builtInCalendar'],
        calendarStatus: status(now),
        jobNames: jobs().names(),
        jobs: jobs().definitions(),
      };
    },

    /** Validates and stores one section; a bad value is a 400 naming each field, nothing stored. */
    async update(sectionName: string, input: unknown, actor?: SettingsActor): Promise<void> {
      const section = requireSection(sectionName);
      const parsed = parseSection(context(), section, input);
      if (!parsed.ok) throw validationError(parsed.problems);
      await store(section, parsed.value, actor);
    },

    /** Removes a stored section: the environment's default is in force again. */
    async reset(sectionName: string, actor?: SettingsActor): Promise<void> {
      await store(requireSection(sectionName), null, actor);
    },

    calendarStatus: status,

    async categories(): Promise<CategoryLimitsRow[]> {
      const rows = (await repository.categories([
        'name',
        'code',
        ...CATEGORY_LIMIT_FIELDS,
      ])) as unknown as Array<CategoryLimitsRow>;
      return rows.map((row) => ({
        documentId: row.documentId,
        name: row.name,
        code: row.code,
        gridDays: row.gridDays,
        townshipDays: row.townshipDays,
        countyDays: row.countyDays,
        urgentHours: row.urgentHours ?? null,
        warningOffsetHours: row.warningOffsetHours,
        gridWarningOffsetHours: row.gridWarningOffsetHours ?? null,
        townshipWarningOffsetHours: row.townshipWarningOffsetHours ?? null,
        countyWarningOffsetHours: row.countyWarningOffsetHours ?? null,
      }));
    },

    /**
     * A category's time limits, changed with a log row in one transaction. Items read their
     * category's limits when a deadline is set, so nothing is cached and every instance follows.
     */
    async updateCategory(
      documentId: string,
      input: unknown,
      actor?: SettingsActor
    ): Promise<CategoryLimitsRow> {
      const parsed = parseCategoryLimits(input);
      if (!parsed.ok) throw validationError(parsed.problems);
      const given: CategoryLimitsInput = parsed.value;
      return strapi.db.transaction(async () => {
        const found = (await repository.category(documentId, [
          'name',
          'code',
          ...CATEGORY_LIMIT_FIELDS,
        ])) as unknown as CategoryLimitsRow | null;
        if (!found) throw new errors.NotFoundError(`没有该事项分类 / no category ${documentId}`);
        const oldValue = Object.fromEntries(
          CATEGORY_LIMIT_FIELDS.map((field) => [field, found[field] ?? null])
        );
        // A per-level offset left out of the request keeps its stored value.
        const limits: CategoryLimits = {
          ...given,
          gridWarningOffsetHours:
            given.gridWarningOffsetHours === undefined
              ? (found.gridWarningOffsetHours ?? null)
              : given.gridWarningOffsetHours,
          townshipWarningOffsetHours:
            given.townshipWarningOffsetHours === undefined
              ? (found.townshipWarningOffsetHours ?? null)
              : given.townshipWarningOffsetHours,
          countyWarningOffsetHours:
            given.countyWarningOffsetHours === undefined
              ? (found.countyWarningOffsetHours ?? null)
              : given.countyWarningOffsetHours,
        };
        await repository.updateCategory(documentId, limits as unknown as Record<string, unknown>);
        await recordChange({
          section: 'category',
          target: documentId,
          targetLabel: `${found.name} (${found.code})`,
          oldValue,
          newValue: limits,
          actor,
        });
        return { documentId, name: found.name, code: found.code, ...limits };
      });
    },

    async changes(
      options: { section?: string; limit?: number; offset?: number } = {}
    ): Promise<{ results: SettingsChange[]; total: number }> {
      const where = options.section ? { section: options.section } : {};
      const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
      const [rows, total] = await repository.changes(where, {
        limit,
        offset: Math.max(options.offset ?? 0, 0),
      });
      return {
        total,
        results: rows.map((row) => ({
          id: Number(row.id),
          section: String(row.section),
          target: typeof row.target === 'string' ? row.target : null,
          targetLabel: typeof row.targetLabel === 'string' ? row.targetLabel : null,
          oldValue: parseJson(row.oldValue),
          newValue: parseJson(row.newValue),
          changedBy: {
            id:
              row.changedById === null || row.changedById === undefined
                ? null
                : Number(row.changedById),
            email: typeof row.changedByEmail === 'string' ? row.changedByEmail : null,
            name: typeof row.changedByName === 'string' ? row.changedByName : null,
          },
          changedAt: new Date(String(row.changedAt)).toISOString(),
        })),
      };
    },
  };
};

export type SettingsService = ReturnType<typeof settings>;

export default settings;
