import escalation from './escalation';
import jobRunsPrune from './job-runs-prune';
import outbox from './outbox';
import { monthlyReport, quarterlyReport, weeklyReport } from './reports';
import spotCheck from './spot-check';
import statsRefresh from './stats-refresh';
import type { JobDefinition } from '../engine/types';

/** The jobs the plugin itself brings; the plugin's register() registers them. */
export const BUILT_IN_JOBS: ReadonlyArray<JobDefinition<unknown>> = [
  escalation as JobDefinition<unknown>,
  jobRunsPrune,
  outbox as JobDefinition<unknown>,
  spotCheck as JobDefinition<unknown>,
  statsRefresh as JobDefinition<unknown>,
  weeklyReport as JobDefinition<unknown>,
  monthlyReport as JobDefinition<unknown>,
  quarterlyReport as JobDefinition<unknown>,
];
