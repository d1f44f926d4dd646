'use strict';

/**
 * Where a sweep spends its time, from knex's query events: every statement's duration, grouped by
 * kind (its verb, table and the condition that tells the sweep's phases apart), and the wall time
 * of each phase — escalate, flag, warn — cut at the first candidate SELECT of the next phase.
 * It also keeps the first statement of each kind exactly as the sweep sent it (SQL with `?`
 * placeholders and its bindings), for EXPLAIN: the plans are those of the service's own queries,
 * whatever shape they have today. For the one diagnostic run; the measured runs are not instrumented.
 */
function classify(sql) {
  const s = sql.replace(/\s+/g, ' ').replace(/[`"]/g, '').toLowerCase();
  const table = (/(?:from|into|update) ([a-z_]+)/.exec(s) || [])[1] || '?';
  const verb = s.split(' ')[0];
  if (verb === 'select' && table === 'items' && s.includes('left join')) {
    if (s.includes('i.warned_at is null'))
      return { kind: 'select candidates (warn)', phase: 'warn' };
    if (s.includes('i.overdue_flagged_at is null'))
      return { kind: 'select candidates (flag)', phase: 'flag' };
    return { kind: 'select candidates (escalate)', phase: 'escalate' };
  }
  if (verb === 'update' && table === 'items' && s.includes('where 0 = 1'))
    return { kind: 'write lock (sqlite no-op update)' };
  if (verb === 'update' && table === 'items' && s.includes('escalation_count'))
    return { kind: 'update items (escalate group)' };
  return { kind: `${verb} ${table}` };
}

function profileQueries(knex) {
  const pending = new Map();
  const stats = new Map();
  const phaseStarts = [];
  const captured = {};
  const onQuery = (query) => {
    const { kind, phase } = classify(query.sql);
    if (!captured[kind]) captured[kind] = { sql: query.sql, bindings: query.bindings };
    const at = process.hrtime.bigint();
    if (
      phase &&
      (phaseStarts.length === 0 || phaseStarts[phaseStarts.length - 1].phase !== phase)
    ) {
      phaseStarts.push({ phase, at });
    }
    pending.set(query.__knexQueryUid, { kind, at });
  };
  const onEnd = (_response, query) => {
    const entry = pending.get(query.__knexQueryUid);
    if (!entry) return;
    pending.delete(query.__knexQueryUid);
    const ms = Number(process.hrtime.bigint() - entry.at) / 1e6;
    const stat = stats.get(entry.kind) ?? { kind: entry.kind, count: 0, ms: 0, maxMs: 0 };
    stat.count++;
    stat.ms += ms;
    stat.maxMs = Math.max(stat.maxMs, ms);
    stats.set(entry.kind, stat);
  };
  knex.on('query', onQuery);
  knex.on('query-response', onEnd);
  knex.on('query-error', onEnd);
  const started = process.hrtime.bigint();
  return {
    stop() {
      const ended = process.hrtime.bigint();
      knex.removeListener('query', onQuery);
      knex.removeListener('query-response', onEnd);
      knex.removeListener('query-error', onEnd);
      const phases = {};
      phaseStarts.forEach((entry, index) => {
        const next = phaseStarts[index + 1]?.at ?? ended;
        const from = index === 0 ? started : entry.at;
        phases[entry.phase] = (phases[entry.phase] ?? 0) + Number(next - from) / 1e6;
      });
      const statements = [...stats.values()]
        .map((stat) => ({
          ...stat,
          ms: Math.round(stat.ms),
          maxMs: Math.round(stat.maxMs * 10) / 10,
        }))
        .sort((a, b) => b.ms - a.ms);
      return {
        totalMs: Math.round(Number(ended - started) / 1e6),
        phases: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, Math.round(v)])),
        statements,
        sqlMs: statements.reduce((sum, stat) => sum + stat.ms, 0),
        captured,
      };
    },
  };
}

module.exports = { profileQueries };
