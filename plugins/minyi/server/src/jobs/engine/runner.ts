import type { Core } from '@strapi/strapi';
import { decideRun, isLeaseLive, leaseRenewalIntervalMs } from '../../domain/job-period';
import { type JobRunStore, jsonText, messageOf } from './job-run-store';
import type { LeaseCoordinator } from './lease-coordinator';
import { ProgressWriter } from './progress';
import type { RegisteredJob } from './registry';
import type { JobContext, JobRunOptions, JobRunResult, LeaseState } from './types';

/** The lease a run of a job holds, whatever started it: one live run per job across all instances. */
export const RUN_LEASE_PREFIX = 'run:';
/** How long stop() waits for runs under way (they are told to abort) before letting shutdown go on. */
const STOP_WAIT_MS = 10_000;

interface ActiveRun {
  abort: AbortController;
  done: Promise<unknown>;
}

interface RunnerDeps {
  strapi: Core.Strapi;
  log: () => Core.Strapi['log'];
  timezone: () => string;
  leaseTtlMs: () => number;
  coordinator: () => LeaseCoordinator;
  store: JobRunStore;
}

/**
 * Runs one job for one period: takes the job's run lease (renewed while it runs; losing it aborts
 * the run), skips a period that succeeded unless forced, claims the job-run row, hands the job its
 * context and stores the outcome.
 */
export function createJobRunner(deps: RunnerDeps) {
  const { strapi, log, store } = deps;
  const active = new Set<ActiveRun>();

  async function liveLease(key: string): Promise<LeaseState | null> {
    const lease = await deps.coordinator().read(key);
    return lease && isLeaseLive(lease.expiresAt, new Date())
      ? { name: key, holder: lease.holder, expiresAt: lease.expiresAt.toISOString() }
      : null;
  }

  async function execute(
    job: RegisteredJob,
    request: { now: Date; period: string; force: boolean },
    options: Pick<JobRunOptions, 'trigger' | 'onProgress'>
  ): Promise<JobRunResult> {
    const name = job.definition.name;
    const { now, period, force } = request;
    const base = { job: name, period, now: now.toISOString() };
    const ttl = deps.leaseTtlMs();
    const leaseKey = `${RUN_LEASE_PREFIX}${name}`;
    const leases = deps.coordinator();

    if (!(await leases.acquire(leaseKey, ttl))) {
      const lease = await liveLease(leaseKey);
      return {
        ...base,
        outcome: 'skipped',
        reason: 'busy',
        run: await store.find(name, period),
        lease,
        message: `任务 ${name} 正在运行 / job ${name} is running${lease ? ` on ${lease.holder} (lease until ${lease.expiresAt})` : ''}; try again when it has finished`,
      };
    }

    const abort = new AbortController();
    let heartbeat: NodeJS.Timeout | undefined;
    let finished!: () => void;
    const entry: ActiveRun = { abort, done: new Promise<void>((resolve) => (finished = resolve)) };
    active.add(entry);
    try {
      const existing = await store.find(name, period);
      const decision = decideRun(existing?.status ?? null, force);
      if (!decision.start) {
        return {
          ...base,
          outcome: 'skipped',
          reason: decision.reason,
          run: existing,
          lease: null,
          message: `任务 ${name} 周期 ${period} 已成功运行 / job ${name} already succeeded for period ${period}${existing?.finishedAt ? ` at ${existing.finishedAt}` : ''}; use force to run it again`,
        };
      }

      const runId = await store.claim(name, period, now);
      heartbeat = setInterval(() => {
        leases.renew(leaseKey, ttl).then(
          (kept) => {
            if (!kept && !abort.signal.aborted) {
              log().warn(`[minyi jobs] ${name} ${period}: lost its lease; telling the run to stop`);
              abort.abort(new Error(`job ${name} lost its lease`));
            }
          },
          (error: unknown) =>
            log().warn(`[minyi jobs] ${name}: could not renew its lease: ${messageOf(error)}`)
        );
      }, leaseRenewalIntervalMs(ttl));
      heartbeat.unref();

      const progress = new ProgressWriter(
        (value) => store.writeProgress(runId, value),
        (error) => log().warn(`[minyi jobs] ${name} progress: ${messageOf(error)}`),
        options.onProgress
      );
      const context: JobContext = {
        strapi,
        now,
        period,
        timezone: deps.timezone(),
        force,
        trigger: options.trigger ?? 'manual',
        signal: abort.signal,
        reportProgress: (value) => progress.report(value),
      };

      const startedAt = Date.now();
      try {
        const summary = await job.definition.run(context);
        const summaryText = jsonText(summary, 'summary');
        await progress.close();
        await store.finish(runId, {
          status: 'succeeded',
          summary: summaryText,
          progress: progress.current,
          error: null,
        });
        log().info(`[minyi jobs] ${name} ${period} succeeded in ${Date.now() - startedAt} ms`);
        return {
          ...base,
          outcome: 'succeeded',
          run: await store.findById(runId),
          summary: JSON.parse(summaryText) as unknown,
        };
      } catch (error) {
        const message = messageOf(error);
        await progress.close();
        await store.finish(runId, {
          status: 'failed',
          summary: 'null',
          progress: progress.current,
          error: message,
        });
        log().error(
          `[minyi jobs] ${name} ${period} failed after ${Date.now() - startedAt} ms: ${message}`
        );
        return { ...base, outcome: 'failed', run: await store.findById(runId), error: message };
      }
    } finally {
      if (heartbeat) clearInterval(heartbeat);
      active.delete(entry);
      finished();
      await leases
        .release(leaseKey)
        .catch((error: unknown) =>
          log().warn(`[minyi jobs] ${name}: could not release its lease: ${messageOf(error)}`)
        );
    }
  }

  /** Tells runs under way to stop and waits for them (at most 10 s). */
  async function stopAll(): Promise<void> {
    if (active.size === 0) return;
    for (const entry of active) entry.abort.abort(new Error('the app is shutting down'));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...active].map((entry) => entry.done)),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, STOP_WAIT_MS);
        timer.unref();
      }),
    ]);
    if (timer) clearTimeout(timer);
  }

  return { execute, liveLease, stopAll };
}
