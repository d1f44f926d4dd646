import { z } from 'zod';

/**
 * The life of a rectification notice (整改通知书) after it is issued: the target unit signs for it
 * (签收) and submits its rectification report (整改报告); the coordinator accepts the report
 * (整改通过) or sends it back with a reason (退回重报), and the unit reports again. Bulletins and
 * reports are only signed for. `rectified` is the older one-step confirmation, kept as it was.
 */
export const NOTICE_STATES = [
  'draft',
  'issued',
  'acknowledged',
  'rectified',
  'reported',
  'returned',
  'accepted',
] as const;
export type NoticeState = (typeof NOTICE_STATES)[number];

export const NOTICE_STATE_LABELS_ZH: Readonly<Record<NoticeState, string>> = {
  draft: '草稿',
  issued: '已下发',
  acknowledged: '已签收',
  rectified: '已整改',
  reported: '整改报告待审核',
  returned: '已退回重报',
  accepted: '整改通过',
};

export type NoticeStep = 'acknowledge' | 'report' | 'accept' | 'return';

export const NOTICE_STEP_LABELS_ZH: Readonly<Record<NoticeStep, string>> = {
  acknowledge: '签收',
  report: '提交整改报告',
  accept: '整改通过',
  return: '退回重报',
};

/** From which states a step may be taken, and the state it leads to. */
export const NOTICE_STEPS: Readonly<
  Record<NoticeStep, { from: readonly NoticeState[]; to: NoticeState }>
> = {
  acknowledge: { from: ['issued'], to: 'acknowledged' },
  report: { from: ['acknowledged', 'returned'], to: 'reported' },
  accept: { from: ['reported'], to: 'accepted' },
  return: { from: ['reported'], to: 'returned' },
};

/** Only rectification notices are reported on and reviewed. */
export function stepApplies(step: NoticeStep, kind: string): boolean {
  return step === 'acknowledge' || kind === 'rectification';
}

export function nextState(step: NoticeStep, from: string): NoticeState | null {
  const rule = NOTICE_STEPS[step];
  return (rule.from as readonly string[]).includes(from) ? rule.to : null;
}

/** A rectification notice still owed its report after the rectify-by date (local yyyy-mm-dd). */
export function isRectificationOverdue(
  notice: { kind: string; state: string; rectifyBy: string | null },
  today: string
): boolean {
  return (
    notice.kind === 'rectification' &&
    notice.rectifyBy !== null &&
    notice.rectifyBy < today &&
    ['issued', 'acknowledged', 'returned'].includes(notice.state)
  );
}

/** One entry of a notice's history (who did which step when, with the report or the reason). */
export interface NoticeHistoryEntry {
  step: NoticeStep;
  by: string;
  at: string;
  text?: string;
}

const text = (field: string, min: number, max: number) =>
  z
    .string({ error: `请填写${field} / ${field} is required` })
    .trim()
    .min(min, `${field}至少 ${min} 个字 / at least ${min} characters`)
    .max(max, `${field}最多 ${max} 个字 / at most ${max} characters`)
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
    .refine((value) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(value), {
      message: `${field}含有控制字符 / control characters are not allowed`,
    });

export const reportInput = z.object({ report: text('整改报告', 10, 5000) }).strict();
export const returnInput = z.object({ reason: text('退回理由', 2, 2000) }).strict();

export const noticeListQuery = z
  .object({
    kind: z
      .enum(['bulletin', 'rectification', 'special-report', 'weekly', 'monthly', 'quarterly'])
      .optional(),
    state: z.enum(NOTICE_STATES).optional(),
    period: z
      .string()
      .trim()
      .regex(/^[0-9A-Za-z-]{4,16}$/, '期间格式如 2026-10 / period like 2026-10')
      .optional(),
    unit: z
      .string()
      .trim()
      .regex(
        /^[A-Za-z0-9-]{1,64}$/,
        '单位编码只能包含字母、数字和连字符 / letters, digits and - only'
      )
      .optional(),
    overdue: z.enum(['true', 'false']).optional(),
  })
  .strict();
export type NoticeListQuery = z.infer<typeof noticeListQuery>;
