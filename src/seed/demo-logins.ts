import type { Core } from '@strapi/strapi';
import { demoStaffRepository, type StaffRow } from '../repositories/demo-staff';
import { usersRepository } from '../repositories/users';

/**
 * Demo accounts for the demo county, so a newcomer can log in as a township officer, a grid
 * worker … and see the unit scoping at work. Created only with the demo data (never in
 * production by default), each linked to a staff record of the demo county; documented in README.
 */
export const DEMO_PASSWORD = 'Minyi-Demo-2026';

interface AdminLogin {
  email: string;
  adminRole: string;
  /** The staff record to link; null for the auditor, who is nobody's staff. */
  staff: 'county-coordinator' | 'leader' | 'township-officer' | 'liaison' | 'grid-member' | null;
}

export const DEMO_ADMIN_LOGINS: readonly AdminLogin[] = [
  {
    email: 'coordinator@minyi.local',
    adminRole: 'minyi-county-coordinator',
    staff: 'county-coordinator',
  },
  { email: 'leader@minyi.local', adminRole: 'minyi-leader', staff: 'leader' },
  { email: 'township@minyi.local', adminRole: 'minyi-township-officer', staff: 'township-officer' },
  { email: 'department@minyi.local', adminRole: 'minyi-department-officer', staff: 'liaison' },
  { email: 'grid@minyi.local', adminRole: 'minyi-grid-worker', staff: 'grid-member' },
  { email: 'auditor@minyi.local', adminRole: 'minyi-auditor', staff: null },
];

/** Field staff over REST: the same people as the admin's grid worker and department officer. */
export const DEMO_FIELD_LOGINS = [
  {
    username: 'grid-field',
    email: 'grid.field@minyi.local',
    role: 'minyi-grid-worker',
    staff: 'grid-member',
  },
  {
    username: 'department-field',
    email: 'department.field@minyi.local',
    role: 'minyi-department-staff',
    staff: 'liaison',
  },
] as const;

/**
 * The demo staff behind the logins: the first of each role, and a grid member inside the demo
 * township officer's township, so the two logins show the same part of the county.
 */
async function demoStaff(strapi: Core.Strapi): Promise<Map<string, StaffRow>> {
  const repository = demoStaffRepository(strapi);
  const found = new Map<string, StaffRow>();
  for (const role of ['county-coordinator', 'leader', 'township-officer'] as const) {
    const staff = await repository.firstActive({ role });
    if (staff) found.set(role, staff);
  }
  // The department login works for the department with the most open items it leads or
  // co-handles, so its workbench has real work (issue 10).
  const busiest = await busiestDepartment(strapi);
  const liaison =
    (busiest === null
      ? null
      : await repository.firstActive({ role: 'liaison', department: { id: busiest } })) ??
    (await repository.firstActive({ role: 'liaison' }));
  if (liaison) found.set('liaison', liaison);
  const townshipPath = found.get('township-officer')?.grid?.path;
  const member = await busiestGridMember(strapi, townshipPath);
  if (member) found.set('grid-member', member);
  return found;
}

/** The states in which an item is no longer open work (the domain's terminal statuses). */
const NOT_OPEN = ['closed', 'rejected', 'resolved'] as const;

/**
 * The grid member (in the officer's township when there is one) whose grid has the most items
 * still open, so the grid login's workbench has real work whatever day the demo was generated.
 */
async function busiestGridMember(
  strapi: Core.Strapi,
  townshipPath: string | null | undefined
): Promise<StaffRow | null> {
  const repository = demoStaffRepository(strapi);
  const members = await repository.gridMembers(townshipPath);
  let best: { member: StaffRow; open: number } | null = null;
  for (const member of members) {
    const path = member.grid?.path;
    if (!path) continue;
    const open = await repository.openItemsUnder(path, NOT_OPEN);
    if (best === null || open > best.open) best = { member, open };
  }
  return best?.member ?? members[0] ?? null;
}

/** The department leading or co-handling the most items that are still open; null without any. */
async function busiestDepartment(strapi: Core.Strapi): Promise<number | null> {
  const counts = await demoStaffRepository(strapi).openItemsPerDepartment(NOT_OPEN);
  let best: number | null = null;
  for (const [id, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = id;
  return best;
}

/** Creates the missing demo logins; an existing account of the same email is left as it is. */
export async function ensureDemoLogins(strapi: Core.Strapi): Promise<string[]> {
  const staff = await demoStaff(strapi);
  if (staff.size === 0) return [];
  const users = usersRepository(strapi);
  const staffRecords = demoStaffRepository(strapi);
  const created: string[] = [];

  for (const login of DEMO_ADMIN_LOGINS) {
    if (await users.adminUserExists(login.email)) continue;
    const role = await users.adminRole(login.adminRole);
    const person = login.staff ? staff.get(login.staff) : undefined;
    if (!role || (login.staff && !person)) continue;
    const user = await strapi.service('admin::user').create({
      email: login.email,
      firstname: person?.name ?? '审计',
      lastname: `(${role.name})`,
      password: DEMO_PASSWORD,
      isActive: true,
      roles: [role.id],
    });
    if (person) await staffRecords.linkAdminUser(person.id, user.id);
    created.push(login.email);
  }

  for (const login of DEMO_FIELD_LOGINS) {
    if (await users.fieldUserExists(login.email)) continue;
    const role = await users.usersPermissionsRole(login.role);
    const person = staff.get(login.staff);
    if (!role || !person) continue;
    const user = await strapi.plugin('users-permissions').service('user').add({
      username: login.username,
      email: login.email,
      password: DEMO_PASSWORD,
      provider: 'local',
      confirmed: true,
      blocked: false,
      role: role.id,
    });
    await staffRecords.linkFieldUser(person.id, user.id);
    created.push(login.email);
  }
  return created;
}
