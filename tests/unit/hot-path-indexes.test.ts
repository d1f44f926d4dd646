import path from 'path';
import { ACTIVE_STATUSES } from '../../plugins/minyi/server/src/domain/vocabulary';
import {
  planSweep,
  sweepCandidateCondition,
} from '../../plugins/minyi/server/src/domain/escalation';
import { createWorkingCalendar } from '../../plugins/minyi/server/src/domain/calendar';

interface IndexSpec {
  name: string;
  where?: string;
}

// The migration is plain JavaScript run by Strapi; read its list as data.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { INDEXES } = require(
  path.join(__dirname, '../../database/migrations/2026.11.28T00.00.00.hot-path-indexes.js')
) as {
  INDEXES: IndexSpec[];
};

const plan = planSweep(createWorkingCalendar(), new Date('2026-12-01T01:00:00Z'), [8]);
const whereOf = (name: string) => INDEXES.find((entry) => entry.name === name)?.where;

describe("the sweep's partial indexes", () => {
  it('spell exactly the conditions the sweep queries with', () => {
    expect(whereOf('items_escalation_due_idx')).toBe(sweepCandidateCondition(plan, 'escalate'));
    expect(whereOf('items_overdue_flag_due_idx')).toBe(
      sweepCandidateCondition(plan, 'flag-overdue')
    );
  });

  it('cover every open status and no closed one', () => {
    const condition = sweepCandidateCondition(plan, 'escalate');
    for (const status of ACTIVE_STATUSES) expect(condition).toContain(`'${status}'`);
    for (const status of ['resolved', 'closed', 'rejected'])
      expect(condition).not.toContain(`'${status}'`);
  });

  it('qualify columns with the alias the sweep uses', () => {
    const small = { ...plan, activeStatuses: ['accepted'] as const };
    expect(sweepCandidateCondition(small, 'escalate', 'i')).toBe(
      "i.state in ('accepted') and i.paused_at is null and i.level in ('grid', 'township')"
    );
    expect(sweepCandidateCondition(small, 'flag-overdue', 'i')).toBe(
      "i.state in ('accepted') and i.paused_at is null and i.level = 'county' and i.overdue_flagged_at is null"
    );
  });

  it('refuse anything but a vocabulary word as a literal', () => {
    // @ts-expect-error a status outside the vocabulary, which the type forbids: the check at run time is under test
    const hostile: typeof plan = { ...plan, activeStatuses: ["x') or 1=1 --"] };
    expect(() => sweepCandidateCondition(hostile, 'escalate')).toThrow(/vocabulary/);
  });
});
