import dashboard from './dashboard';
import dashboardCells from './dashboard-cells';
import metrics from './metrics';
import stats from './stats';
import statsAggregate from './stats-aggregate';

/** Figures: unit metrics from the event log, the public stats and the dashboard, and their pre-aggregated cells. */
export default {
  dashboard,
  'dashboard-cells': dashboardCells,
  metrics,
  stats,
  'stats-aggregate': statsAggregate,
};
