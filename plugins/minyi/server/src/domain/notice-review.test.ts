import {
  isRectificationOverdue,
  nextState,
  reportInput,
  returnInput,
  stepApplies,
} from './notice-review';

describe('the steps on a rectification notice', () => {
  it('signs, reports, sends back, reports again and accepts, in that order only', () => {
    expect(nextState('acknowledge', 'issued')).toBe('acknowledged');
    expect(nextState('report', 'issued')).toBeNull();
    expect(nextState('report', 'acknowledged')).toBe('reported');
    expect(nextState('return', 'reported')).toBe('returned');
    expect(nextState('report', 'returned')).toBe('reported');
    expect(nextState('accept', 'reported')).toBe('accepted');
    expect(nextState('accept', 'returned')).toBeNull();
    expect(nextState('return', 'accepted')).toBeNull();
    expect(stepApplies('report', 'bulletin')).toBe(false);
    expect(stepApplies('acknowledge', 'bulletin')).toBe(true);
  });

  it('is overdue after its date until a report is in', () => {
    const notice = { kind: 'rectification', rectifyBy: '2026-11-15' };
    expect(isRectificationOverdue({ ...notice, state: 'acknowledged' }, '2026-11-16')).toBe(true);
    expect(isRectificationOverdue({ ...notice, state: 'returned' }, '2026-11-16')).toBe(true);
    expect(isRectificationOverdue({ ...notice, state: 'reported' }, '2026-11-16')).toBe(false);
    expect(isRectificationOverdue({ ...notice, state: 'issued' }, '2026-11-15')).toBe(false);
  });

  it('needs a report of substance and a reason', () => {
    expect(reportInput.safeParse({ report: '已整改' }).success).toBe(false);
    expect(reportInput.safeParse({ report: '已逐件重新办理并回访,群众满意。' }).success).toBe(true);
    expect(returnInput.safeParse({ reason: '' }).success).toBe(false);
    expect(returnInput.safeParse({ reason: '补充\u0007材料' }).success).toBe(false);
    expect(returnInput.safeParse({ reason: '请补充材料', extra: 1 }).success).toBe(false);
  });
});
