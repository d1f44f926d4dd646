'use strict';
const { minyiService } = require('../../scripts/lib/minyi');

/**
 * The naive contender: what a straightforward implementation of the sweep on the Document Service
 * would do. Page through the overdue items (state active, dueAt < now, not paused) 100 at a time
 * with their category, then for each one call the plugin's own per-item rule, decideSweepAction,
 * with the plugin's working calendar and the category's limits (the configured defaults where the
 * category leaves them empty, as the sweep does), and write what it decided: the item through
 * `documents('api::item.item').update` and its history entry through
 * `documents('api::item-event.item-event').create` — one transaction per item, so an item never
 * moves without its event.
 *
 * It does less than the sweep: no new assigned grid and no notifications. The ratio it yields is
 * therefore a lower bound of the sweep's advantage.
 */
const ITEM = 'api::item.item';
const ITEM_EVENT = 'api::item-event.item-event';
const SYSTEM_ACTOR = '系统(超期巡检)';
const NOTES = {
  escalated: '超过办理时限,自动上报上一级',
  'overdue-flagged': '县级办理超期,提请领办领导关注并纳入通报',
  warned: '临近办理时限,催办',
};

const date = (value) => (value === null || value === undefined ? null : new Date(value));

/** `budgetMs`: stop (aborted: true) once the run is on course to take longer (checked every 250 items from 500 on). */
async function naiveSweep(
  strapi,
  now,
  domain,
  { statusField = 'state', pageSize = 100, onProgress, budgetMs = Infinity } = {}
) {
  const started = Date.now();
  const calendar = minyiService(strapi, 'calendar').get();
  const defaults = minyiService(strapi, 'calendar').defaultLimits();
  const items = strapi.documents(ITEM);
  const events = strapi.documents(ITEM_EVENT);

  const candidates = [];
  for (let start = 0; ; start += pageSize) {
    const page = await items.findMany({
      filters: {
        [statusField]: { $in: domain.ACTIVE_STATUSES },
        dueAt: { $lt: now },
        pausedAt: { $null: true },
      },
      populate: ['category'],
      sort: 'id:asc',
      limit: pageSize,
      start,
    });
    candidates.push(...page);
    if (page.length < pageSize) break;
  }
  const loadedMs = Date.now() - started;

  const counts = { escalated: 0, 'overdue-flagged': 0, warned: 0, none: 0 };
  let done = 0;
  for (const item of candidates) {
    const category = item.category ?? {};
    const limits = {
      gridDays: category.gridDays ?? defaults.gridDays,
      townshipDays: category.townshipDays ?? defaults.townshipDays,
      countyDays: category.countyDays ?? defaults.countyDays,
      urgentHours: category.urgentHours ?? null,
      warningOffsetHours: category.warningOffsetHours ?? defaults.warningOffsetHours,
    };
    const decision = domain.decideSweepAction(
      {
        status: item[statusField],
        level: item.level,
        dueAt: date(item.dueAt),
        warnedAt: date(item.warnedAt),
        overdueFlaggedAt: date(item.overdueFlaggedAt),
        escalationCount: item.escalationCount ?? 0,
        pausedAt: date(item.pausedAt),
      },
      limits,
      now,
      calendar
    );
    if (decision.kind === 'none') {
      counts.none++;
    } else {
      let data;
      if (decision.kind === 'escalate') {
        // The rule speaks of `status`; the item type stores it as `state` (docs/decisions.md).
        const { status, ...changes } = decision.changes;
        data = { ...changes, [statusField]: status };
      } else
        data = decision.kind === 'flag-overdue' ? { overdueFlaggedAt: now } : { warnedAt: now };
      const fromStatus = item[statusField];
      const toLevel = decision.kind === 'escalate' ? decision.changes.level : item.level;
      const toStatus = decision.kind === 'escalate' ? decision.changes.status : fromStatus;
      await strapi.db.transaction(async () => {
        await items.update({ documentId: item.documentId, data });
        await events.create({
          data: {
            item: item.documentId,
            type: decision.event,
            fromStatus,
            toStatus,
            fromLevel: item.level,
            toLevel,
            actorLabel: SYSTEM_ACTOR,
            note: NOTES[decision.event],
            at: now,
          },
        });
      });
      counts[decision.event]++;
    }
    done++;
    if (done % 250 === 0) {
      const elapsed = Date.now() - started;
      onProgress?.(done, candidates.length, elapsed);
      const projected = loadedMs + ((elapsed - loadedMs) / done) * candidates.length;
      if (done >= 500 && projected > budgetMs) {
        return { aborted: true, done, total: candidates.length, loadedMs, ms: elapsed, counts };
      }
    }
  }
  return {
    aborted: false,
    done,
    total: candidates.length,
    loadedMs,
    ms: Date.now() - started,
    counts,
  };
}

module.exports = { naiveSweep };
