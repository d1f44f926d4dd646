import { readFileSync } from 'fs';
import { join } from 'path';
import { TRANSITIONS } from './state-machine';
import {
  COMPLEXITIES,
  DONE_STATUSES,
  ITEM_EVENT_TYPES,
  ITEM_STATUSES,
  LEVELS,
  STAFF_ROLES,
  higherLevel,
  nextLevel,
} from './vocabulary';

const APP_API = join(__dirname, '../../../../../src/api');

function enumOf(contentType: string, attribute: string): unknown {
  const schemaPath = join(APP_API, contentType, 'content-types', contentType, 'schema.json');
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as {
    attributes: Record<string, { enum?: string[] }>;
  };
  return schema.attributes[attribute]?.enum;
}

describe('vocabulary', () => {
  it('spells every value exactly as the app content types do', () => {
    // Stored as `state`: Strapi 5 reserves `status` for draft/publish.
    expect(enumOf('item', 'state')).toEqual([...ITEM_STATUSES]);
    expect(enumOf('item', 'level')).toEqual([...LEVELS]);
    expect(enumOf('item', 'complexity')).toEqual([...COMPLEXITIES]);
    expect(enumOf('category', 'defaultLevel')).toEqual([...LEVELS]);
    expect(enumOf('staff', 'role')).toEqual([...STAFF_ROLES]);
    expect(enumOf('item-event', 'type')).toEqual([...ITEM_EVENT_TYPES]);
  });

  it('orders levels grid < township < county', () => {
    expect(nextLevel('grid')).toBe('township');
    expect(nextLevel('township')).toBe('county');
    expect(nextLevel('county')).toBeNull();
    expect(higherLevel('county', 'grid')).toBe('county');
    expect(higherLevel('grid', 'township')).toBe('township');
  });

  it('counts as done exactly the statuses only a reopen leads out of', () => {
    const onlyReopen = ITEM_STATUSES.filter((status) => {
      const exits = TRANSITIONS.filter((move) => move.from === status);
      return exits.length > 0 && exits.every((move) => move.action === 'reopen');
    });
    expect([...DONE_STATUSES].sort()).toEqual(onlyReopen.sort());
  });
});
