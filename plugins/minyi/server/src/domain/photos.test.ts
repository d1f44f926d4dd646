import fc from 'fast-check';
import {
  addedCounts,
  checkPhotoAddition,
  checkPhotoCandidates,
  checkPhotoRoom,
  checkPhotoHeader,
  declaredTypeAllowed,
  isPhotoReference,
  PHOTO_FIELDS,
  PHOTO_KINDS,
  PHOTO_ROOMS,
  type PhotoCounts,
  type PhotoLimits,
  roomOf,
  storedPhotoName,
} from './photos';
import { ITEM_OWNED_FIELDS } from './owned-fields';

const limits: PhotoLimits = { maxPerItem: 6, maxBytes: 10 * 1024 * 1024, maxPixels: 50_000_000 };
const jpeg = (size = 1000, name = 'a.jpg') => ({ name, declaredType: 'image/jpeg', size });

describe('checkPhotoCandidates', () => {
  it('accepts up to six photos of the allowed types within the size limit', () => {
    expect(checkPhotoCandidates([jpeg(), jpeg(), jpeg()], 3, limits)).toEqual({ ok: true });
    expect(
      checkPhotoCandidates(
        [
          { name: 'b.png', declaredType: 'image/png', size: 5 },
          { name: 'c.webp', declaredType: 'image/webp', size: 5 },
          { name: 'd', declaredType: 'application/octet-stream', size: 5 },
          { name: 'e', declaredType: null, size: 5 },
        ],
        0,
        limits
      )
    ).toEqual({ ok: true });
  });

  it('counts the photos the item already has: the seventh is a 400 before any file is looked at', () => {
    const refusal = checkPhotoCandidates(
      [{ name: 'x.gif', declaredType: 'image/gif', size: 1 }],
      6,
      limits
    );
    expect(refusal).toMatchObject({ ok: false, status: 400, code: 'PHOTO_TOO_MANY' });
  });

  it('refuses a declared type other than JPEG, PNG, WebP with 415 and an oversized file with 413', () => {
    for (const type of ['image/gif', 'image/svg+xml', 'application/pdf', 'text/html', 'image/heic'])
      expect(
        checkPhotoCandidates([{ name: 'x', declaredType: type, size: 1 }], 0, limits)
      ).toMatchObject({ status: 415, code: 'PHOTO_TYPE', file: 'x' });
    expect(checkPhotoCandidates([jpeg(limits.maxBytes + 1, 'big.jpg')], 0, limits)).toMatchObject({
      status: 413,
      code: 'PHOTO_TOO_LARGE',
      file: 'big.jpg',
    });
    expect(checkPhotoCandidates([jpeg(limits.maxBytes)], 0, limits)).toEqual({ ok: true });
  });

  it('property: accepted exactly when count, every type and every size are within the rules', () => {
    const candidate = fc.record({
      name: fc.string({ maxLength: 10 }),
      declaredType: fc.constantFrom('image/jpeg', 'image/png', 'image/webp', 'image/gif', null),
      size: fc.integer({ min: 0, max: 2 * limits.maxBytes }),
    });
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 9 }), fc.nat(8), (candidates, stored) => {
        const result = checkPhotoCandidates(candidates, stored, limits);
        const fine =
          stored + candidates.length <= limits.maxPerItem &&
          candidates.every((c) => c.declaredType !== 'image/gif' && c.size <= limits.maxBytes);
        expect(result.ok).toBe(fine);
        if (!result.ok) expect([400, 413, 415]).toContain(result.status);
      })
    );
  });
});

