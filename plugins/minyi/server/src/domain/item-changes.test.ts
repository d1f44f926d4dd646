import fc from 'fast-check';
import { parseActionInput } from './action-input';
import { createWorkingCalendar } from './calendar';
import { itemChangesFor, type WorkflowItem } from './item-changes';
import { ACTIONS, checkTransition } from './state-machine';
import { ACTOR_ROLES, ITEM_STATUSES, LEVELS } from './vocabulary';

const calendar = createWorkingCalendar();
const limits = { gridDays: 1, townshipDays: 3, countyDays: 5 };
const now = new Date('2026-12-02T01:00:00Z'); // Wed 09:00 Shanghai
const item: WorkflowItem = {
  status: 'in-progress',
  level: 'grid',
  dueAt: new Date('2026-12-03T10:00:00Z'),
  receivedAt: new Date('2026-12-01T01:00:00Z'),
  escalationCount: 0,
  extensionRequest: null,
};
const SAMPLE_INPUT = {
  accept: {},
  assign: { grid: 'G1' },
  start: {},
  resolve: { reply: '已修复' },
  close: {},
  return: { reason: '非本辖区' },
  reject: { reason: '不属于受理范围' },
  'request-extension': { reason: '需协调供电公司', workingDays: 2 },
  'approve-extension': {},
  'reject-extension': { reason: '理由不足' },
  escalate: { reason: '需乡镇协调' },
  reopen: { reason: '群众反映未解决' },
  'link-duplicate': { duplicateOf: 'MY0000000000AA' },
  supervise: { note: '请本周内办结并回复' },
} as const;

describe('item changes', () => {
  it('always land on the status the state machine allowed, and a new deadline always clears warning and flag', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ITEM_STATUSES),
        fc.constantFrom(...LEVELS),
        fc.constantFrom(...ACTIONS),
        fc.constantFrom(...ACTOR_ROLES),
        (status, level, action, actorRole) => {
          const allowed = checkTransition({
            from: status,
            action,
            actorRole,
            level,
            extensionPending: true,
          });
          fc.pre(allowed.ok);
          if (!allowed.ok) return;
          const parsed = parseActionInput(action, SAMPLE_INPUT[action]);
          expect(parsed.ok).toBe(true);
          if (!parsed.ok) return;
          const request = {
            ...item,
            status,
            level,
            extensionRequest: { reason: 'r', workingDays: 1, requestedAt: now.toISOString() },
          };
          const change = itemChangesFor(action, allowed, request, parsed.input, {
            now,
            calendar,
            limits,
          });
          if (!change.ok) return;
          expect(change.fields.status).toBe(allowed.to);
          if (change.fields.dueAt !== undefined) {
            expect(change.fields.warnedAt).toBeNull();
            expect(change.fields.overdueFlaggedAt).toBeNull();
            expect(calendar.isWorkingTime(change.fields.dueAt)).toBe(true);
          }
        }
      )
    );
  });

  it("escalation moves one level up with that level's deadline counted from now", () => {
    const allowed = checkTransition({
      from: 'in-progress',
      action: 'escalate',
      actorRole: 'grid-head',
      level: 'grid',
    });
    if (!allowed.ok) throw new Error('escalation should be allowed');
    const change = itemChangesFor(
      'escalate',
      allowed,
      item,
      { reason: '需乡镇协调' },
      { now, calendar, limits }
    );
    expect(change).toMatchObject({
      ok: true,
      fields: { level: 'township', escalationCount: 1, status: 'escalated' },
    });
    if (change.ok)
      expect(change.fields.dueAt?.getTime()).toBe(calendar.addWorkingDays(now, 3).getTime());
  });

  it('an extension request is checked against the current deadline, then approved into a later one', () => {
    const request = checkTransition({
      from: 'in-progress',
      action: 'request-extension',
      actorRole: 'grid-member',
      level: 'grid',
    });
    if (!request.ok) throw new Error('request should be allowed');
    const asked = itemChangesFor(
      'request-extension',
      request,
      item,
      { reason: '等待配件', workingDays: 2 },
      { now, calendar, limits }
    );
    expect(asked).toMatchObject({
      ok: true,
      fields: { extensionPending: true, status: 'in-progress' },
    });
    if (!asked.ok) return;
    const approve = checkTransition({
      from: 'in-progress',
      action: 'approve-extension',
      actorRole: 'township-officer',
      level: 'grid',
      extensionPending: true,
    });
    if (!approve.ok) throw new Error('approval should be allowed');
    const approved = itemChangesFor(
      'approve-extension',
      approve,
      { ...item, extensionRequest: asked.fields.extensionRequest ?? null },
      {},
      { now, calendar, limits }
    );
    expect(approved).toMatchObject({
      ok: true,
      fields: { status: 'extended', extensionPending: false, extensionRequest: null },
    });
    if (approved.ok)
      expect(approved.fields.dueAt?.getTime()).toBe(
        calendar.addWorkingDays(item.dueAt as Date, 2).getTime()
      );
  });

  it('bad input is refused field by field', () => {
    expect(parseActionInput('resolve', {})).toMatchObject({
      ok: false,
      problems: [{ field: 'reply' }],
    });
    expect(parseActionInput('resolve', { reply: '   ' })).toMatchObject({ ok: false });
    expect(
      parseActionInput('request-extension', { reason: 'x', workingDays: 1, until: '2026-12-30' })
    ).toMatchObject({ ok: false });
    expect(parseActionInput('assign', {})).toMatchObject({ ok: false });
    expect(parseActionInput('accept', { status: 'closed' })).toMatchObject({ ok: false });
    expect(parseActionInput('accept', undefined)).toMatchObject({ ok: true });
  });
});
