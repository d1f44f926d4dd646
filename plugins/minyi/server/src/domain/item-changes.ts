import type { WorkingCalendar } from './calendar';
import { type CategoryTimeLimits, dueAtFor, extendDueAt } from './deadlines';
import { DUE_CHANGE_RESETS } from './escalation';
import type { AnyActionInput } from './action-input';
import { type Refusal, refuse } from './result';
import type { Action, TransitionAllowed } from './state-machine';
import type { ItemStatus, Level } from './vocabulary';

/** The item fields the workflow reads, as on the item content type. */
export interface WorkflowItem {
  readonly status: ItemStatus;
  readonly level: Level;
  readonly dueAt: Date | null;
  readonly receivedAt: Date | null;
  readonly escalationCount: number;
  readonly extensionRequest: ExtensionRequestRecord | null;
}

export interface ExtensionRequestRecord {
  readonly reason: string;
  readonly workingDays?: number;
  readonly until?: string;
  readonly requestedAt: string;
}

/** Scalar item fields an action writes (relations are the shell's: grid, departments, duplicate). */
export interface ItemFieldChanges {
  status: ItemStatus;
  level?: Level;
  dueAt?: Date;
  receivedAt?: Date;
  acceptedAt?: Date;
  resolvedAt?: Date | null;
  closedAt?: Date | null;
  resolution?: string;
  escalationCount?: number;
  warnedAt?: null;
  overdueFlaggedAt?: null;
  extensionPending?: boolean;
  extensionRequest?: ExtensionRequestRecord | null;
}

export type ChangeRefusalCode =
  'REASON_REQUIRED' | 'INVALID_EXTENSION' | 'NOT_LATER_THAN_DUE' | 'NO_DEADLINE';

export type ItemChange =
  | { readonly ok: true; readonly fields: ItemFieldChanges; readonly eventNote: string | null }
  | Refusal<ChangeRefusalCode>;

interface Context {
  readonly now: Date;
  readonly calendar: WorkingCalendar;
  readonly limits: CategoryTimeLimits;
}

/**
 * The field changes of an allowed action. Every change of the deadline also clears the warning
 * and the overdue flag, so the new deadline is warned about and flagged on its own.
 */
export function itemChangesFor(
  action: Action,
  allowed: TransitionAllowed,
  item: WorkflowItem,
  input: AnyActionInput,
  { now, calendar, limits }: Context
): ItemChange {
  const base: ItemFieldChanges = { status: allowed.to };
  const field = <K extends string>(key: K): string | undefined => {
    const value = (input as Partial<Record<K, unknown>>)[key];
    return typeof value === 'string' ? value : undefined;
  };
  const freshDeadline = (level: Level) => ({
    dueAt: dueAtFor(calendar, limits, level, now),
    ...DUE_CHANGE_RESETS,
  });

  switch (action) {
    case 'accept':
      return done(
        {
          ...base,
          acceptedAt: now,
          ...(item.receivedAt === null ? { receivedAt: now } : {}),
          ...(item.dueAt === null ? freshDeadline(item.level) : {}),
        },
        field('note')
      );
    case 'assign':
    case 'start':
    case 'close':
      return done(action === 'close' ? { ...base, closedAt: now } : base, field('note'));
    case 'resolve':
      return done({ ...base, resolution: field('reply'), resolvedAt: now }, null);
    case 'return':
    case 'reject':
    case 'reject-extension':
      return done(
        action === 'reject-extension'
          ? { ...base, extensionPending: false, extensionRequest: null }
          : base,
        field('reason')
      );
    case 'request-extension': {
      if (item.dueAt === null)
        return refuse(
          'NO_DEADLINE',
          '事项尚无办理时限,无需延期',
          'The item has no deadline to extend'
        );
      const request = input as { reason: string; workingDays?: number; until?: Date };
      const check = extendDueAt(calendar, {
        currentDueAt: item.dueAt,
        extension: request.until
          ? { until: request.until }
          : { workingDays: request.workingDays ?? 0 },
        reason: request.reason,
      });
      if (!check.ok) return check;
      const record: ExtensionRequestRecord = {
        reason: request.reason,
        ...(request.workingDays === undefined ? {} : { workingDays: request.workingDays }),
        ...(request.until === undefined ? {} : { until: request.until.toISOString() }),
        requestedAt: now.toISOString(),
      };
      return done({ ...base, extensionPending: true, extensionRequest: record }, request.reason);
    }
    case 'approve-extension': {
      const record = item.extensionRequest;
      if (item.dueAt === null || record === null) {
        return refuse(
          'INVALID_EXTENSION',
          '没有可批准的延期申请',
          'There is no extension request to approve'
        );
      }
      const check = extendDueAt(calendar, {
        currentDueAt: item.dueAt,
        extension: record.until
          ? { until: new Date(record.until) }
          : { workingDays: record.workingDays ?? 0 },
        reason: record.reason,
      });
      if (!check.ok) return check;
      return done(
        {
          ...base,
          dueAt: check.dueAt,
          ...DUE_CHANGE_RESETS,
          extensionPending: false,
          extensionRequest: null,
        },
        field('note') ?? record.reason
      );
    }
    case 'escalate':
      return done(
        {
          ...base,
          level: allowed.toLevel,
          escalationCount: item.escalationCount + 1,
          ...freshDeadline(allowed.toLevel),
        },
        field('reason')
      );
    case 'reopen':
      return done(
        { ...base, resolvedAt: null, closedAt: null, ...freshDeadline(item.level) },
        field('reason')
      );
    case 'link-duplicate':
      return done(base, field('note') ?? null);
    case 'supervise':
      return done(base, field('note'));
  }
}

function done(fields: ItemFieldChanges, note: string | null | undefined): ItemChange {
  return { ok: true, fields, eventNote: note ?? null };
}
