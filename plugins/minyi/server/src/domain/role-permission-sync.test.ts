import fc from 'fast-check';
import { rolePermissionSync, sameRecord } from './role-permission-sync';

const UIDS = ['items.act', 'dashboard.read', 'notices.read', 'settings.read', 'settings.update'];
const uidSet = fc.uniqueArray(fc.constantFrom(...UIDS));
const input = fc.record({
  defined: uidSet,
  recorded: fc.option(uidSet, { nil: null }),
  held: uidSet,
  legacy: uidSet,
});

describe('rolePermissionSync', () => {
  it('grants a permission added since the last synchronisation', () => {
    expect(
      rolePermissionSync({
        defined: ['items.act', 'dashboard.read', 'settings.update'],
        recorded: ['items.act'],
        held: ['items.act'],
        legacy: [],
      })
    ).toEqual({
      grant: ['dashboard.read', 'settings.update'],
      record: ['dashboard.read', 'items.act', 'settings.update'],
    });
  });

  it('keeps a permission the administrator removed after it was granted', () => {
    expect(
      rolePermissionSync({
        defined: ['items.act', 'dashboard.read'],
        recorded: ['items.act', 'dashboard.read'],
        held: ['items.act'],
        legacy: [],
      })
    ).toEqual({ grant: [], record: ['dashboard.read', 'items.act'] });
  });

  it('treats a role without a record as created with the legacy permissions', () => {
    // A role from before the permission table: it held items.act and the administrator removed it.
    expect(
      rolePermissionSync({
        defined: ['items.act', 'dashboard.read'],
        recorded: null,
        held: [],
        legacy: ['items.act'],
      })
    ).toEqual({ grant: ['dashboard.read'], record: ['dashboard.read', 'items.act'] });
  });

  it('grants only defined permissions the role neither holds nor had recorded', () => {
    fc.assert(
      fc.property(input, (value) => {
        const { grant } = rolePermissionSync(value);
        const recorded = value.recorded ?? value.legacy;
        for (const uid of grant) {
          expect(value.defined).toContain(uid);
          expect(value.held).not.toContain(uid);
          expect(recorded).not.toContain(uid);
        }
        // Nothing new is left out: every defined uid is held, granted, or was dealt with before.
        for (const uid of value.defined)
          expect(grant.includes(uid) || value.held.includes(uid) || recorded.includes(uid)).toBe(
            true
          );
      })
    );
  });

  it('is idempotent: a second start after granting grants nothing and keeps the record', () => {
    fc.assert(
      fc.property(input, (value) => {
        const first = rolePermissionSync(value);
        const second = rolePermissionSync({
          ...value,
          recorded: first.record,
          held: [...value.held, ...first.grant],
        });
        expect(second.grant).toEqual([]);
        expect(sameRecord(first.record, second.record)).toBe(true);
      })
    );
  });

  it('never re-grants a synchronised permission removed afterwards', () => {
    fc.assert(
      fc.property(input, fc.constantFrom(...UIDS), (value, removed) => {
        const first = rolePermissionSync(value);
        const held = [...value.held, ...first.grant].filter((uid) => uid !== removed);
        const next = rolePermissionSync({ ...value, recorded: first.record, held });
        expect(next.grant).not.toContain(removed);
      })
    );
  });

  it('records everything defined and everything recorded before', () => {
    fc.assert(
      fc.property(input, (value) => {
        const { record } = rolePermissionSync(value);
        for (const uid of [...value.defined, ...(value.recorded ?? value.legacy)])
          expect(record).toContain(uid);
        expect(new Set(record).size).toBe(record.length);
      })
    );
  });
});

describe('sameRecord', () => {
  it('compares as sets and treats a missing record as different', () => {
    expect(sameRecord(['a', 'b'], ['b', 'a'])).toBe(true);
    expect(sameRecord(['a'], ['a', 'b'])).toBe(false);
    expect(sameRecord(null, [])).toBe(false);
  });
});
