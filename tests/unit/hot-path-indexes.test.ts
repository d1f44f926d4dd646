import path from 'path';
import { ACTIVE_STATUSES, LEVELS, nextLevel } from '../../plugins/minyi/server/src/domain/vocabulary';
import { escalationCandidateCondition } from '../../plugins/minyi/server/src/domain/escalation';

interface IndexSpec {
  name: string;
  where?: string;
}

// The migration is plain JavaScript run by Strapi; read its list as data.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { INDEXES } = require(path.join(__dirname, '../../database/migrations/2026.11.28T00.00.00.hot-path-indexes.js')) as {
  INDEXES: IndexSpec[];
};

describe('the escalation candidates partial index', () => {
  it('spells exactly the condition the sweep queries with', () => {
    const index = INDEXES.find((entry) => entry.name === 'items_escalation_due_idx');
    const plan = { activeStatuses: ACTIVE_STATUSES, escalate: { levels: LEVELS.filter((level) => nextLevel(level) !== null), dueBefore: new Date() } };
    expect(index?.where).toBe(escalationCandidateCondition(plan));
  });

  it('qualifies columns with the alias the sweep uses', () => {
    const plan = { activeStatuses: ['accepted'] as const, escalate: { levels: ['grid'] as const, dueBefore: new Date() } };
    expect(escalationCandidateCondition(plan, 'i')).toBe("i.state in ('accepted') and i.paused_at is null and i.level in ('grid')");
  });

  it('refuses anything but a vocabulary word as a literal', () => {
    const plan = { activeStatuses: ["x') or 1=1 --"] as never, escalate: { levels: ['grid'] as const, dueBefore: new Date() } };
    expect(() => escalationCandidateCondition(plan)).toThrow(/vocabulary/);
  });
});
