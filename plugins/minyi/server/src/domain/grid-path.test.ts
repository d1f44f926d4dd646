import fc from 'fast-check';
import { gridPath, isInSubtree, pathCodes, townshipOfPath } from './grid-path';

const code = fc.stringMatching(/^[A-Za-z0-9-]{1,12}$/);

describe('grid paths', () => {
  it('put the root first and the grid last', () => {
    const county = gridPath(null, '430721');
    const township = gridPath(county, '430721101');
    expect(township).toBe('/430721/430721101/');
    expect(pathCodes(township)).toEqual(['430721', '430721101']);
  });

  it('place every child inside its parent subtree and never a sibling inside another', () => {
    fc.assert(
      fc.property(fc.array(code, { minLength: 1, maxLength: 6 }), code, code, (ancestors, a, b) => {
        fc.pre(a !== b);
        const parent = ancestors.reduce<string | null>(
          (path, c) => gridPath(path, c),
          null
        ) as string;
        const childA = gridPath(parent, a);
        const childB = gridPath(parent, b);
        expect(isInSubtree(childA, parent)).toBe(true);
        expect(isInSubtree(childA, childB)).toBe(false);
        expect(pathCodes(childA)).toEqual([...ancestors, a]);
      })
    );
  });

  it('refuse codes that would break the path', () => {
    expect(() => gridPath('/1/', 'a/b')).toThrow(RangeError);
  });
});

describe('townshipOfPath', () => {
  it('is the second code below the root, or null for the county and empty paths', () => {
    expect(townshipOfPath('/430721/430721101/430721101001/')).toBe('430721101');
    expect(townshipOfPath('/430721/430721101/')).toBe('430721101');
    expect(townshipOfPath('/430721/')).toBeNull();
    expect(townshipOfPath('')).toBeNull();
    expect(townshipOfPath(null)).toBeNull();
  });

  it('is the same for a grid and every grid below it', () => {
    const code = fc.stringMatching(/^[A-Za-z0-9-]{1,8}$/);
    fc.assert(
      fc.property(fc.array(code, { minLength: 2, maxLength: 6 }), (codes) => {
        const paths = codes.reduce<string[]>(
          (all, c) => [...all, gridPath(all[all.length - 1] ?? null, c)],
          []
        );
        return paths.slice(1).every((path) => townshipOfPath(path) === codes[1]);
      })
    );
  });
});
