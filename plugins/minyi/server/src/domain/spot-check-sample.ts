import { seededRandom, type SeededRandom } from './seeded-random';

/**
 * The monthly spot-check sample (月抽查): a stratified random sample of the period's handled
 * items, per township and per department, drawn with a seeded generator so that the stored seed
 * reproduces it anywhere. Candidates are sorted by their key before drawing, so the order the
 * database returned them in does not matter.
 */

export interface SamplingRule {
  /** Percentage of a stratum drawn (10 = 10%), rounded up. */
  readonly percent: number;
  /** At least this many per stratum (or the whole stratum when smaller). */
  readonly min: number;
  /** At most this many per stratum. */
  readonly max: number;
  /**
   * Which units are strata, drawn in this order: each township, each department, or both
   * (absent: both — the rule of samples stored before the strata could be chosen).
   */
  readonly strata?: readonly SampleStratumKind[];
}

export const SAMPLE_STRATUM_KINDS = ['township', 'department'] as const;
export type SampleStratumKind = (typeof SAMPLE_STRATUM_KINDS)[number];

/** The rule's strata in drawing order (townships first), both when not chosen. */
export function strataOf(rule: SamplingRule): SampleStratumKind[] {
  const chosen = rule.strata ?? SAMPLE_STRATUM_KINDS;
  return SAMPLE_STRATUM_KINDS.filter((kind) => chosen.includes(kind));
}

export const DEFAULT_SAMPLING_RULE: SamplingRule = { percent: 10, min: 2, max: 20 };

/** max(min, ceil(percent% of n)), capped at max, never more than n. */
export function sampleSize(stratumSize: number, rule: SamplingRule): number {
  if (stratumSize <= 0) return 0;
  const wanted = Math.max(rule.min, Math.ceil((stratumSize * rule.percent) / 100));
  return Math.min(stratumSize, rule.max, wanted);
}

export function samplingRuleProblems(rule: SamplingRule): string[] {
  const problems: string[] = [];
  if (!(typeof rule.percent === 'number' && rule.percent > 0 && rule.percent <= 100))
    problems.push('percent must be in (0, 100]');
  if (!(Number.isInteger(rule.min) && rule.min >= 0))
    problems.push('min must be a whole number ≥ 0');
  if (!(Number.isInteger(rule.max) && rule.max >= 1))
    problems.push('max must be a whole number ≥ 1');
  if (Number.isInteger(rule.min) && Number.isInteger(rule.max) && rule.min > rule.max)
    problems.push('min must not exceed max');
  if (
    rule.strata !== undefined &&
    (rule.strata.length === 0 ||
      new Set(rule.strata).size !== rule.strata.length ||
      rule.strata.some((kind) => !SAMPLE_STRATUM_KINDS.includes(kind)))
  )
    problems.push('strata must be township and/or department, each once');
  return problems;
}

export interface SampleCandidate {
  /** Stable, unique key: the tracking code. */
  readonly key: string;
  /** Township code of the item's grid, if any. */
  readonly township: string | null;
  /** Lead department code, if any. */
  readonly department: string | null;
}

export interface StratumDraw {
  readonly kind: 'township' | 'department';
  readonly code: string;
  readonly size: number;
  readonly quota: number;
  /** Keys drawn for this stratum (department strata count items a township stratum already drew). */
  readonly keys: readonly string[];
}

export interface Sample {
  readonly seed: string;
  readonly rule: SamplingRule;
  readonly strata: readonly StratumDraw[];
  /** Every sampled key, sorted. */
  readonly keys: readonly string[];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `count` distinct elements of `pool` (sorted copy), by a partial Fisher–Yates shuffle. */
function draw(pool: readonly string[], count: number, random: SeededRandom): string[] {
  const list = [...pool];
  for (let i = 0; i < count; i++) {
    const j = i + random.below(list.length - i);
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list.slice(0, count);
}

/**
 * Townships first (by code), then departments (by code) — those the rule names as strata. Each stratum's quota follows the rule;
 * a department stratum first counts its items already drawn for a township and draws only the
 * rest of its quota from the others, so no item is sampled twice and each unit gets its share.
 */
export function drawSample(
  candidates: readonly SampleCandidate[],
  rule: SamplingRule,
  seed: string
): Sample {
  const problems = samplingRuleProblems(rule);
  if (problems.length > 0) throw new RangeError(`sampling rule: ${problems.join('; ')}`);
  const random = seededRandom(seed);
  const sorted = [...new Map(candidates.map((c) => [c.key, c])).values()].sort((a, b) =>
    compare(a.key, b.key)
  );
  const chosen = new Set<string>();
  const strata: StratumDraw[] = [];

  for (const kind of strataOf(rule)) {
    const groups = new Map<string, string[]>();
    for (const candidate of sorted) {
      const code = candidate[kind];
      if (code === null || code === '') continue;
      const list = groups.get(code) ?? [];
      list.push(candidate.key);
      groups.set(code, list);
    }
    for (const code of [...groups.keys()].sort(compare)) {
      const members = groups.get(code) ?? [];
      const quota = sampleSize(members.length, rule);
      const already = members.filter((key) => chosen.has(key));
      const fresh = draw(
        members.filter((key) => !chosen.has(key)),
        Math.max(0, quota - already.length),
        random
      );
      for (const key of fresh) chosen.add(key);
      strata.push({
        kind,
        code,
        size: members.length,
        quota,
        keys: [...already.slice(0, quota), ...fresh].sort(compare),
      });
    }
  }
  return { seed, rule, strata, keys: [...chosen].sort(compare) };
}
