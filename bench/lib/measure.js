'use strict';

/**
 * Side-by-side measurement: the control and the project's targets of one scenario are measured
 * in interleaved short autocannon rounds (the order alternates every round), so slow drift of
 * this shared machine hits both sides alike. What is reported is the median over the rounds.
 */
const autocannon = require('autocannon');

function median(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function autocannonOptions(baseUrl, target, { duration, connections }) {
  const headers = { accept: 'application/json', ...(target.headers ?? {}) };
  const options = {
    url: baseUrl + target.path,
    method: target.method ?? 'GET',
    headers,
    connections,
    duration,
    pipelining: 1,
  };
  if (target.body !== undefined) {
    headers['content-type'] = 'application/json';
    options.body = typeof target.body === 'string' ? target.body : JSON.stringify(target.body);
  }
  // A target whose every request needs its own path (a workflow move can be made once per item).
  if (target.nextPath) {
    options.requests = [{ setupRequest: (request) => ({ ...request, path: target.nextPath() }) }];
  }
  return options;
}

/**
 * `target.beforeRound({ duration, connections, lastRps })`, when given, runs before the target's
 * probe, warm-up and every round, outside the measured time (e.g. to top up a pool of items).
 */
function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function round(baseUrl, target, settings) {
  if (target.beforeRound) await target.beforeRound({ ...settings, lastRps: target.lastRps });
  // autocannon's summary has no 95th percentile: every response's time is kept to compute it.
  const times = [];
  const options = autocannonOptions(baseUrl, target, settings);
  options.setupClient = (client) =>
    client.on('response', (_status, _bytes, responseTime) => times.push(responseTime));
  const result = await autocannon(options);
  target.lastRps = result.requests.average;
  times.sort((a, b) => a - b);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p95: percentile(times, 95),
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/** One request per target before anything is measured: a target that does not answer 2xx is a bug. */
async function probe(baseUrl, target) {
  const options = autocannonOptions(baseUrl, target, {});
  const url = target.nextPath ? baseUrl + target.nextPath() : options.url;
  const response = await fetch(url, {
    method: options.method,
    headers: options.headers,
    body: options.body,
  });
  const text = await response.text();
  if (response.status < 200 || response.status >= 300) {
    throw new Error(
      `${target.label}: ${options.method} ${target.path} answered ${response.status}: ${text.slice(0, 500)}`
    );
  }
}

function summarise(rounds) {
  return {
    rps: median(rounds.map((r) => r.rps)),
    p50: median(rounds.map((r) => r.p50)),
    p95: median(rounds.map((r) => r.p95)),
    p99: median(rounds.map((r) => r.p99)),
    non2xx: rounds.reduce((sum, r) => sum + r.non2xx, 0),
    errors: rounds.reduce((sum, r) => sum + r.errors + r.timeouts, 0),
  };
}

/**
 * Measures one scenario's targets (control first in the list). Returns, per target, its rounds
 * and summary, and for each project target the ratio of median req/s project / control.
 */
async function measure(baseUrl, targets, settings, log = () => {}) {
  for (const target of targets) {
    if (target.beforeRound) await target.beforeRound({ ...settings, duration: 0 });
    await probe(baseUrl, target);
  }
  if (settings.warmup > 0) {
    for (const target of targets)
      await round(baseUrl, target, { ...settings, duration: settings.warmup });
  }
  const rounds = targets.map(() => []);
  for (let r = 0; r < settings.rounds; r++) {
    const order = targets.map((_, i) => i);
    if (r % 2) order.reverse();
    for (const i of order) {
      const result = await round(baseUrl, targets[i], settings);
      rounds[i].push(result);
      log(
        `  round ${r + 1}/${settings.rounds} ${targets[i].label.padEnd(28)} ${result.rps.toFixed(0).padStart(6)} req/s`
      );
    }
  }
  const summaries = rounds.map(summarise);
  const control = summaries[0];
  return targets.map((target, i) => ({
    label: target.label,
    side: i === 0 ? 'control' : 'project',
    endpoint: `${target.method ?? 'GET'} ${target.path}`,
    ...summaries[i],
    ratio: summaries[i].rps / control.rps,
    rounds: rounds[i],
  }));
}

module.exports = { measure, median };
