import { randomBytes } from 'crypto';
import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import sharp from 'sharp';
import request from 'supertest';
import { createPublicCounty, PERSONAL } from '../helpers/public-county';
import {
  exifTags,
  gpsJpeg,
  metadataLeft,
  storedFile,
  uploadedFiles,
  UPLOADS_DIR,
} from '../helpers/photos';
import { fixtureDocuments } from '../helpers/fixtures';
import { startApp, TEST_ADMIN, type TestApp } from '../helpers/strapi';
import { minyiService } from '../../plugins/minyi/server/src/plugin';
import { contentDocuments } from '../helpers/content-data';

/**
 * Photos (issue 12) on the real app and database, files on the real disk (public/uploads):
 * a JPEG carrying GPS and device EXIF, submitted publicly, is stored and served without it — the
 * original and every thumbnail/format Strapi made, read back from disk; each kind of bad file is
 * refused with its status and leaves no upload row, no file, no item; a failed write removes its
 * uploads; the photo fields cannot be written outside the plugin's services.
 */
let app: TestApp;
let filesBefore: string[] = [];
const tokens: Record<string, string> = {};

beforeAll(async () => {
  filesBefore = uploadedFiles();
  app = await startApp({
    MINYI_RATE_LIMIT_SUBMIT: '100',
    MINYI_RATE_LIMIT_TRACK: '100',
    MINYI_PHOTO_MAX_MB: '1',
    MINYI_PHOTO_MAX_PIXELS: '4000000',
    MINYI_PHOTO_MAX_PER_ITEM: '6',
  });
  const county = await createPublicCounty(app.strapi);
  // An Open311 service (the grid category) and a partner key with the open311 channel.
  await fixtureDocuments(app.strapi)('api::category.category').update({
    documentId: county.gridCategory.documentId,
    data: { open311ServiceCode: 'ENV-01' },
  });
  const token = await app.strapi.service('admin::api-token').create({
    kind: 'content-api',
    name: 'FixMyStreet photos',
    description: 'FixMyStreet channel: open311',
    type: 'custom',
    lifespan: null,
    permissions: ['api::item.public-item.submit'],
  });
  tokens.open311 = token.accessKey as string;
  // A grid worker with an admin login, for 登记民意.
  const role = await app.strapi.service('admin::role').findOne({ code: 'minyi-grid-worker' });
  const user = await app.strapi.service('admin::user').create({
    email: 'grid@test.local',
    firstname: '网格',
    lastname: '员',
    password: 'Grid-Photos-2026',
    isActive: true,
    roles: [role.id],
  });
  await fixtureDocuments(app.strapi)('api::staff.staff').create({
    data: {
      name: '赵网格员',
      role: 'grid-member',
      grid: county.grid.documentId,
      adminUser: user.id,
    },
  });
  const login = async (email: string, password: string) =>
    (await request(app.server).post('/admin/login').send({ email, password }).expect(200)).body.data
      .token as string;
  tokens.grid = await login('grid@test.local', 'Grid-Photos-2026');
  tokens.superAdmin = await login(TEST_ADMIN.email, TEST_ADMIN.password);
}, 300_000);

afterAll(async () => {
  await app?.stop();
  // The files this test stored (the database goes with the test; public/uploads is the app's).
  for (const name of uploadedFiles().filter((name) => !filesBefore.includes(name)))
    await fs.rm(path.join(UPLOADS_DIR, name), { force: true });
});

const db = () => app.strapi.db.connection;
const resident = {
  title: '路灯不亮',
  content: '村口路灯坏了一周',
  grid: 'G',
  submitterName: PERSONAL.submitterName,
  submitterPhone: PERSONAL.submitterPhone,
};

interface Photo {
  bytes: Buffer;
  filename: string;
  contentType: string;
}

function submitWith(photos: Photo[], data: object = resident) {
  const req = request(app.server).post('/api/items').field('data', JSON.stringify(data));
  for (const photo of photos)
    req.attach('photos', photo.bytes, { filename: photo.filename, contentType: photo.contentType });
  return req;
}

/** What a refused request must leave exactly as it was. */
async function stored() {
  const count = async (table: string) => Number((await db()(table).count({ n: '*' }))[0].n);
  return {
    files: await count('files'),
    links: await count('files_related_mph'),
    items: await count('items'),
    onDisk: uploadedFiles(),
  };
}

