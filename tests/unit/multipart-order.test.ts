import { markPartOrder } from '../../src/http/multipart-order';
import { incomingPhotos } from '../../plugins/minyi/server/src/services/photos/photo-store';

/**
 * koa-body lists a field's files in the order formidable finished writing them; the body
 * parser's `fileBegin` hook numbers them in the order sent, and the photo service reads them in
 * that order (the integration test photos.test.ts serves them back in order end to end).
 */
describe('multipart files in the order sent', () => {
  const file = (name: string) => ({ filepath: `/tmp/${name}`, originalFilename: name, size: 1 });

  it('numbers the parts as they begin and reads them back in that order, however listed', () => {
    const [first, second, third] = [file('a.jpg'), file('b.jpg'), file('c.jpg')];
    for (const part of [first, second, third]) markPartOrder('photos', part);
    const listed = { photos: [third, first, second] };
    expect(incomingPhotos(listed, 'photos').map((photo) => photo.originalFilename)).toEqual([
      'a.jpg',
      'b.jpg',
      'c.jpg',
    ]);
  });

  it('keeps the listed order of files the parser did not number, and takes a single file', () => {
    const listed = { photos: [file('z.jpg'), file('y.jpg')] };
    expect(incomingPhotos(listed, 'photos').map((photo) => photo.originalFilename)).toEqual([
      'z.jpg',
      'y.jpg',
    ]);
    expect(incomingPhotos({ media: file('m.jpg') }, 'media')).toHaveLength(1);
  });
});
