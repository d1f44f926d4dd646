import type { Core } from '@strapi/strapi';
import { ZERO_COUNTS, formatRate, ratesOf, type UnitCounts } from '../../domain/metrics';
import type { StatsQuery } from '../../domain/stats-query';
import type { MetricsService } from './metrics';
import type { StatsAggregateService } from './stats-aggregate';
import { minyiConfig, minyiService } from '../../plugin';

export interface PublicFigures {
  received: number;
  handled: number;
  resolutionRate: number | null;
  resolutionRateText: string | null;
  satisfactionRate: number | null;
  satisfactionRateText: string | null;
}

export interface PublicStats {
  period: string;
  start: string;
  end: string;
  county: PublicFigures;
  townships: Array<{ code: string; name: string } & PublicFigures>;
}

/** Aggregates only: counts and rates, never a row, a name of a person, or anything an item says. */
function figures(counts: UnitCounts): PublicFigures {
  const rates = ratesOf(counts);
  const round = (value: number | null) =>
    value === null ? null : Math.round(value * 10000) / 10000;
  return {
    received: counts.received,
    handled: counts.handled,
    resolutionRate: round(rates.resolutionRate),
    resolutionRateText: formatRate(rates.resolutionRate),
    satisfactionRate: round(rates.satisfactionRate),
    satisfactionRateText: formatRate(rates.satisfactionRate),
  };
}

interface CacheEntry {
  expires: number;
  value: Promise<PublicStats | null>;
}

/**
 * GET /api/stats for external sites: the period's sum of the pre-aggregated day cells
 * (stats-aggregate.ts, brought up to date first; townships, the county is their sum). Answers
 * are kept `MINYI_STATS_CACHE_SECONDS` per (period, township) on this instance — the same time the response tells browsers and proxies they may keep it — and
 * simultaneous requests for the same answer share one statement.
 */
const stats = ({ strapi }: { strapi: Core.Strapi }) => {
  const cache = new Map<string, CacheEntry>();

  async function compute(query: StatsQuery): Promise<PublicStats | null> {
    const metrics: MetricsService = minyiService(strapi, 'metrics');
    const { townships } = await metrics.units();
    const wanted =
      query.township === null ? townships : townships.filter((t) => t.code === query.township);
    if (wanted.length === 0) return null;
    const aggregate: StatsAggregateService = minyiService(strapi, 'stats-aggregate');
    // The day cells answer every period that starts and ends at local midnight (all of them today);
    // the direct statement is the fallback, and the reference the tests compare the cells with.
    const { townships: byTownship, county } =
      (await aggregate.publicCounts(query.bounds)) ??
      (await metrics.publicCountsInSql(query.bounds));
    return {
      period: query.period,
      start: query.bounds.start.toISOString(),
      end: query.bounds.end.toISOString(),
      county: figures(county),
      townships: wanted.map((t) => ({
        code: t.code,
        name: t.name,
        ...figures(byTownship.get(t.code) ?? ZERO_COUNTS),
      })),
    };
  }

  return {
    cacheSeconds(): number {
      return minyiConfig(strapi).audit.statsCacheSeconds;
    },

    async forQuery(query: StatsQuery, now: number = Date.now()): Promise<PublicStats | null> {
      const ttl = this.cacheSeconds() * 1000;
      if (ttl === 0) return compute(query);
      const key = `${query.period}|${query.township ?? ''}`;
      const hit = cache.get(key);
      if (hit && hit.expires > now) return hit.value;
      for (const [k, entry] of cache) if (entry.expires <= now) cache.delete(k);
      const value = compute(query);
      cache.set(key, { expires: now + ttl, value });
      value.catch(() => cache.delete(key)); // a failure is not remembered
      return value;
    },

    /** Forget every kept answer (tests, the benchmark's cold runs). */
    clearCache(): void {
      cache.clear();
    },
  };
};

export default stats;
