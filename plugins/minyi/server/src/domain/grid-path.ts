/**
 * A grid's materialised path lists the codes from the county root down to the grid itself,
 * e.g. "/430721/430721101/430721101001/". A subtree is then one prefix match, which an index
 * serves, instead of a recursive walk of the tree.
 */
export function gridPath(parentPath: string | null | undefined, code: string): string {
  if (!/^[A-Za-z0-9-]+$/.test(code))
    throw new RangeError(`grid code "${code}" may only hold letters, digits and dashes`);
  const base = parentPath && parentPath.length > 0 ? parentPath : '/';
  return `${base}${code}/`;
}

/** True when `path` is `ancestorPath` itself or lies below it. */
export function isInSubtree(path: string, ancestorPath: string): boolean {
  return path.startsWith(ancestorPath);
}

/** The codes along a path, root first. */
export function pathCodes(path: string): string[] {
  return path.split('/').filter((part) => part.length > 0);
}

/**
 * The code of the township a path lies in — the second code below the county root
 * ("/430721/430721101/…" → "430721101") — or null for the county itself. One rule for every
 * report, figure and sample that groups by township.
 */
export function townshipOfPath(path: string | null | undefined): string | null {
  return pathCodes(path ?? '')[1] ?? null;
}
