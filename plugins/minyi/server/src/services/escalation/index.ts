import escalationSweep from './escalation-sweep';

/** Escalation (超期巡检): warnings before deadlines, escalation one level up after them, county overdue flags — set-based, for the escalation job. */
export default {
  'escalation-sweep': escalationSweep,
};