/** Noise that PNG cannot compress: a file about width × height × 3 bytes. */
const noisePng = (width: number, height: number) =>
  sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
    .png({ compressionLevel: 0 })
    .toBuffer();

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#3080c0' } })
    .png()
    .toBuffer();

describe('a JPEG with GPS EXIF, submitted publicly', () => {
  let trackingCode: string;
  let input: Buffer;

  beforeAll(async () => {
    input = await gpsJpeg();
    const response = await submitWith([
      { bytes: input, filename: 'IMG_0001.jpg', contentType: 'image/jpeg' },
      { bytes: await png(300, 200), filename: 'ditch.png', contentType: 'image/png' },
    ]);
    expect(response.status).toBe(201);
    trackingCode = response.body.data.trackingCode;
  });

  it('carried the position and device before it was sent (the test is not vacuous)', async () => {
    const tags = exifTags((await sharp(input).metadata()).exif);
    expect(tags.ifd0).toEqual(expect.arrayContaining([0x010f, 0x0110, 0x8825]));
    expect(tags.gps).toEqual(expect.arrayContaining([1, 2, 3, 4]));
    expect(await metadataLeft(input)).toEqual(
      expect.arrayContaining(['exif block', 'GPS tags', 'MinyiTestPhone'])
    );
  });

  it('is tracked with its photos as URLs only', async () => {
    const response = await request(app.server).get(`/api/items/track/${trackingCode}`);
    expect(response.status).toBe(200);
    const photos = response.body.data.photos;
    expect(photos.before).toEqual([]);
    expect(photos.after).toEqual([]);
    expect(photos.submitted).toHaveLength(2);
    for (const photo of photos.submitted) {
      expect(Object.keys(photo).sort()).toEqual(['formats', 'height', 'url', 'width']);
      expect(photo.url).toMatch(/^\/uploads\/[^/]+\.(jpg|png)$/);
    }
    // multipart parsing hands the files over as each finishes (a small one may come first).
    const jpeg = photos.submitted.find((photo: { width: number }) => photo.width === 1200);
    expect(jpeg).toMatchObject({ width: 1200, height: 900 });
    expect(Object.keys(jpeg.formats).sort()).toEqual(['large', 'medium', 'small', 'thumbnail']);
    // No name, hash or original file name of the resident's phone in the public answer.
    expect(JSON.stringify(response.body)).not.toContain('IMG_0001');
    expect(JSON.stringify(response.body)).not.toContain(PERSONAL.submitterName);
  });

  it('is stored, with every thumbnail and format, without any EXIF (read back from disk)', async () => {
    const response = await request(app.server).get(`/api/items/track/${trackingCode}`);
    const jpeg = response.body.data.photos.submitted.find(
      (photo: { width: number }) => photo.width === 1200
    );
    const urls = [jpeg.url, ...Object.values(jpeg.formats as Record<string, string>)];
    expect(urls).toHaveLength(5);
    for (const url of urls) {
      const file = storedFile(url);
      expect((await sharp(file).metadata()).format).toBe('jpeg');
      expect({ url, left: await metadataLeft(file) }).toEqual({ url, left: [] });
    }
    // Served as stored: the bytes over HTTP carry nothing either.
    const served = await request(app.server)
      .get(jpeg.url)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(served.status).toBe(200);
    expect(await metadataLeft(served.body as Buffer)).toEqual([]);
  });

  it('is linked to the item through the upload plugin (files and files_related_mph)', async () => {
    const item = await db()('items').where('tracking_code', trackingCode).first('id');
    const links = await db()('files_related_mph')
      .where({ related_id: item.id, related_type: 'api::item.item' })
      .orderBy('order')
      .select('field', 'order', 'file_id');
    expect(links.map((link: { field: string }) => link.field)).toEqual(['photos', 'photos']);
    const files = await db()('files').whereIn(
      'id',
      links.map((link: { file_id: number }) => link.file_id)
    );
    expect(files.map((file: { mime: string }) => file.mime).sort()).toEqual([
      'image/jpeg',
      'image/png',
    ]);
  });

  it('cannot have its photos changed outside the plugin (owned by the workflow)', async () => {
    const item = await db()('items').where('tracking_code', trackingCode).first('document_id');
    await expect(
      contentDocuments(app.strapi)('api::item.item').update({
        documentId: item.document_id,
        data: { photos: [] },
      })
    ).rejects.toMatchObject({ details: { code: 'WORKFLOW_OWNED_FIELDS', fields: ['photos'] } });
  });
});

