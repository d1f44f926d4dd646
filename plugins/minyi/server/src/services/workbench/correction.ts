import type { Core } from '@strapi/strapi';
import type { CorrectionResponse } from '../../../../shared/contracts';
import {
  CORRECTABLE_FIELDS,
  type CorrectableField,
  type CorrectedValue,
  CORRECTION_INPUT,
  correctionNote,
} from '../../domain/correction';
import { ITEM_OWNED_FIELDS, valueChanges } from '../../domain/owned-fields';
import type { Actor } from '../handling/workflow';
import { minyiService } from '../../plugin';
import { Refusal } from '../../refusal';
import { itemsRepository } from '../../repositories/items';

type Connection = Core.Strapi['db']['connection'];

/** A stored or given value as the event note shows it: times as ISO text, flags as booleans. */
function comparable(field: CorrectableField, value: unknown): unknown {
  if (value === null || value === undefined || value === '') return null;
  const kind = ITEM_OWNED_FIELDS[field].kind;
  // SQLite hands raw times back as epoch milliseconds and flags as 0/1.
  if (kind === 'datetime') return new Date(value as string | number | Date).toISOString();
  if (kind === 'boolean') return Boolean(value);
  return value;
}

/**
 * 数据更正: one guarded UPDATE of the corrected columns and a "corrected" item-event with the
 * reason and every old and new value, in one transaction (the figures stay recomputable).
 */
const correction = ({ strapi }: { strapi: Core.Strapi }) => ({
  async correct(
    documentId: string,
    actor: Actor,
    body: unknown,
    now: Date = new Date()
  ): Promise<CorrectionResponse> {
    const parsed = CORRECTION_INPUT.safeParse(body);
    if (!parsed.success) {
      throw new Refusal(
        400,
        'INVALID_INPUT',
        { zh: '输入有误', en: 'Invalid input' },
        parsed.error.issues.map((issue) => ({
          field: issue.path.filter((part) => part !== 'data').join('.') || '(body)',
          message: issue.message,
        }))
      );
    }
    const { reason, changes } = parsed.data.data;
    const fields = Object.keys(changes) as CorrectableField[];
    return strapi.db.transaction(async ({ trx }: { trx: Connection }) => {
      const row = await itemsRepository(strapi).forCorrection(trx, documentId, fields);
      if (!row) throw new Refusal(404, 'NOT_FOUND', { zh: '事项不存在', en: 'No such item' });
      const changed: CorrectedValue[] = fields
        .filter((field) => valueChanges(ITEM_OWNED_FIELDS[field].kind, changes[field], row[field]))
        .map((field) => ({
          field,
          from: comparable(field, row[field]),
          to: comparable(field, changes[field]),
        }));
      if (changed.length === 0) {
        throw new Refusal(409, 'NOTHING_TO_CORRECT', {
          zh: '所填的值与现有数据相同,无需更正',
          en: 'The values given are the ones stored; nothing to correct',
        });
      }
      const values: Record<string, unknown> = {};
      for (const { field } of changed) values[field] = changes[field as CorrectableField];
      // Guarded on the state read above: a workflow move in between makes this a 409, not a lost write.
      const claimed = await itemsRepository(strapi).correctGuarded(
        trx,
        row.id,
        row.state,
        values,
        now
      );
      if (!claimed)
        throw new Refusal(409, 'CONCURRENT_CHANGE', {
          zh: '事项刚被他人处理,请刷新后重试',
          en: 'The item was just changed by someone else; reload and retry',
        });
      await minyiService(strapi, 'change-log').appendEvents(trx, [
        {
          itemId: row.id,
          type: 'corrected',
          fromStatus: row.state,
          toStatus: (changes.state as string | undefined) ?? row.state,
          fromLevel: row.level,
          toLevel: (changes.level as string | undefined) ?? row.level,
          actorLabel: actor.label,
          actorStaffId: actor.staffId,
          note: correctionNote(reason, changed),
          at: now,
        },
      ]);
      return { data: { documentId, changed } };
    });
  },
});

export const CORRECTABLE = Object.keys(CORRECTABLE_FIELDS);
export type CorrectionService = ReturnType<typeof correction>;
export default correction;
