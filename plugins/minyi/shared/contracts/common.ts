/**
 * Types shared by the plugin's server and admin (as Strapi's review-workflows keeps them in
 * `shared/contracts`). Types and a few constants only: the admin bundle gains no server code.
 * The enums come from the domain's vocabulary (type-only imports: the domain has no Strapi import).
 */
import type {
  ActorRole,
  Complexity,
  ItemEventType,
  ItemStatus,
  Level,
  StaffRole,
} from '../../server/src/domain/vocabulary';
import type { Action } from '../../server/src/domain/state-machine';

export type { Action, ActorRole, Complexity, ItemEventType, ItemStatus, Level, StaffRole };

/** An enum value with its Chinese label from domain/labels.ts (the admin shows `label`). */
export interface Labeled<T extends string = string> {
  value: T;
  label: string;
}

/** A grid or department, as pickers and panels show it. */
export interface UnitRef {
  kind: 'grid' | 'department';
  documentId: string;
  code: string | null;
  name: string;
  /** grids: 网格 / 村(社区) / 乡镇 …; departments: their kind label. */
  kindLabel?: string;
}

/** One bad field of a 400 answer (the `details.errors` of Strapi's error shape). */
export interface FieldProblem {
  field: string;
  message: string;
  /** The same in Chinese, shown beside the field where the server gives it. */
  messageZh?: string;
}

/** Every refusal of the plugin's admin routes: 400 (errors field by field), 403, 404, 409. */
export interface RefusalBody {
  data: null;
  error: {
    status: 400 | 403 | 404 | 409;
    name: string;
    /** `中文 / English` */
    message: string;
    details: {
      code: string;
      reason: { zh: string; en: string };
      errors: FieldProblem[];
    };
  };
}

export interface Pagination {
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
}
