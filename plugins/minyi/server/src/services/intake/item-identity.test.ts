import { relationTargetId } from './item-identity';

describe('relationTargetId', () => {
  it('reads the to-one shapes Strapi passes down, and gives up on the others', () => {
    expect(relationTargetId(5)).toBe(5);
    expect(relationTargetId({ id: 5 })).toBe(5);
    expect(relationTargetId({ set: [{ id: 5 }] })).toBe(5);
    expect(relationTargetId({ connect: [{ id: 7 }] })).toBe(7);
    expect(relationTargetId({ set: [] })).toBeNull();
    expect(relationTargetId(null)).toBeNull();
    expect(relationTargetId('abc')).toBeUndefined();
    expect(relationTargetId({ connect: [{ id: 7, position: { end: true } }] })).toBeUndefined();
    expect(relationTargetId({ set: [{ id: 1 }, { id: 2 }] })).toBeUndefined();
    expect(relationTargetId({ connect: [{ id: 1 }], disconnect: [] })).toBeUndefined();
  });
});
