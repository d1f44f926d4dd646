/**
 * POST /minyi/items/:documentId/correct (items.correct; super admins): a data correction of
 * workflow-owned fields, with a required reason; old and new values go to the item-events.
 */
export interface CorrectionRequest {
  data: {
    reason: string;
    /** Field → new value; only the correctable fields (CORRECTABLE_FIELDS on the server). */
    changes: Record<string, unknown>;
  };
}

export interface CorrectionResponse {
  data: {
    documentId: string;
    changed: Array<{ field: string; from: unknown; to: unknown }>;
  };
}

/** The refusal the server gives for a write of workflow-owned fields by any other path (400). */
export interface OwnedFieldsRefusalDetails {
  code: 'WORKFLOW_OWNED_FIELDS';
  fields: string[];
  errors: Array<{ path: string[]; message: string }>;
}
