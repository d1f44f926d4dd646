import { changesRelation, relationTargetId } from './item-identity';

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

describe('changesRelation', () => {
  it('tells an untouched relation in update data from a changed one', () => {
    expect(changesRelation(undefined)).toBe(false);
    expect(changesRelation({ connect: [], disconnect: [] })).toBe(false);
    expect(changesRelation({ connect: [] })).toBe(false);
    expect(changesRelation({ connect: [{ id: 2 }], disconnect: [] })).toBe(true);
    expect(changesRelation({ disconnect: [{ id: 2 }] })).toBe(true);
    expect(changesRelation({ set: [] })).toBe(true);
    expect(changesRelation(null)).toBe(true);
    expect(changesRelation(5)).toBe(true);
    expect(changesRelation('documentId')).toBe(true);
  });
});
