import { z } from 'zod';
import { ITEM_STATUSES, LEVELS } from '../vocabulary';
import { SATISFACTION_LEVELS } from '../resident-feedback';

/**
 * The public and partner routes' answers as zod schemas: the OpenAPI document is generated from
 * them (z.toJSONSchema), and the tests check the live answers against that document, so these
 * describe what the routes really send. Requests use the schemas the routes parse with.
 */

const isoDateTime = z.string().describe('ISO 8601 date-time');

export const RECEIPT = z.object({
  data: z.object({
    trackingCode: z.string().describe('查询码: tracks the item'),
    receiptSecret: z.string().describe('Shown once; needed for feedback (stored only as a hash)'),
    status: z.literal('submitted'),
    level: z.enum(LEVELS),
    dueAt: isoDateTime,
  }),
});

const PHOTO = z.object({
  url: z.string().describe('Relative URL of the photo, re-encoded without EXIF'),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  formats: z.record(z.string(), z.string()).describe('thumbnail, small, medium, large → URL'),
});

export const TRACKING = z.object({
  data: z.object({
    trackingCode: z.string(),
    title: z.string(),
    status: z.enum(ITEM_STATUSES),
    statusLabel: z.string(),
    level: z.enum(LEVELS),
    levelLabel: z.string(),
    unit: z.string().nullable().describe('The handling department or grid/township'),
    dueAt: isoDateTime.nullable(),
    reply: z.string().nullable().describe('The answer for the resident, once resolved or closed'),
    timeline: z.array(
      z.object({
        type: z.string(),
        label: z.string(),
        at: isoDateTime,
        level: z.enum(LEVELS).nullable(),
        status: z.enum(ITEM_STATUSES).nullable(),
      })
    ),
    photos: z.object({
      submitted: z.array(PHOTO),
      before: z.array(PHOTO).describe('整改前'),
      after: z.array(PHOTO).describe('整改后'),
    }),
  }),
});

export const FEEDBACK_RESULT = z.object({
  data: z.object({
    trackingCode: z.string(),
    status: z.enum(ITEM_STATUSES),
    solved: z.boolean(),
    satisfaction: z.enum(SATISFACTION_LEVELS),
  }),
});

const FIGURES = {
  received: z.number().int(),
  handled: z.number().int(),
  resolutionRate: z.number().nullable(),
  resolutionRateText: z.string().nullable(),
  satisfactionRate: z.number().nullable(),
  satisfactionRateText: z.string().nullable(),
};

export const STATS = z.object({
  data: z.object({
    period: z.string(),
    start: isoDateTime,
    end: isoDateTime,
    county: z.object(FIGURES),
    townships: z.array(z.object({ code: z.string(), name: z.string(), ...FIGURES })),
  }),
});

/** Strapi's error shape with both languages and the bad fields one by one. */
export const ERROR = z.object({
  data: z.null(),
  error: z.object({
    status: z.number().int(),
    name: z.string(),
    message: z.string(),
    details: z
      .object({
        code: z.string().optional(),
        reason: z.object({ zh: z.string(), en: z.string() }).optional(),
        errors: z.array(z.unknown()).optional(),
      })
      .loose(),
  }),
});
