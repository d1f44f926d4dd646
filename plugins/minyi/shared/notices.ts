/** The notices page's data (GET /minyi/notices, /minyi/notices/:documentId/view), server and admin alike. */

export interface NoticeTable {
  name: string;
  columns: string[];
  rows: string[][];
}

export interface NoticeHistoryItem {
  step: 'acknowledge' | 'report' | 'accept' | 'return';
  by: string;
  at: string;
  text?: string;
}

export interface NoticeSummary {
  documentId: string;
  kind: string;
  title: string;
  period: string | null;
  state: string;
  issuedAt: string | null;
  rectifyBy: string | null;
  units: Array<{ kind: 'township' | 'department'; code: string; name: string }>;
  overdue: boolean;
}

export interface NoticeView extends NoticeSummary {
  /** The notice's text in paragraphs (from its structured content, or its body split at blank lines). */
  paragraphs: string[];
  tables: NoticeTable[];
  unitName: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  report: string | null;
  reportedAt: string | null;
  reportedBy: string | null;
  reviewedAt: string | null;
  reviewedBy: string | null;
  returnReason: string | null;
  history: NoticeHistoryItem[];
  /** What the caller may do now (the page shows exactly these buttons). */
  may: { acknowledge: boolean; report: boolean; review: boolean };
}
