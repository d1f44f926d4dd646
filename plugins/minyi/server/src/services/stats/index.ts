import dashboard from './dashboard';
import metrics from './metrics';
import stats from './stats';
import statsAggregate from './stats-aggregate';

/** Figures: unit metrics from the event log, the public stats and their pre-aggregated day cells. */
export default {
  dashboard,
  metrics,
  stats,
  'stats-aggregate': statsAggregate,
};
