import request from 'supertest';
import type { TestApp } from './strapi';
import { fixtureDocuments } from './fixtures';
import type { GridData, StaffData } from './content-data';
import type { ItemStatus } from '../../plugins/minyi/server/src/domain/vocabulary';
import type { Satisfaction } from '../../plugins/minyi/server/src/domain/metrics';
import type { ItemChannel } from '../../plugins/minyi/server/src/domain/partner-channel';

/**
 * A small county for the dashboard tests: townships T1 and T2 (grids T1G, T2G), departments D1
 * and D2, categories 供水 (water) and 路灯 (light), and 14 items written as rows (the metrics read
 * rows, whoever wrote them): 10 received in October 2026 — T1 6 (4 handled, 3 on time, 2
 * escalated), T2 3 (1 handled, co-handled by D1), one without a township — one refused, three outside.
 */
export const at = (iso: string) => new Date(`${iso}+08:00`);

export interface DashboardCounty {
  ids: Record<string, { id: number; documentId: string }>;
  /** Creates an admin user with that admin role and (optionally) a staff record; returns its login and JWT. */
  adminUser(
    name: string,
    roleCode: string,
    staff: Omit<StaffData, 'name'> | null
  ): Promise<{ email: string; password: string; token: string }>;
}

export async function seedDashboardCounty(app: TestApp): Promise<DashboardCounty> {
  const knex = () => app.strapi.db.connection;
  const docs = () => fixtureDocuments(app.strapi);
  const ids: Record<string, { id: number; documentId: string }> = {};
  let serial = 0;

  async function grid(code: string, level: GridData['level'], parent?: string) {
    const created = await docs()('api::grid.grid').create({
      data: {
        name: `网格${code}`,
        code,
        level,
        parent: parent ? ids[parent].documentId : undefined,
      },
    });
    ids[code] = { id: created.id as number, documentId: created.documentId };
  }

  async function adminUser(name: string, roleCode: string, staff: Omit<StaffData, 'name'> | null) {
    const role = await app.strapi.service('admin::role').findOne({ code: roleCode });
    const email = `${name}@test.local`;
    const password = 'Dashboard-Test-2026';
    const user = await app.strapi.service('admin::user').create({
      email,
      firstname: name,
      lastname: 'test',
      password,
      isActive: true,
      roles: [role.id],
    });
    if (staff)
      await docs()('api::staff.staff').create({
        data: { name: `${name}工作人员`, active: true, ...staff, adminUser: user.id },
      });
    const login = await request(app.server)
      .post('/admin/login')
      .send({ email, password })
      .expect(200);
    return { email, password, token: login.body.data.token as string };
  }

  interface Seeded {
    township: 'T1' | 'T2' | null;
    department?: 'D1' | 'D2';
    coDepartment?: 'D1' | 'D2';
    received: string;
    state: ItemStatus;
    resolvedDays?: number;
    dueDays?: number;
    satisfaction?: Satisfaction;
    escalations?: number;
    channel?: ItemChannel;
    category?: 'water' | 'light';
  }

  async function item(seed: Seeded) {
    serial++;
    const receivedAt = at(seed.received);
    const day = 86_400_000;
    const [row] = await knex()('items')
      .insert({
        document_id: `dash${serial}`,
        title: `看板事项${serial}`,
        content: '看板测试',
        submitter_phone: `1380000${String(serial).padStart(4, '0')}`,
        type: 'request',
        channel: seed.channel ?? 'website',
        state: seed.state,
        level: 'grid',
        complexity: 'simple',
        tracking_code: `MYDASH${String(serial).padStart(8, '0')}`,
        received_at: receivedAt,
        accepted_at: receivedAt,
        resolved_at:
          seed.resolvedDays === undefined
            ? null
            : new Date(receivedAt.getTime() + seed.resolvedDays * day),
        due_at:
          seed.dueDays === undefined ? null : new Date(receivedAt.getTime() + seed.dueDays * day),
        satisfaction: seed.satisfaction ?? null,
        escalation_count: seed.escalations ?? 0,
        grid_path: seed.township ? `/C/${seed.township}/${seed.township}G/` : null,
        created_at: receivedAt,
        updated_at: receivedAt,
        published_at: receivedAt,
      })
      .returning('id');
    const id = typeof row === 'object' ? row.id : row;
    if (seed.department)
      await knex()('items_lead_department_lnk').insert({
        item_id: id,
        department_id: ids[seed.department].id,
      });
    if (seed.coDepartment)
      await knex()('items_co_departments_lnk').insert({
        item_id: id,
        department_id: ids[seed.coDepartment].id,
      });
    if (seed.category)
      await knex()('items_category_lnk').insert({
        item_id: id,
        category_id: ids[seed.category].id,
      });
  }

  await grid('C', 'county');
  await grid('T1', 'township', 'C');
  await grid('T1G', 'grid', 'T1');
  await grid('T2', 'township', 'C');
  await grid('T2G', 'grid', 'T2');
  for (const code of ['D1', 'D2']) {
    const created = await docs()('api::department.department').create({
      data: { name: `部门${code}`, code, kind: 'county-department' },
    });
    ids[code] = { id: created.id as number, documentId: created.documentId };
  }
  for (const [code, name] of [
    ['water', '供水'],
    ['light', '路灯'],
  ]) {
    const created = await docs()('api::category.category').create({
      data: {
        name,
        code,
        defaultLevel: 'grid',
        gridDays: 3,
        townshipDays: 5,
        countyDays: 10,
      },
    });
    ids[code] = { id: created.id as number, documentId: created.documentId };
  }

  const october: Seeded[] = [
    // T1: 6 items, 4 handled (3 on time), 3 rated (2 satisfied), 1 escalated.
    {
      township: 'T1',
      department: 'D1',
      received: '2026-10-01T00:00:00',
      state: 'resolved',
      resolvedDays: 1,
      dueDays: 3,
      satisfaction: 'satisfied',
      channel: 'mayor-hotline',
      category: 'water',
    },
    {
      township: 'T1',
      department: 'D1',
      received: '2026-10-05T09:00:00',
      state: 'closed',
      resolvedDays: 2,
      dueDays: 3,
      satisfaction: 'very-satisfied',
      channel: 'mayor-hotline',
      category: 'water',
    },
    {
      township: 'T1',
      received: '2026-10-10T09:00:00',
      state: 'closed',
      resolvedDays: 5,
      dueDays: 3,
      satisfaction: 'dissatisfied',
      escalations: 1,
      category: 'light',
    },
    {
      township: 'T1',
      received: '2026-10-12T09:00:00',
      state: 'resolved',
      resolvedDays: 1,
      dueDays: 3,
    },
    {
      township: 'T1',
      received: '2026-10-20T09:00:00',
      state: 'in-progress',
      dueDays: 3,
      channel: 'grid-worker',
    },
    {
      township: 'T1',
      received: '2026-10-31T23:59:00',
      state: 'escalated',
      dueDays: 3,
      escalations: 2,
    },
    // T2: 3 items, 1 handled; one co-handled by D1.
    {
      township: 'T2',
      department: 'D2',
      coDepartment: 'D1',
      received: '2026-10-02T09:00:00',
      state: 'resolved',
      resolvedDays: 1,
      dueDays: 2,
      satisfaction: 'basically-satisfied',
      category: 'water',
    },
    {
      township: 'T2',
      department: 'D2',
      received: '2026-10-03T09:00:00',
      state: 'assigned',
      dueDays: 2,
    },
    { township: 'T2', received: '2026-10-04T09:00:00', state: 'submitted' },
    // No township (counted county-wide only), refused (not counted), outside October.
    { township: null, received: '2026-10-06T09:00:00', state: 'resolved', resolvedDays: 1 },
    { township: 'T1', received: '2026-10-07T09:00:00', state: 'rejected' },
    {
      township: 'T1',
      received: '2026-09-30T23:59:00',
      state: 'resolved',
      resolvedDays: 1,
      satisfaction: 'satisfied',
    },
    { township: 'T2', received: '2026-11-01T00:00:00', state: 'submitted' },
    { township: 'T2', received: '2026-09-15T00:00:00', state: 'closed', resolvedDays: 1 },
  ];
  for (const seed of october) await item(seed);

  return { ids, adminUser };
}
