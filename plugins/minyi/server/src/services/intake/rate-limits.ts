import type { Core } from '@strapi/strapi';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { minyiConfig } from '../../plugin';
import { Refusal } from '../../refusal';

export type RateLimitKind = 'submit' | 'partner' | 'track' | 'feedback';

export interface RateLimitsConfig {
  /** Length of the counting window in seconds (MINYI_RATE_LIMIT_WINDOW_SECONDS). */
  windowSeconds: number;
  /** Requests per window: submissions per IP, partner submissions per token, lookups and feedback per IP. */
  submit: number;
  partner: number;
  track: number;
  feedback: number;
}

/**
 * Per-caller limits on the public routes, counted in this instance's memory (rate-limiter-flexible).
 * Several instances behind a load balancer each count their own share: the limit is a guard against
 * floods and guessing, not an exact quota.
 */
const rateLimits = ({ strapi }: { strapi: Core.Strapi }) => {
  const limiters = new Map<RateLimitKind, RateLimiterMemory>();
  const limiter = (kind: RateLimitKind): RateLimiterMemory => {
    let found = limiters.get(kind);
    if (!found) {
      const config = minyiConfig(strapi).rateLimits;
      found = new RateLimiterMemory({
        keyPrefix: kind,
        points: config[kind],
        duration: config.windowSeconds,
      });
      limiters.set(kind, found);
    }
    return found;
  };
  return {
    async consume(kind: RateLimitKind, key: string): Promise<void> {
      try {
        await limiter(kind).consume(key);
      } catch (error) {
        if (error instanceof RateLimiterRes)
          throw Refusal.rateLimited(Math.max(1, Math.ceil(error.msBeforeNext / 1000)));
        throw error;
      }
    },
  };
};

export default rateLimits;
