import type { ItemStatus, Labeled, Level, UnitRef } from './common';

/** GET /minyi/intake/options?grid=… (items.register): what the 登记民意 form offers. */
export interface IntakeOptionsResponse {
  data: {
    /** Channels this role may record, the preset first. */
    channels: Array<Labeled>;
    presetChannel: string;
    /** Whether this role may link the new item as 重复事项 (the 标记重复 move's roles). */
    mayLinkDuplicate: boolean;
    types: Array<Labeled>;
    categories: Array<{ documentId: string; code: string; name: string; parent: string | null }>;
    /** Grids matching `grid` (name or code), at most 20. */
    grids: UnitRef[];
  };
}

/** POST /minyi/intake (items.register): created through the public submission service. */
export interface IntakeRequest {
  data: {
    channel: string;
    title: string;
    content: string;
    type?: string;
    category?: string;
    grid: string;
    address?: string;
    submitterName?: string;
    submitterPhone?: string;
    anonymous?: boolean;
    /** Link as 重复事项 of this item (documentId or tracking code) right after creating. */
    duplicateOf?: string;
  };
}

export interface IntakeResponse {
  data: {
    documentId: string;
    trackingCode: string;
    /** Shown once, to read out to the resident (needed for feedback). */
    receiptSecret: string;
    status: Labeled<ItemStatus>;
    level: Labeled<Level>;
    dueAt: string | null;
    owningUnit: UnitRef | null;
  };
}

/** GET /minyi/intake/duplicates?phone=…&address=…&category=… (items.register). */
export interface IntakeDuplicatesResponse {
  data: Array<{
    documentId: string;
    trackingCode: string;
    title: string;
    status: Labeled<ItemStatus>;
    receivedAt: string | null;
    matchedBy: 'phone' | 'address-and-category';
  }>;
}
