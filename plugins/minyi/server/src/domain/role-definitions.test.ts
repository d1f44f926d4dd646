import { ADMIN_ROLES, FIELD_ROLES, ITEM_REGISTRATION_FIELDS } from './role-definitions';
import { UNIT_CONDITION_NAMES } from './unit-conditions';

const role = (code: string) => {
  const found = ADMIN_ROLES.find((candidate) => candidate.code === code);
  if (!found) throw new Error(code);
  return found;
};
const UNIT_ROLES = ['minyi-township-officer', 'minyi-department-officer', 'minyi-grid-worker'];

describe('the starting roles', () => {
  it('have unique codes and names, with Chinese and English descriptions', () => {
    expect(new Set(ADMIN_ROLES.map((r) => r.code)).size).toBe(ADMIN_ROLES.length);
    expect(new Set(ADMIN_ROLES.map((r) => r.name)).size).toBe(ADMIN_ROLES.length);
    for (const r of [...ADMIN_ROLES, ...FIELD_ROLES])
      expect(r.description).toMatch(/[\u4e00-\u9fff].* \/ [A-Z]/);
  });

  it('the auditor only reads and handles nothing', () => {
    const auditor = role('minyi-auditor');
    expect(auditor.handlesItems).toBe(false);
    expect(
      auditor.content.every((grant) => grant.actions.every((action) => action === 'read'))
    ).toBe(true);
  });

  it('unit roles reach items, their history and staff only through a unit condition, and delete nothing', () => {
    const conditions = new Set<string>(Object.values(UNIT_CONDITION_NAMES));
    for (const code of UNIT_ROLES) {
      for (const grant of role(code).content) {
        expect(grant.actions).not.toContain('delete');
        const reaches = [
          'api::item.item',
          'api::item-event.item-event',
          'api::staff.staff',
          'api::notice.notice',
        ].includes(grant.subject);
        // Registering a new item is the one exception: whoever receives an item registers it (首问负责制).
        if (reaches && !(grant.actions.length === 1 && grant.actions[0] === 'create')) {
          expect(grant.conditions?.length).toBeGreaterThan(0);
          for (const condition of grant.conditions ?? [])
            expect(conditions.has(condition)).toBe(true);
        }
        expect(grant.subject).not.toBe('api::spot-check.spot-check');
      }
    }
  });

  it('unit roles register and correct registration fields only: status, level, deadline and owners move through the handling route', () => {
    for (const code of UNIT_ROLES) {
      for (const action of ['create', 'update'] as const) {
        const grant = role(code).content.find(
          (candidate) =>
            candidate.subject === 'api::item.item' && candidate.actions.includes(action)
        );
        expect(grant?.fields).toEqual(ITEM_REGISTRATION_FIELDS);
      }
    }
    for (const field of [
      'state',
      'level',
      'dueAt',
      'leadDepartment',
      'assignedGrid',
      'gridPath',
      'firstResponder',
    ]) {
      expect(ITEM_REGISTRATION_FIELDS).not.toContain(field);
    }
  });

  it('field staff read items and act through the handling route, nothing else about items', () => {
    for (const r of FIELD_ROLES) {
      const itemActions = r.actions.filter((action) => action.startsWith('api::item.'));
      expect(itemActions.sort()).toEqual(['api::item.item.find', 'api::item.item.findOne']);
      expect(r.actions).toContain('plugin::minyi.workflow.actAsStaff');
    }
  });
});
