/** The spot-check review page's data (GET /minyi/spot-checks, /:documentId/sheet), server and admin alike. */

export type SpotCheckState = 'sampled' | 'reviewing' | 'completed';

export interface SpotCheckSummary {
  documentId: string;
  period: string;
  state: SpotCheckState;
  sampled: number;
  reviewed: number;
  passed: number;
  sampledAt: string | null;
  completedAt: string | null;
}

export interface SheetEvent {
  type: string;
  at: string;
  actor: string | null;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null;
}

export interface SheetReview {
  solved: boolean;
  satisfaction: string;
  passed: boolean;
  reviewedBy: string;
  reviewedAt: string;
  reopened: boolean;
  calledAt?: string;
  note?: string;
}

export interface SheetEntry {
  documentId: string;
  trackingCode: string;
  township: { code: string; name: string } | null;
  department: { code: string; name: string } | null;
  title: string;
  state: string;
  resolution: string | null;
  /** The resident's phone, only for accounts allowed to read it (null otherwise, or none given). */
  phone: string | null;
  review: SheetReview | null;
  attempts: Array<{ calledAt: string; by: string; note?: string }>;
  timeline: SheetEvent[];
}

export interface SpotCheckSheet {
  documentId: string;
  period: string;
  state: SpotCheckState;
  seed: string;
  /** The rule the sample was drawn with; strata in drawing order (both when the stored rule names none). */
  rule: {
    percent: number;
    min: number;
    max: number;
    strata: Array<'township' | 'department'>;
  };
  candidates: number | null;
  strata: Array<{
    kind: 'township' | 'department';
    code: string;
    name: string;
    size: number;
    quota: number;
  }>;
  sampledAt: string | null;
  completedAt: string | null;
  /** Entries in the caller's unit (all of them county-wide). */
  entries: SheetEntry[];
  /** Whole sample, whatever the caller's unit. */
  sampled: number;
  reviewed: number;
  mayReadPhone: boolean;
  results: null | {
    sampled: number;
    passed: number;
    bulletin: string | null;
    rectifications: Array<{ documentId: string; unit: string; kind: 'township' | 'department' }>;
  };
}

export interface RecomputedSample {
  /**
   * The sample drawn again now from the stored seed and rule over the month's handled items; for
   * a unit's staff only the codes of their unit's items (as on the sheet).
   */
  keys: string[];
  /** Whether it is the stored sample (for a unit's staff: their unit's part of it). */
  matches: boolean;
  /** Stored items no longer among the candidates (reopened since, so no longer handled in the month). */
  droppedOut: string[];
}
