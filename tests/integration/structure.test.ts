import { startApp, type TestApp } from '../helpers/strapi';
import { contentDocuments } from '../helpers/content-data';

/** The grid tree's materialised path, items' tracking codes, and the hot-path indexes. */
let app: TestApp;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.stop();
});

const grids = () => contentDocuments(app.strapi)('api::grid.grid');
const items = () => contentDocuments(app.strapi)('api::item.item');

async function pathOf(code: string): Promise<string | null | undefined> {
  const grid = await grids().findFirst({ filters: { code } });
  return grid?.path;
}

describe('the grid tree', () => {
  it('computes each grid path from its parent and carries moves to descendants and their items', async () => {
    const county = await grids().create({ data: { name: '安乡县', code: 'C', level: 'county' } });
    const a = await grids().create({
      data: { name: '深柳镇', code: 'TA', level: 'township', parent: county.documentId },
    });
    const b = await grids().create({
      data: { name: '官垱镇', code: 'TB', level: 'township', parent: county.documentId },
    });
    const village = await grids().create({
      data: { name: '书院洲村', code: 'V1', level: 'village', parent: a.documentId },
    });
    const grid = await grids().create({
      data: { name: '一网格', code: 'G1', level: 'grid', parent: village.documentId },
    });
    expect(await pathOf('G1')).toBe('/C/TA/V1/G1/');

    const item = await items().create({
      data: {
        title: '排水沟堵塞',
        content: '雨后积水',
        type: 'complaint',
        channel: 'grid-worker',
        grid: grid.documentId,
      },
    });
    expect((await items().findOne({ documentId: item.documentId }))?.gridPath).toBe('/C/TA/V1/G1/');

    await grids().update({ documentId: village.documentId, data: { parent: b.documentId } });
    expect(await pathOf('V1')).toBe('/C/TB/V1/');
    expect(await pathOf('G1')).toBe('/C/TB/V1/G1/');
    expect(await pathOf('TA')).toBe('/C/TA/');
    expect((await items().findOne({ documentId: item.documentId }))?.gridPath).toBe('/C/TB/V1/G1/');

    await items().update({ documentId: item.documentId, data: { grid: b.documentId } });
    expect((await items().findOne({ documentId: item.documentId }))?.gridPath).toBe('/C/TB/');
  });

  it('refuses to move a grid under its own descendant, leaving the tree as it was', async () => {
    const township = await grids().findFirst({ filters: { code: 'TB' } });
    const grid = await grids().findFirst({ filters: { code: 'G1' } });
    await expect(
      grids().update({ documentId: township!.documentId, data: { parent: grid!.documentId } })
    ).rejects.toThrow(/descendant/);
    expect(await pathOf('TB')).toBe('/C/TB/');
    const reloaded = await grids().findOne({
      documentId: township!.documentId,
      populate: ['parent'],
    });
    expect(reloaded?.parent?.code).toBe('C');
  });
});

describe('items', () => {
  it('get a unique, well-formed tracking code on creation, kept on update', async () => {
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        items().create({
          data: { title: `事项${i}`, content: '内容', type: 'request', channel: 'website' },
        })
      )
    );
    const codes = created.map((item) => item.trackingCode as string);
    expect(new Set(codes).size).toBe(20);
    for (const code of codes) expect(code).toMatch(/^MY[0-9A-HJKMNP-TV-Z]{12}$/);

    await items().update({ documentId: created[0].documentId, data: { title: '改过的标题' } });
    expect((await items().findOne({ documentId: created[0].documentId }))?.trackingCode).toBe(
      codes[0]
    );
  });

  it('cannot share a tracking code (unique index)', async () => {
    const items = () => app.strapi.db.connection('items');
    await items().insert({ title: 'first', tracking_code: 'MYDUPLICATE000' });
    // Compared as text: the driver's error class may come from another jest realm.
    expect(
      String(
        await items()
          .insert({ title: 'second', tracking_code: 'MYDUPLICATE000' })
          .then(
            () => 'inserted',
            (error: unknown) => error
          )
      )
    ).toMatch(/unique|duplicate/i);
  });
});

describe('hot-path indexes', () => {
  it('exist after the schema sync on this database', async () => {
    const db = app.strapi.db;
    const client = db.dialect.client as string;
    const names: string[] =
      client === 'sqlite'
        ? (await db.connection.raw("select name from sqlite_master where type = 'index'")).map(
            (r: { name: string }) => r.name
          )
        : (
            await db.connection.raw(
              'select indexname as name from pg_indexes where schemaname = current_schema()'
            )
          ).rows.map((r: { name: string }) => r.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'items_level_state_due_at_idx',
        'items_escalation_due_idx',
        'items_overdue_flag_due_idx',
        'items_level_grid_path_idx',
        'items_tracking_code_uq',
        'item_events_item_lnk_history_idx',
        'grids_path_idx',
      ])
    );
  });
});
