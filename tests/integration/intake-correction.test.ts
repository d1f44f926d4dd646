import request from 'supertest';
import { startApp, TEST_ADMIN, type TestApp } from '../helpers/strapi';
import { fixtureDocuments } from '../helpers/fixtures';

/**
 * 登记民意 (POST /minyi/intake and its options and duplicate check) and 数据更正
 * (POST /minyi/items/:documentId/correct): 400 field by field, 403, 404, 409, nothing written on refusal.
 */
let app: TestApp;
const docs = () => fixtureDocuments(app.strapi);
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};

beforeAll(async () => {
  app = await startApp();
  const county = await docs()('api::grid.grid').create({
    data: { name: '安乡县', code: 'C', level: 'county' },
  });
  const township = await docs()('api::grid.grid').create({
    data: { name: '深柳镇', code: 'TA', level: 'township', parent: county.documentId },
  });
  const grid = await docs()('api::grid.grid').create({
    data: { name: '幸福一网格', code: 'GA1', level: 'grid', parent: township.documentId },
  });
  Object.assign(ids, { TA: township.documentId, GA: grid.documentId });
  const category = await docs()('api::category.category').create({
    data: { name: '路灯照明', code: 'LIGHT', defaultLevel: 'grid', gridDays: 3 },
  });
  ids.LIGHT = category.documentId;
  const role = await app.strapi.service('admin::role').findOne({ code: 'minyi-grid-worker' });
  const user = await app.strapi.service('admin::user').create({
    email: 'grid@test.local',
    firstname: '网格',
    lastname: '员',
    password: 'Grid-Intake-2026',
    isActive: true,
    roles: [role.id],
  });
  await docs()('api::staff.staff').create({
    data: {
      name: '张网格员',
      role: 'grid-member',
      grid: grid.documentId,
      email: 'zhang@example.invalid',
      adminUser: user.id,
    },
  });
  const login = async (email: string, password: string) =>
    (await request(app.server).post('/admin/login').send({ email, password }).expect(200)).body.data
      .token as string;
  tokens.grid = await login('grid@test.local', 'Grid-Intake-2026');
  tokens.superAdmin = await login(TEST_ADMIN.email, TEST_ADMIN.password);
}, 300_000);

afterAll(async () => {
  await app?.stop();
});

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const count = (uid: string) => app.strapi.db.query(uid as 'api::item.item').count();

describe('登记民意', () => {
  it('offers the channels of the role with the preset first, categories and a grid search', async () => {
    const options = (
      await request(app.server)
        .get('/minyi/intake/options?grid=幸福')
        .set(auth(tokens.grid))
        .expect(200)
    ).body.data;
    expect(options.presetChannel).toBe('grid-worker');
    // 标记重复 is not a grid worker's move: the form offers the repeats as a hint only.
    expect(options.mayLinkDuplicate).toBe(false);
    expect(options.channels.map((c: { label: string }) => c.label)).toEqual([
      '网格员走访(引导车)',
      '四进四访(巡诊车)',
    ]);
    expect(options.grids.map((g: { code: string }) => g.code)).toEqual(['GA1']);
    expect(options.categories.map((c: { code: string }) => c.code)).toContain('LIGHT');
  });

  it('registers through the submission service with routing, deadline, event, mail and first responder', async () => {
    const response = await request(app.server)
      .post('/minyi/intake')
      .set(auth(tokens.grid))
      .send({
        data: {
          channel: 'grid-worker',
          title: '路灯不亮',
          content: '幸福路路灯坏了一周',
          category: 'LIGHT',
          grid: 'GA1',
          address: '幸福路 12 号',
          submitterName: '李大爷',
          submitterPhone: '13900002222',
        },
      })
      .expect(201);
    const receipt = response.body.data;
    expect(receipt.trackingCode).toMatch(/^[A-Z0-9]+$/);
    expect(receipt.status).toEqual({ value: 'submitted', label: '已提交' });
    expect(new Date(receipt.dueAt).getTime()).toBeGreaterThan(Date.now());
    const item = await app.strapi.db.query('api::item.item').findOne({
      where: { trackingCode: receipt.trackingCode },
      populate: { firstResponder: true, assignedGrid: true },
    });
    expect(item.channel).toBe('grid-worker');
    expect(item.firstResponder.name).toBe('张网格员');
    expect(item.assignedGrid.code).toBe('GA1');
    const events = await app.strapi.db
      .query('api::item-event.item-event')
      .findMany({ where: { item: { id: item.id } } });
    expect(events.map((event: { type: string }) => event.type)).toEqual(['created']);

    // The same phone within 30 days is a possible duplicate.
    const duplicates = (
      await request(app.server)
        .get('/minyi/intake/duplicates?phone=13900002222')
        .set(auth(tokens.grid))
        .expect(200)
    ).body.data;
    expect(duplicates.map((d: { trackingCode: string }) => d.trackingCode)).toEqual([
      receipt.trackingCode,
    ]);
    const byAddress = (
      await request(app.server)
        .get(
          `/minyi/intake/duplicates?address=${encodeURIComponent('幸福路 12 号')}&category=LIGHT`
        )
        .set(auth(tokens.grid))
        .expect(200)
    ).body.data;
    expect(byAddress[0].matchedBy).toBe('address-and-category');
  });

  it('answers 400 field by field and writes nothing', async () => {
    const before = await count('api::item.item');
    const bad = await request(app.server)
      .post('/minyi/intake')
      .set(auth(tokens.grid))
      .send({ data: { channel: 'grid-worker', title: '', grid: 'GA1', extra: 1 } })
      .expect(400);
    const fields = bad.body.error.details.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['title', 'content']));
    const wrongChannel = await request(app.server)
      .post('/minyi/intake')
      .set(auth(tokens.grid))
      .send({ data: { channel: 'mayor-hotline', title: '标题', content: '内容', grid: 'GA1' } })
      .expect(400);
    expect(wrongChannel.body.error.details.errors[0].field).toBe('channel');
    const unknownGrid = await request(app.server)
      .post('/minyi/intake')
      .set(auth(tokens.grid))
      .send({ data: { channel: 'grid-worker', title: '标题', content: '内容', grid: 'NOPE' } })
      .expect(400);
    expect(unknownGrid.body.error.details.errors[0].field).toBe('grid');
    await request(app.server).get('/minyi/intake/duplicates').set(auth(tokens.grid)).expect(400);
    // A grid member may see a repeat but not link it (标记重复): refused before the item is stored.
    const original = await app.strapi.db
      .query('api::item.item')
      .findOne({ select: ['trackingCode'] });
    const repeat = await request(app.server)
      .post('/minyi/intake')
      .set(auth(tokens.grid))
      .send({
        data: {
          channel: 'grid-worker',
          title: '标题',
          content: '内容',
          grid: 'GA1',
          duplicateOf: original.trackingCode,
        },
      })
      .expect(403);
    expect(repeat.body.error.details.errors[0].field).toBe('duplicateOf');
    // The super admin has no staff record: no first responder to record, 403.
    await request(app.server)
      .post('/minyi/intake')
      .set(auth(tokens.superAdmin))
      .send({ data: { channel: 'grid-worker', title: '标题', content: '内容', grid: 'GA1' } })
      .expect(403);
    expect(await count('api::item.item')).toBe(before);
  });
});

