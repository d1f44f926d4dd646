import fc from 'fast-check';
import {
  checkPhotoCandidates,
  checkPhotoHeader,
  declaredTypeAllowed,
  isPhotoReference,
  PHOTO_FIELDS,
  PHOTO_KINDS,
  type PhotoLimits,
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