describe('two rooms: the resident’s six, and 整改前 + 整改后 six together', () => {
  const counts = (submitted: number, before: number, after: number): PhotoCounts => ({
    submitted,
    before,
    after,
  });

  it('counts a media_url reference as one of the resident’s, with the files', () => {
    const five = { files: { submitted: Array.from({ length: 5 }, () => jpeg()) } };
    expect(checkPhotoAddition(counts(0, 0, 0), { ...five, references: 1 }, limits)).toEqual({
      ok: true,
    });
    const six = { files: { submitted: [...five.files.submitted, jpeg()] }, references: 1 };
    expect(checkPhotoAddition(counts(0, 0, 0), six, limits)).toMatchObject({
      ok: false,
      status: 400,
      code: 'PHOTO_TOO_MANY',
      reason: { zh: '每件事项的群众照片最多 6 张,未保存任何照片' },
    });
    expect(addedCounts(six)).toEqual(counts(7, 0, 0));
  });

  it('judges 整改前 and 整改后 together, with what earlier resolves stored', () => {
    expect(checkPhotoRoom(counts(6, 4, 1), counts(0, 0, 1), limits)).toEqual({ ok: true });
    expect(checkPhotoRoom(counts(0, 4, 1), counts(0, 0, 2), limits)).toMatchObject({
      code: 'PHOTO_TOO_MANY',
      reason: {
        zh: '每件事项的整改前和整改后照片最多 6 张(已有 5 张),未保存任何照片',
        en: 'An item holds at most 6 of before and after photos together (5 stored); nothing was stored',
      },
    });
    // The resident's six do not use the rectification room, nor the other way round.
    expect(checkPhotoRoom(counts(6, 0, 0), counts(0, 3, 3), limits)).toEqual({ ok: true });
    expect(checkPhotoRoom(counts(0, 3, 3), counts(6, 0, 0), limits)).toEqual({ ok: true });
  });

  it('does not judge a room the request adds nothing to (an item stored under a higher limit)', () => {
    expect(checkPhotoRoom(counts(9, 0, 0), counts(0, 1, 0), limits)).toEqual({ ok: true });
    expect(checkPhotoRoom(counts(9, 0, 0), counts(1, 0, 0), limits)).toMatchObject({ ok: false });
  });

  it('checks the count before the files: a bad file in a request of too many is a 400', () => {
    const gif = { name: 'x.gif', declaredType: 'image/gif', size: 1 };
    expect(checkPhotoAddition(counts(0, 6, 0), { files: { after: [gif] } }, limits)).toMatchObject({
      status: 400,
      code: 'PHOTO_TOO_MANY',
    });
    expect(checkPhotoAddition(counts(0, 0, 0), { files: { after: [gif] } }, limits)).toMatchObject({
      status: 415,
      code: 'PHOTO_TYPE',
    });
  });

  it('every kind is in exactly one room', () => {
    for (const kind of PHOTO_KINDS)
      expect(
        Object.values(PHOTO_ROOMS).filter((kinds) => (kinds as readonly string[]).includes(kind))
      ).toHaveLength(1);
    expect([roomOf('submitted'), roomOf('before'), roomOf('after')]).toEqual([
      'resident',
      'rectification',
      'rectification',
    ]);
  });

  it('property: accepted exactly when each room added to stays within six, whatever the split', () => {
    const count = fc.nat(8);
    fc.assert(
      fc.property(
        fc.record({ submitted: count, before: count, after: count }),
        fc.record({ submitted: count, before: count, after: count }),
        fc.nat(1),
        (stored, adding, references) => {
          const addition = {
            files: Object.fromEntries(
              PHOTO_KINDS.map((kind) => [kind, Array.from({ length: adding[kind] }, () => jpeg())])
            ),
            references,
          };
          const resident = adding.submitted + references;
          const rectification = adding.before + adding.after;
          const fine =
            (resident === 0 || stored.submitted + resident <= limits.maxPerItem) &&
            (rectification === 0 ||
              stored.before + stored.after + rectification <= limits.maxPerItem);
          const result = checkPhotoAddition(stored, addition, limits);
          expect(result.ok).toBe(fine);
          // The same rule on counts alone, as the transaction judges it again.
          expect(checkPhotoRoom(stored, addedCounts(addition), limits).ok).toBe(fine);
          if (!result.ok) expect(result.code).toBe('PHOTO_TOO_MANY');
        }
      )
    );
  });
});

describe('checkPhotoHeader', () => {
  it('answers the real format, refusing others with 415, no dimensions with 400, too many pixels with 413', () => {
    expect(checkPhotoHeader('a', { format: 'png', width: 10, height: 10 }, limits)).toEqual({
      ok: true,
      format: 'png',
    });
    expect(checkPhotoHeader('a', { format: 'gif', width: 10, height: 10 }, limits)).toMatchObject({
      status: 415,
    });
    expect(
      checkPhotoHeader('a', { format: undefined, width: 10, height: 10 }, limits)
    ).toMatchObject({ status: 400, code: 'PHOTO_NOT_AN_IMAGE' });
    expect(
      checkPhotoHeader('a', { format: 'jpeg', width: 10_000, height: 5_001 }, limits)
    ).toMatchObject({ status: 413, code: 'PHOTO_TOO_MANY_PIXELS' });
    expect(checkPhotoHeader('a', { format: 'jpeg', width: 10_000, height: 5_000 }, limits)).toEqual(
      { ok: true, format: 'jpeg' }
    );
  });
});

describe('names, types and references', () => {
  it('never keeps the name as sent in the stored name', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(...PHOTO_KINDS), fc.nat(10), (_sent, kind, i) => {
        expect(storedPhotoName(kind, 'jpeg', i)).toMatch(
          /^minyi-(submitted|before|after)-\d+\.jpg$/
        );
      })
    );
  });

  it('reads declared types loosely (case, parameters) but only as the three formats', () => {
    expect(declaredTypeAllowed('IMAGE/JPEG; charset=binary')).toBe(true);
    expect(declaredTypeAllowed('image/svg+xml')).toBe(false);
  });

  it('takes only http(s) references (Open311 media_url)', () => {
    expect(isPhotoReference('https://example.org/a.jpg')).toBe(true);
    expect(isPhotoReference('http://example.org/a.jpg')).toBe(true);
    for (const bad of ['javascript:alert(1)', 'file:///etc/passwd', 'ftp://x/a.jpg', 'not a url'])
      expect(isPhotoReference(bad)).toBe(false);
    expect(isPhotoReference(`https://example.org/${'a'.repeat(2100)}`)).toBe(false);
  });

  it('every photo field is owned by the workflow', () => {
    for (const field of Object.values(PHOTO_FIELDS))
      expect(ITEM_OWNED_FIELDS[field]).toMatchObject({ kind: 'to-many' });
  });
});
