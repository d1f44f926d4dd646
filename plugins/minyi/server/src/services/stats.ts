import type { Core } from '@strapi/strapi';
import { ZERO_COUNTS, formatRate, ratesOf, type UnitCounts } from '../domain/metrics';
import type { StatsQuery } from '../domain/stats-query';
import type { MetricsService } from './metrics';

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
  const round = (value: number | null) => (value === null ? null : Math.round(value * 10000) / 10000);
  return {
    received: counts.received,
    handled: counts.handled,
    resolutionRate: round(rates.resolutionRate),
    resolutionRateText: formatRate(rates.resolutionRate),
    satisfactionRate: round(rates.satisfactionRate),
    satisfactionRateText: formatRate(rates.satisfactionRate),
  };
}

/** GET /api/stats for external sites: one grouped statement over the period (townships; the county is their sum). */
const stats = ({ strapi }: { strapi: Core.Strapi }) => ({
  async forQuery(query: StatsQuery): Promise<PublicStats | null> {
    const metrics: MetricsService = strapi.plugin('minyi').service('metrics');
    const { townships } = await metrics.units();
    const wanted = query.township === null ? townships : townships.filter((t) => t.code === query.township);
    if (wanted.length === 0) return null;
    const { townships: byTownship, county } = await metrics.publicCountsInSql(query.bounds);
    return {
      period: query.period,
      start: query.bounds.start.toISOString(),
      end: query.bounds.end.toISOString(),
      county: figures(county),
      townships: wanted.map((t) => ({ code: t.code, name: t.name, ...figures(byTownship.get(t.code) ?? ZERO_COUNTS) })),
    };
  },
});

export default stats;