describe('bad files are refused and leave nothing behind', () => {
  const cases: Array<[string, () => Promise<Photo[]>, number, string]> = [
    [
      'a GIF declared as a GIF',
      async () => [
        {
          bytes: await sharp({ create: { width: 20, height: 20, channels: 3, background: '#f00' } })
            .gif()
            .toBuffer(),
          filename: 'a.gif',
          contentType: 'image/gif',
        },
      ],
      415,
      'PHOTO_TYPE',
    ],
    [
      'a GIF sent as image/jpeg (the bytes decide)',
      async () => [
        {
          bytes: await sharp({ create: { width: 20, height: 20, channels: 3, background: '#f00' } })
            .gif()
            .toBuffer(),
          filename: 'a.jpg',
          contentType: 'image/jpeg',
        },
      ],
      415,
      'PHOTO_TYPE',
    ],
    [
      'a PDF',
      async () => [
        {
          bytes: Buffer.from('%PDF-1.4\n%âãÏÓ\n'),
          filename: 'a.pdf',
          contentType: 'application/pdf',
        },
      ],
      415,
      'PHOTO_TYPE',
    ],
    [
      'text sent as a JPEG',
      async () => [
        {
          bytes: Buffer.from('not a picture at all'),
          filename: 'a.jpg',
          contentType: 'image/jpeg',
        },
      ],
      400,
      'PHOTO_NOT_AN_IMAGE',
    ],
    [
      'a file over MINYI_PHOTO_MAX_MB (1 MB of noise as PNG)',
      async () => [
        {
          bytes: await noisePng(700, 600),
          filename: 'big.png',
          contentType: 'image/png',
        },
      ],
      413,
      'PHOTO_TOO_LARGE',
    ],
    [
      'a decompression bomb: a small PNG of 3000 × 3000 pixels (limit 4,000,000)',
      async () => [
        { bytes: await png(3000, 3000), filename: 'bomb.png', contentType: 'image/png' },
      ],
      413,
      'PHOTO_TOO_MANY_PIXELS',
    ],
    [
      'seven photos (at most six)',
      async () =>
        Promise.all(
          Array.from({ length: 7 }, async (_, i) => ({
            bytes: await png(40, 30),
            filename: `p${i}.png`,
            contentType: 'image/png',
          }))
        ),
      400,
      'PHOTO_TOO_MANY',
    ],
  ];

  it.each(cases)('%s', async (_name, make, status, code) => {
    const photos = await make();
    // A good photo first: it must not be left behind when the second one is refused.
    const good = { bytes: await gpsJpeg(), filename: 'good.jpg', contentType: 'image/jpeg' };
    const before = await stored();
    const response = await submitWith(photos.length === 7 ? photos : [good, ...photos]);
    expect({ status: response.status, code: response.body.error?.details?.code }).toEqual({
      status,
      code,
    });
    expect(response.body.error.details.reason.zh).toBeTruthy();
    expect(await stored()).toEqual(before);
  });

  it('the bomb check reads the header only: a PNG claiming 100000 × 100000 is refused at once', async () => {
    const header = await png(10, 10);
    // IHDR width and height are the 4-byte big-endian numbers at offsets 16 and 20.
    header.writeUInt32BE(100000, 16);
    header.writeUInt32BE(100000, 20);
    const before = await stored();
    const started = Date.now();
    const response = await submitWith([
      { bytes: header, filename: 'huge.png', contentType: 'image/png' },
    ]);
    expect([response.status, response.body.error?.details?.code]).toEqual([
      413,
      'PHOTO_TOO_MANY_PIXELS',
    ]);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await stored()).toEqual(before);
  });

  it('an item that cannot be written (unknown grid) stores no photo', async () => {
    const before = await stored();
    const response = await submitWith(
      [{ bytes: await gpsJpeg(), filename: 'a.jpg', contentType: 'image/jpeg' }],
      { ...resident, grid: 'NO-SUCH-GRID' }
    );
    expect(response.status).toBe(400);
    expect(await stored()).toEqual(before);
  });

  it('a write that fails after the upload removes the uploads again', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'photos-test-'));
    const filepath = path.join(dir, 'upload');
    const bytes = await gpsJpeg();
    await fs.writeFile(filepath, bytes);
    const before = await stored();
    let seen = 0;
    await expect(
      minyiService(app.strapi, 'photos').withPhotos(
        null,
        {
          files: {
            submitted: [
              { filepath, originalFilename: 'a.jpg', mimetype: 'image/jpeg', size: bytes.length },
            ],
          },
        },
        async ({ submitted: photos }) => {
          // The photo was really stored before the write failed.
          seen = Number(
            (
              await db()('files')
                .whereIn(
                  'id',
                  photos.map((p) => p.id)
                )
                .count({ n: '*' })
            )[0].n
          );
          expect(uploadedFiles().length).toBeGreaterThan(before.onDisk.length);
          throw new Error('the item write failed');
        }
      )
    ).rejects.toThrow('the item write failed');
    expect(seen).toBe(1);
    expect(await stored()).toEqual(before);
    await fs.rm(dir, { recursive: true, force: true });
  });
});

