import type { KindSummary } from '../../../../shared/structure-import';
import { COLUMNS, STRUCTURE_KINDS, type StructureKind } from './columns';
import type { LoginKind } from './labels';
import type { Located, ParsedSheets, RecordOfKind } from './rows';
import { keyOf } from './validate';

export type CurrentStructure = { [K in StructureKind]: ReadonlyMap<string, RecordOfKind[K]> };

export interface KindChanges<K extends StructureKind> {
  readonly create: Array<Located<RecordOfKind[K]>>;
  readonly update: Array<Located<RecordOfKind[K]> & { changed: string[] }>;
  readonly unchanged: number;
  /** Keys of records the database holds and the file does not: listed, never deleted. */
  readonly missing: string[];
}

export type StructureChanges = { [K in StructureKind]?: KindChanges<K> };

/** The fields that differ between the stored record and the file's, by column key. */
export function changedFields<K extends StructureKind>(
  kind: K,
  current: RecordOfKind[K],
  wanted: RecordOfKind[K]
): string[] {
  const stored = current as unknown as Record<string, unknown>;
  const asked = wanted as unknown as Record<string, unknown>;
  return COLUMNS[kind]
    .map((column) => column.key)
    .filter((key) =>
      kind === 'staff' && key === 'login'
        ? loginWanted(stored.login as LoginKind, asked.login as LoginKind)
        : stored[key] !== asked[key]
    );
}

/**
 * Whether the file asks for a login the staff member lacks. Logins are never taken away by an
 * import ("无" keeps an existing one), and an admin login already covers a field account's reach.
 */
export function loginWanted(current: LoginKind, wanted: LoginKind): boolean {
  return wanted !== 'none' && wanted !== current && current !== 'admin';
}

function diffKind<K extends StructureKind>(
  kind: K,
  rows: ReadonlyArray<Located<RecordOfKind[K]>>,
  current: ReadonlyMap<string, RecordOfKind[K]>
): KindChanges<K> {
  const create: Array<Located<RecordOfKind[K]>> = [];
  const update: Array<Located<RecordOfKind[K]> & { changed: string[] }> = [];
  let unchanged = 0;
  const inFile = new Set<string>();
  for (const located of rows) {
    const key = keyOf(kind, located.record);
    inFile.add(key);
    const stored = current.get(key);
    if (!stored) create.push(located);
    else {
      const changed = changedFields(kind, stored, located.record);
      if (changed.length === 0) unchanged++;
      else update.push({ ...located, changed });
    }
  }
  const missing = [...current.keys()].filter((key) => !inFile.has(key)).sort();
  return { create, update, unchanged, missing };
}

/** What importing the (valid) sheets would change: created, updated, unchanged, missing per kind. */
export function diffStructure(sheets: ParsedSheets, current: CurrentStructure): StructureChanges {
  const changes: StructureChanges = {};
  for (const kind of STRUCTURE_KINDS) {
    const rows = sheets[kind];
    if (rows === undefined) continue;
    // Each kind on its own: TypeScript cannot correlate the mapped types through the loop variable.
    (changes as Record<string, unknown>)[kind] = diffKind(
      kind,
      rows as ReadonlyArray<Located<RecordOfKind[typeof kind]>>,
      current[kind] as ReadonlyMap<string, RecordOfKind[typeof kind]>
    );
  }
  return changes;
}

export type { KindSummary };

export const MISSING_LISTED = 200;

export function summarize(changes: StructureChanges): Partial<Record<StructureKind, KindSummary>> {
  const summary: Partial<Record<StructureKind, KindSummary>> = {};
  for (const kind of STRUCTURE_KINDS) {
    const kindChanges = changes[kind] as KindChanges<StructureKind> | undefined;
    if (!kindChanges) continue;
    summary[kind] = {
      created: kindChanges.create.length,
      updated: kindChanges.update.length,
      unchanged: kindChanges.unchanged,
      missing: kindChanges.missing.length,
      missingKeys: kindChanges.missing.slice(0, MISSING_LISTED),
    };
  }
  return summary;
}