describe('数据更正', () => {
  it('corrects with a reason, writing the old and new values to the item-events', async () => {
    const item = await docs()('api::item.item').create({
      data: {
        title: '虚假办结',
        content: '被直接改成已办结',
        type: 'request',
        channel: 'website',
        grid: ids.GA,
        state: 'resolved',
        level: 'grid',
        dueAt: new Date('2026-11-04T10:00:00Z'),
      },
    });
    const path = `/minyi/items/${item.documentId}/correct`;
    const eventCount = () =>
      app.strapi.db
        .query('api::item-event.item-event')
        .count({ where: { item: { documentId: item.documentId } } });

    const noReason = await request(app.server)
      .post(path)
      .set(auth(tokens.superAdmin))
      .send({ data: { changes: { state: 'in-progress', trackingCode: 'X' } } })
      .expect(400);
    expect(
      noReason.body.error.details.errors.map((e: { field: string }) => e.field).sort()
    ).toEqual(['changes', 'reason']);
    await request(app.server)
      .post(path)
      .set(auth(tokens.grid))
      .send({ data: { reason: '更正', changes: { state: 'in-progress' } } })
      .expect(403);
    await request(app.server)
      .post('/minyi/items/nope/correct')
      .set(auth(tokens.superAdmin))
      .send({ data: { reason: '更正', changes: { state: 'in-progress' } } })
      .expect(404);
    await request(app.server)
      .post(path)
      .set(auth(tokens.superAdmin))
      .send({ data: { reason: '更正', changes: { state: 'resolved' } } })
      .expect(409);
    expect(await eventCount()).toBe(0);

    const done = await request(app.server)
      .post(path)
      .set(auth(tokens.superAdmin))
      .send({
        data: {
          reason: '协调员在表单中误改为已办结',
          changes: { state: 'in-progress', dueAt: '2026-11-06T10:00:00.000Z' },
        },
      })
      .expect(200);
    expect(done.body.data.changed.map((c: { field: string }) => c.field)).toEqual([
      'state',
      'dueAt',
    ]);
    const stored = await app.strapi.db
      .query('api::item.item')
      .findOne({ where: { documentId: item.documentId } });
    expect(stored.state).toBe('in-progress');
    expect(new Date(stored.dueAt).toISOString()).toBe('2026-11-06T10:00:00.000Z');
    const [event] = await app.strapi.db
      .query('api::item-event.item-event')
      .findMany({ where: { item: { documentId: item.documentId } } });
    expect(event).toMatchObject({
      type: 'corrected',
      fromStatus: 'resolved',
      toStatus: 'in-progress',
    });
    expect(event.note).toContain('协调员在表单中误改为已办结');
    expect(event.note).toContain('"resolved" → "in-progress"');
    expect(event.note).toContain('2026-11-04T10:00:00.000Z');
  });
});
