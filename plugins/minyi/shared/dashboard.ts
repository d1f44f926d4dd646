/**
 * The dashboard's answer (GET /minyi/dashboard), shared by the server that computes it and the
 * admin pages that draw it. Rates are fractions (0.9376) or null when there is nothing to divide
 * by; every figure follows the one metrics definition (server/src/domain/metrics.ts).
 */
import type { CalendarStatus } from './settings';

export type DashboardPeriodUnit = 'month' | 'quarter' | 'year' | 'range';

export type DashboardScope =
  | { kind: 'county' }
  | { kind: 'township'; code: string; name: string }
  | { kind: 'grid'; path: string; name: string }
  | { kind: 'department'; code: string; name: string };

export interface DashboardFigures {
  received: number;
  handled: number;
  resolutionRate: number | null;
  onTimeRate: number | null;
  satisfactionRate: number | null;
  /** Items received in the period that were escalated at least once. */
  escalated: number;
}

export interface DashboardUnitRow {
  code: string;
  name: string;
  received: number;
  handled: number;
  resolutionRate: number | null;
  onTimeRate: number | null;
  satisfactionRate: number | null;
  /** 1-based rank; null when the unit has fewer items than the minimum sample (listed, not ranked). */
  rank: number | null;
}

export interface DashboardTrendPoint {
  /** Month key, 2026-10. */
  month: string;
  received: number;
  handled: number;
  resolutionRate: number | null;
}

export interface DashboardCountRow {
  key: string;
  label: string;
  received: number;
  handled: number;
}

export interface DashboardItemLink {
  documentId: string;
  trackingCode: string;
  title: string;
  dueAt: string | null;
  state: string;
}

export interface DashboardNoticeLink {
  documentId: string;
  title: string;
  rectifyBy: string | null;
  state: string;
}

export interface DashboardData {
  period: {
    unit: DashboardPeriodUnit;
    key: string;
    start: string;
    end: string;
    previousKey: string;
    previousStart: string;
    previousEnd: string;
  };
  scope: DashboardScope;
  minSample: number;
  current: DashboardFigures;
  previous: DashboardFigures;
  /** Open items past their deadline now (not tied to the period). */
  overdueNow: number;
  /** Open items due within the next 24 hours. */
  dueSoonNow: number;
  trend: DashboardTrendPoint[];
  townships: DashboardUnitRow[];
  departments: DashboardUnitRow[];
  channels: DashboardCountRow[];
  categories: DashboardCountRow[];
  overdueItems: DashboardItemLink[];
  dueSoonItems: DashboardItemLink[];
  overdueRectifications: DashboardNoticeLink[];
  computedAt: string;
  /**
   * Where the period's counts were summed from: the pre-aggregated month cells, or the items
   * (a custom range, a village or a department — or while the cells are first being built).
   * Either gives the same figures.
   */
  countedFrom: 'cells' | 'items';
  /** The county's time zone (settings → jobs), in which the page shows dates and times. */
  timeZone: string;
  /**
   * Next year's holiday arrangement, as of the answer (not of the kept figures): the page warns
   * when `warn` (from 1 November without next year). Carried here because township officers and
   * auditors may read the dashboard but not the settings.
   */
  calendarStatus: CalendarStatus;
}

/** The home page widgets' figures (GET /minyi/dashboard/home): the caller's unit, this month. */
export interface HomeFigures {
  scope: DashboardScope;
  month: string;
  open: number;
  overdue: number;
  resolutionRate: number | null;
  satisfactionRate: number | null;
}
