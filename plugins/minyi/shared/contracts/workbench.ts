import type { ItemStatus, Labeled, Level, Pagination, UnitRef } from './common';

/** The workbench's tabs (工作台). `extension-approval` only for roles that approve extensions. */
export const WORKBENCH_TABS = [
  'to-accept',
  'in-progress',
  'due-soon',
  'overdue',
  'to-confirm',
  'extension-approval',
] as const;
export type WorkbenchTab = (typeof WORKBENCH_TABS)[number];

/**
 * GET /minyi/workbench?tab=…&q=…&page=…&pageSize=… (workbench.read).
 * q: tracking code, title, or phone (phone only for roles that may read it). pageSize ≤ 100.
 */
export interface WorkbenchQuery {
  tab?: WorkbenchTab;
  q?: string;
  page?: number;
  pageSize?: number;
}

export interface WorkbenchResponse {
  data: {
    unit: { label: string; scope: 'county' | 'grid-subtree' | 'department' | 'none' };
    tabs: Array<{ tab: WorkbenchTab; label: string; count: number }>;
    tab: WorkbenchTab;
    rows: WorkbenchRow[];
    /** Whether q may match phones for this user. */
    searchesPhone: boolean;
  };
  meta: { pagination: Pagination };
}

export interface WorkbenchRow {
  documentId: string;
  trackingCode: string;
  title: string;
  status: Labeled<ItemStatus>;
  level: Labeled<Level>;
  owningUnit: UnitRef | null;
  dueAt: string | null;
  receivedAt: string | null;
  overdue: boolean;
  /** Department callers: the department's part. */
  part: 'lead' | 'co-handling' | null;
  /** Bulk actions this row allows (subset of accept / assign). */
  bulkActions: Array<'accept' | 'assign'>;
  /** Link to the item's edit view in the content manager. */
  href: string;
}

/** POST /minyi/workbench/bulk (items.act): each item through the workflow, one result each. */
export interface WorkbenchBulkRequest {
  data: {
    action: 'accept' | 'assign';
    documentIds: string[];
    /** The assign input (grid / leadDepartment …) or accept's note, as the handling route takes it. */
    input?: Record<string, unknown>;
  };
}

export interface WorkbenchBulkResponse {
  data: Array<
    | { documentId: string; ok: true; status: ItemStatus }
    | {
        documentId: string;
        ok: false;
        status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429;
        code: string;
        reason: { zh: string; en: string };
      }
  >;
}