describe('staff: 登记民意 with photos, and 整改前/整改后 on 办结', () => {
  let documentId: string;

  it('the intake takes the photos the grid worker took, cleaned like the public ones', async () => {
    const response = await request(app.server)
      .post('/minyi/intake')
      .set('Authorization', `Bearer ${tokens.grid}`)
      .field(
        'data',
        JSON.stringify({
          channel: 'grid-worker',
          title: '水沟堵塞',
          content: '村口水沟堵了',
          grid: 'G',
        })
      )
      .attach('photos', await gpsJpeg(), { filename: 'ditch.jpg', contentType: 'image/jpeg' });
    expect(response.status).toBe(201);
    documentId = response.body.data.documentId;
    const panel = await request(app.server)
      .get(`/minyi/items/${documentId}/panel`)
      .set('Authorization', `Bearer ${tokens.superAdmin}`);
    expect(panel.status).toBe(200);
    expect(panel.body.data.photos).toHaveLength(1);
    const [group] = panel.body.data.photos;
    expect(group.kind).toEqual({ value: 'submitted', label: '群众照片' });
    expect(group.photos).toHaveLength(1);
    for (const url of [group.photos[0].url, group.photos[0].thumbnailUrl])
      expect(await metadataLeft(storedFile(url))).toEqual([]);
  });

  it('the intake refuses a bad photo with its status and registers nothing', async () => {
    const before = await stored();
    const response = await request(app.server)
      .post('/minyi/intake')
      .set('Authorization', `Bearer ${tokens.grid}`)
      .field(
        'data',
        JSON.stringify({ channel: 'grid-worker', title: '水沟堵塞', content: '又堵了', grid: 'G' })
      )
      .attach('photos', Buffer.from('GIF89a'), { filename: 'a.gif', contentType: 'image/gif' });
    expect([response.status, response.body.error?.details?.code]).toEqual([415, 'PHOTO_TYPE']);
    expect(await stored()).toEqual(before);
  });

  it('resolve takes 整改前 and 整改后 photos; other actions refuse photos; all show in tracking', async () => {
    const coordinator = { role: 'county-coordinator' as const, label: '县委社会工作部' };
    const workflow = minyiService(app.strapi, 'workflow');
    await workflow.act(documentId, 'accept', coordinator, {});
    const beforeRefused = await stored();
    const refused = await request(app.server)
      .post(`/minyi/items/${documentId}/actions/assign`)
      .set('Authorization', `Bearer ${tokens.superAdmin}`)
      .field('data', JSON.stringify({ grid: 'G' }))
      .attach('before', await png(100, 80), { filename: 'b.png', contentType: 'image/png' });
    expect([refused.status, refused.body.error?.details?.code]).toEqual([
      400,
      'PHOTOS_ON_RESOLVE_ONLY',
    ]);
    expect(await stored()).toEqual(beforeRefused);
    await workflow.act(documentId, 'assign', coordinator, { grid: 'G' });
    await workflow.act(documentId, 'start', coordinator, {});

    // A refused move (a bad second file) keeps neither photo, and the item stays in progress.
    const beforeBad = await stored();
    const bad = await request(app.server)
      .post(`/minyi/items/${documentId}/actions/resolve`)
      .set('Authorization', `Bearer ${tokens.superAdmin}`)
      .field('data', JSON.stringify({ reply: '已疏通' }))
      .attach('before', await gpsJpeg(), { filename: 'b.jpg', contentType: 'image/jpeg' })
      .attach('after', Buffer.from('nope'), { filename: 'a.jpg', contentType: 'image/jpeg' });
    expect([bad.status, bad.body.error?.details?.code]).toEqual([400, 'PHOTO_NOT_AN_IMAGE']);
    expect(await stored()).toEqual(beforeBad);
    expect((await db()('items').where('document_id', documentId).first('state')).state).toBe(
      'in-progress'
    );

    const resolved = await request(app.server)
      .post(`/minyi/items/${documentId}/actions/resolve`)
      .set('Authorization', `Bearer ${tokens.superAdmin}`)
      .field('data', JSON.stringify({ reply: '已疏通' }))
      .attach('before', await gpsJpeg(), { filename: 'b.jpg', contentType: 'image/jpeg' })
      .attach('after', await png(400, 300), { filename: 'a1.png', contentType: 'image/png' })
      .attach('after', await png(400, 300), { filename: 'a2.png', contentType: 'image/png' });
    expect(resolved.status).toBe(200);
    expect(resolved.body.data.status).toBe('resolved');

    const item = await db()('items').where('document_id', documentId).first('tracking_code');
    const tracking = await request(app.server).get(`/api/items/track/${item.tracking_code}`);
    const photos = tracking.body.data.photos;
    expect([photos.submitted.length, photos.before.length, photos.after.length]).toEqual([1, 1, 2]);
    for (const photo of [...photos.before, ...photos.after])
      for (const url of [photo.url, ...Object.values(photo.formats as Record<string, string>)])
        expect(await metadataLeft(storedFile(url))).toEqual([]);
  });
});

