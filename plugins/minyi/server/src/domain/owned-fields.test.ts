import fc from 'fast-check';
import {
  changedOwnedFields,
  CREATE_DEFAULTS,
  deletionRefusal,
  ITEM_OWNED_FIELDS,
  ownedFieldsOf,
  ownedFieldsRefusal,
  valueChanges,
} from './owned-fields';
import { NOTICE_STATES } from './notice-review';

const stored = {
  state: 'accepted',
  level: 'grid',
  dueAt: '2026-11-04T10:00:00.000Z',
  receivedAt: null,
  extensionPending: false,
  extensionRequest: { reason: '需协调', workingDays: 3, requestedAt: '2026-11-03T01:00:00.000Z' },
  escalationCount: 0,
  assignedGrid: { id: 4, documentId: 'grid4' },
  coDepartments: [
    { id: 7, documentId: 'dept7' },
    { id: 8, documentId: 'dept8' },
  ],
  leadDepartment: null,
  trackingCode: 'MYABC',
};

describe('owned fields', () => {
  it('sees no change when the form sends the stored values back, in its shapes', () => {
    const formData = {
      ...stored,
      title: '改过的标题',
      dueAt: new Date('2026-11-04T10:00:00Z'),
      receivedAt: '',
      assignedGrid: { connect: [], disconnect: [] },
      coDepartments: { connect: [], disconnect: [] },
      leadDepartment: null,
      extensionRequest: JSON.stringify({
        requestedAt: '2026-11-03T01:00:00.000Z',
        workingDays: 3,
        reason: '需协调',
      }),
    };
    expect(changedOwnedFields(ITEM_OWNED_FIELDS, formData, stored)).toEqual([]);
    expect(
      changedOwnedFields(
        ITEM_OWNED_FIELDS,
        { assignedGrid: 'grid4', coDepartments: [8, 7] },
        stored
      )
    ).toEqual([]);
  });

  it('names every field a write would change', () => {
    const data = {
      state: 'resolved',
      dueAt: '2030-01-01T00:00:00.000Z',
      assignedGrid: { connect: [{ documentId: 'grid5' }] },
      coDepartments: { disconnect: [{ id: 8 }] },
      leadDepartment: 'dept9',
      extensionPending: true,
      escalationCount: '2',
    };
    expect(changedOwnedFields(ITEM_OWNED_FIELDS, data, stored)).toEqual([
      'state',
      'assignedGrid',
      'leadDepartment',
      'coDepartments',
      'dueAt',
      'extensionPending',
      'escalationCount',
    ]);
  });

  it('never calls a value a change of itself, and always notices a different time', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 1e9 }),
        (at, shift) => {
          const iso = at.toISOString();
          return (
            !valueChanges('datetime', iso, at) &&
            !valueChanges('datetime', at, iso) &&
            valueChanges('datetime', new Date(at.getTime() + shift).toISOString(), iso)
          );
        }
      )
    );
    fc.assert(
      fc.property(
        fc.jsonValue(),
        (value) => !valueChanges('json', JSON.parse(JSON.stringify(value)), value)
      )
    );
  });

  it('allows a create only the schema defaults for owned fields', () => {
    const item = CREATE_DEFAULTS['api::item.item'];
    const fields = ownedFieldsOf('api::item.item', null);
    expect(
      changedOwnedFields(fields, { state: 'submitted', level: 'grid', dueAt: null }, item)
    ).toEqual([]);
    expect(changedOwnedFields(fields, { state: 'closed', resolvedAt: '2026-01-01' }, item)).toEqual(
      ['state', 'resolvedAt']
    );
  });

  it('freezes a notice content once issued, its state always', () => {
    const draft = ownedFieldsOf('api::notice.notice', { state: 'draft' });
    const issued = ownedFieldsOf('api::notice.notice', { state: 'issued' });
    expect(Object.keys(draft)).toContain('state');
    expect(Object.keys(draft)).not.toContain('title');
    expect(Object.keys(issued)).toContain('title');
  });

  it('refuses in both languages, field by field', () => {
    const refusal = ownedFieldsRefusal('api::item.item', ITEM_OWNED_FIELDS, ['state', 'dueAt']);
    expect(refusal.zh).toContain('状态(state)、办理时限(dueAt)');
    expect(refusal.en).toContain('state, dueAt');
    expect(refusal.errors.map((error) => error.path)).toEqual([['state'], ['dueAt']]);
  });
});

describe('deletion outside the workflow', () => {
  it('refuses every item and every spot-check, whatever is stored', () => {
    fc.assert(
      fc.property(fc.option(fc.record({ state: fc.string() }), { nil: null }), (record) => {
        expect(deletionRefusal('api::item.item', record)?.code).toBe('WORKFLOW_OWNED_RECORD');
        expect(deletionRefusal('api::spot-check.spot-check', record)?.code).toBe(
          'WORKFLOW_OWNED_RECORD'
        );
      })
    );
  });

  it('lets a draft notice go and keeps every issued one', () => {
    for (const state of NOTICE_STATES) {
      const refusal = deletionRefusal('api::notice.notice', { state });
      if (state === 'draft') expect(refusal).toBeNull();
      else expect(refusal?.zh).toBe('已下发的通报不能删除');
    }
    expect(deletionRefusal('api::notice.notice', null)).toBeNull();
  });
});
