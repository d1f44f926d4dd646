import { z } from 'zod';
import type { InputProblem } from './action-input';
import { STATUS_LABELS_ZH } from './labels';
import { type Refusal, refuse } from './result';
import type { Action } from './state-machine';
import { ITEM_STATUSES, type ItemStatus } from './vocabulary';

/**
 * What a handling move is checked against besides the state machine: the client's own
 * precondition ("only if it is still …") and a repeated move that would change nothing.
 *
 * Every item carries a handling version, raised by one with every move (workflow and sweep). A
 * move is decided from one read of the item and written by one UPDATE guarded on the version it
 * read, so everything the decision was made from — state, level, owners, deadline, pending
 * extension — is still what it was when the write lands, on either database.
 */

/** What a client may say a move depends on: the item's state, its handling version, or both. */
export interface MovePreconditions {
  readonly expectedState?: ItemStatus;
  /** Any of these versions (an `If-Match` header may list several). */
  readonly expectedVersions?: readonly number[];
}

const expectedStateSchema = z.enum(ITEM_STATUSES);
/** An entity tag as `If-Match` carries it: `"7"`, `W/"7"` or a bare 7. */
const ENTITY_TAG = /^(?:W\/)?"?(\d{1,15})"?$/;

/**
 * Splits the handling route's input: `data.expectedState` and the `If-Match` header are
 * preconditions, everything else in `data` is the action's input (parsed by action-input.ts).
 */
export function parseMovePreconditions(
  data: unknown,
  ifMatch: string | undefined
):
  | { ok: true; preconditions: MovePreconditions; input: unknown }
  | { ok: false; problems: InputProblem[] } {
  const problems: InputProblem[] = [];
  let input = data;
  let expectedState: ItemStatus | undefined;
  if (
    typeof data === 'object' &&
    data !== null &&
    !Array.isArray(data) &&
    'expectedState' in data
  ) {
    const { expectedState: raw, ...rest } = data as Record<string, unknown>;
    input = rest;
    const parsed = expectedStateSchema.safeParse(raw);
    if (parsed.success) expectedState = parsed.data;
    else problems.push({ field: 'expectedState', message: `one of ${ITEM_STATUSES.join(', ')}` });
  }
  let expectedVersions: number[] | undefined;
  const header = ifMatch?.trim();
  if (header && header !== '*') {
    const tags = header.split(',').map((tag) => ENTITY_TAG.exec(tag.trim()));
    if (tags.every((tag) => tag !== null)) expectedVersions = tags.map((tag) => Number(tag![1]));
    else problems.push({ field: 'If-Match', message: 'a handling version such as "7"' });
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    input,
    preconditions: {
      ...(expectedState === undefined ? {} : { expectedState }),
      ...(expectedVersions === undefined ? {} : { expectedVersions }),
    },
  };
}

export type PreconditionRefusalCode = 'STATE_CHANGED' | 'VERSION_CHANGED';

/** The client's precondition against the item as read; null when it holds. */
export function checkPreconditions(
  preconditions: MovePreconditions,
  item: { readonly state: ItemStatus; readonly version: number }
): Refusal<PreconditionRefusalCode> | null {
  const { expectedState, expectedVersions } = preconditions;
  if (expectedState !== undefined && expectedState !== item.state) {
    return refuse(
      'STATE_CHANGED',
      `事项当前状态为"${STATUS_LABELS_ZH[item.state]}",不是"${STATUS_LABELS_ZH[expectedState]}",请刷新后再办理`,
      `The item is ${item.state}, not ${expectedState}; reload and retry`
    );
  }
  if (expectedVersions !== undefined && !expectedVersions.includes(item.version)) {
    return refuse(
      'VERSION_CHANGED',
      '事项已被他人更新,请刷新后再办理',
      `The item is at handling version ${item.version}, not ${expectedVersions.join(' or ')}; reload and retry`
    );
  }
  return null;
}

/** Who handles an item: what an assignment sets. Ids of the related records. */
export interface ItemOwners {
  readonly assignedGridId: number | null;
  readonly leadDepartmentId: number | null;
  readonly coDepartmentIds: readonly number[];
  readonly leadLeaderId: number | null;
  readonly complexity: string | null;
}

/**
 * A move that leaves the item as it is: assigning an assigned item to the unit(s) it is already
 * assigned to (every owner the request names equal to the current one). Refused, so that a
 * repeated or double-clicked assignment tells nobody twice.
 */
export function noOpRefusal(
  action: Action,
  from: ItemStatus,
  to: ItemStatus,
  current: ItemOwners,
  requested: Partial<ItemOwners>
): Refusal<'NO_CHANGE'> | null {
  if (action !== 'assign' || from !== to) return null;
  const same = (Object.keys(requested) as Array<keyof ItemOwners>).every((key) => {
    const wanted = requested[key];
    const have = current[key];
    if (Array.isArray(wanted) && Array.isArray(have)) {
      const wantedSet = new Set<number>(wanted);
      return wantedSet.size === new Set(have).size && have.every((id) => wantedSet.has(id));
    }
    return wanted === have;
  });
  if (!same) return null;
  return refuse(
    'NO_CHANGE',
    '事项已交办给该单位,无需重复交办',
    'The item is already assigned to this unit; the assignment would change nothing'
  );
}