describe('Open311: the multipart `media` upload and `media_url`', () => {
  const form = {
    service_code: 'ENV-01',
    address_id: 'G',
    description: '垃圾堆在路边',
    lat: '29.41',
    long: '112.17',
  };
  function post(fields: Record<string, string>, media?: Photo) {
    const req = request(app.server).post('/api/open311/v2/requests.json');
    req.field('api_key', tokens.open311);
    for (const [name, value] of Object.entries(fields)) req.field(name, value);
    if (media)
      req.attach('media', media.bytes, {
        filename: media.filename,
        contentType: media.contentType,
      });
    return req;
  }
  const requestOf = async (id: string) =>
    (await request(app.server).get(`/api/open311/v2/requests/${id}.json`)).body[0];

  it('a JPEG with GPS EXIF sent as `media` is stored without it and answered as media_url', async () => {
    const response = await post(form, {
      bytes: await gpsJpeg(),
      filename: 'IMG_0002.jpg',
      contentType: 'image/jpeg',
    });
    expect(response.status).toBe(200);
    const id = response.body[0].service_request_id as string;
    const answer = await requestOf(id);
    expect(answer.media_url).toMatch(
      /^http:\/\/localhost:1337\/uploads\/minyi_submitted_1_[0-9a-f]+\.jpg$/
    );
    const url = new URL(answer.media_url).pathname;
    expect(await metadataLeft(storedFile(url))).toEqual([]);
    const tracking = await request(app.server).get(`/api/items/track/${id}`);
    const photo = tracking.body.data.photos.submitted[0];
    for (const stored of [photo.url, ...Object.values(photo.formats as Record<string, string>)])
      expect(await metadataLeft(storedFile(stored))).toEqual([]);
    // The XML answer carries it too.
    const xml = await request(app.server).get(`/api/open311/v2/requests/${id}.xml`);
    expect(xml.text).toContain(`<media_url>${answer.media_url}</media_url>`);
  });

  it('media_url is stored as the reference given (http(s) only) and answered when there is no photo', async () => {
    const response = await post({ ...form, media_url: 'https://photos.example.org/a.jpg' });
    expect(response.status).toBe(200);
    expect((await requestOf(response.body[0].service_request_id)).media_url).toBe(
      'https://photos.example.org/a.jpg'
    );
    const refused = await post({ ...form, media_url: 'javascript:alert(1)' });
    expect(refused.status).toBe(400);
  });

  it('a bad `media` file answers the spec’s error with 415/413/400 and stores nothing', async () => {
    for (const [media, status] of [
      [{ bytes: Buffer.from('GIF89a'), filename: 'a.gif', contentType: 'image/gif' }, 415],
      [{ bytes: Buffer.from('no image'), filename: 'a.jpg', contentType: 'image/jpeg' }, 400],
      [{ bytes: await png(3000, 3000), filename: 'bomb.png', contentType: 'image/png' }, 413],
    ] as const) {
      const before = await stored();
      const response = await post(form, media);
      expect(response.status).toBe(status);
      expect(response.body).toEqual([{ code: status, description: expect.any(String) }]);
      expect(await stored()).toEqual(before);
    }
  });
});

describe('two rooms of six: the resident’s photos, and 整改前 + 整改后 together; kept in order', () => {
  const coordinator = { role: 'county-coordinator' as const, label: '县委社会工作部' };
  const pngs = (count: number, firstWidth = 101) =>
    Promise.all(
      Array.from({ length: count }, async (_, i) => ({
        bytes: await png(firstWidth + i, 60),
        filename: `p${i}.png`,
        contentType: 'image/png',
      }))
    );
  function open311With(fields: Record<string, string>, media: Photo[]) {
    const req = request(app.server)
      .post('/api/open311/v2/requests.json')
      .field('api_key', tokens.open311);
    for (const [name, value] of Object.entries({
      service_code: 'ENV-01',
      address_id: 'G',
      description: '垃圾堆在路边',
      ...fields,
    }))
      req.field(name, value);
    for (const photo of media)
      req.attach('media', photo.bytes, {
        filename: photo.filename,
        contentType: photo.contentType,
      });
    return req;
  }
  function resolveWith(documentId: string, files: { before?: Photo[]; after?: Photo[] }) {
    const req = request(app.server)
      .post(`/minyi/items/${documentId}/actions/resolve`)
      .set('Authorization', `Bearer ${tokens.superAdmin}`)
      .field('data', JSON.stringify({ reply: '已整改' }));
    for (const field of ['before', 'after'] as const)
      for (const photo of files[field] ?? [])
        req.attach(field, photo.bytes, {
          filename: photo.filename,
          contentType: photo.contentType,
        });
    return req;
  }

  it('Open311: media_url counts as one of the six, with the `media` files', async () => {
    const before = await stored();
    const refused = await open311With(
      { media_url: 'https://photos.example.org/b.jpg' },
      await pngs(6)
    );
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual([{ code: 400, description: expect.stringContaining('6') }]);
    expect(await stored()).toEqual(before);

    const accepted = await open311With(
      { media_url: 'https://photos.example.org/b.jpg' },
      await pngs(5)
    );
    expect(accepted.status).toBe(200);
    const tracking = await request(app.server).get(
      `/api/items/track/${accepted.body[0].service_request_id}`
    );
    expect(tracking.body.data.photos.submitted).toHaveLength(5);
  });

  it('public and intake: six are taken, the seventh refused in Chinese and English', async () => {
    const six = await submitWith(await pngs(6));
    expect(six.status).toBe(201);
    const before = await stored();
    const seven = request(app.server)
      .post('/minyi/intake')
      .set('Authorization', `Bearer ${tokens.grid}`)
      .field(
        'data',
        JSON.stringify({ channel: 'grid-worker', title: '路灯', content: '不亮', grid: 'G' })
      );
    for (const photo of await pngs(7))
      seven.attach('photos', photo.bytes, {
        filename: photo.filename,
        contentType: photo.contentType,
      });
    const answer = await seven;
    expect([answer.status, answer.body.error?.details?.code]).toEqual([400, 'PHOTO_TOO_MANY']);
    expect(answer.body.error.details.reason).toEqual({
      zh: '每件事项的群众照片最多 6 张,未保存任何照片',
      en: "An item holds at most 6 of the resident's photos; nothing was stored",
    });
    expect(await stored()).toEqual(before);
  });

  it('整改前 + 整改后 share six across resolves: after a reopen the seventh is refused, nothing stored', async () => {
    const submitted = await submitWith([]);
    expect(submitted.status).toBe(201);
    const { document_id: documentId } = await db()('items')
      .where('tracking_code', submitted.body.data.trackingCode)
      .first('document_id');
    const workflow = minyiService(app.strapi, 'workflow');
    for (const action of ['accept', 'assign', 'start'] as const)
      await workflow.act(documentId, action, coordinator, action === 'assign' ? { grid: 'G' } : {});

    // Seven in one resolve: 4 before + 3 after.
    const beforeSeven = await stored();
    const seven = await resolveWith(documentId, {
      before: await pngs(4),
      after: await pngs(3, 201),
    });
    expect([seven.status, seven.body.error?.details?.code]).toEqual([400, 'PHOTO_TOO_MANY']);
    expect(seven.body.error.details.reason.zh).toBe(
      '每件事项的整改前和整改后照片最多 6 张,未保存任何照片'
    );
    expect(await stored()).toEqual(beforeSeven);

    const first = await resolveWith(documentId, {
      before: await pngs(4),
      after: await pngs(1, 201),
    });
    expect(first.status).toBe(200);
    await workflow.act(documentId, 'reopen', coordinator, { reason: '群众反映未修好' });
    await workflow.act(documentId, 'start', coordinator, {});

    const beforeLater = await stored();
    const later = await resolveWith(documentId, { after: await pngs(2, 301) });
    expect([later.status, later.body.error?.details?.code]).toEqual([400, 'PHOTO_TOO_MANY']);
    expect(later.body.error.details.reason.zh).toBe(
      '每件事项的整改前和整改后照片最多 6 张(已有 5 张),未保存任何照片'
    );
    expect(await stored()).toEqual(beforeLater);
    expect((await db()('items').where('document_id', documentId).first('state')).state).toBe(
      'in-progress'
    );
    // The resident's room is its own: six rectification photos leave the resident's untouched.
    const last = await resolveWith(documentId, { after: await pngs(1, 301) });
    expect(last.status).toBe(200);
    const tracking = await request(app.server).get(
      `/api/items/track/${submitted.body.data.trackingCode}`
    );
    const widths = (list: Array<{ width: number }>) => list.map((photo) => photo.width);
    expect(widths(tracking.body.data.photos.before)).toEqual([101, 102, 103, 104]);
    expect(widths(tracking.body.data.photos.after)).toEqual([201, 301]);
  });

  it('serves the photos in the order sent: tracking, item panel and Open311 media_url', async () => {
    // A large first file may finish writing after the small ones: the order must still hold.
    const large = {
      bytes: await noisePng(500, 400),
      filename: 'large.png',
      contentType: 'image/png',
    };
    const sent = [large, ...(await pngs(4, 121))];
    const expected = [500, 121, 122, 123, 124];
    const widths = (list: Array<{ width: number }>) => list.map((photo) => photo.width);

    const publicItem = await submitWith(sent);
    expect(publicItem.status).toBe(201);
    const tracking = await request(app.server).get(
      `/api/items/track/${publicItem.body.data.trackingCode}`
    );
    expect(widths(tracking.body.data.photos.submitted)).toEqual(expected);

    const { document_id: documentId } = await db()('items')
      .where('tracking_code', publicItem.body.data.trackingCode)
      .first('document_id');
    const panel = await request(app.server)
      .get(`/minyi/items/${documentId}/panel`)
      .set('Authorization', `Bearer ${tokens.superAdmin}`);
    expect(widths(panel.body.data.photos[0].photos)).toEqual(expected);

    const viaOpen311 = await open311With({}, sent);
    expect(viaOpen311.status).toBe(200);
    const id = viaOpen311.body[0].service_request_id as string;
    const answered = (await request(app.server).get(`/api/open311/v2/requests/${id}.json`)).body[0];
    const served = (await request(app.server).get(`/api/items/track/${id}`)).body.data.photos
      .submitted;
    expect(widths(served)).toEqual(expected);
    expect(answered.media_url).toBe(`http://localhost:1337${served[0].url}`);
  });
});
