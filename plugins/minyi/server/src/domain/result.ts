/** Refusals reach people (admin UI, partner APIs), so each carries both languages. */
export interface LocalizedMessage {
  readonly zh: string;
  readonly en: string;
}

export interface Refusal<Code extends string> {
  readonly ok: false;
  readonly code: Code;
  readonly reason: LocalizedMessage;
}

export function refuse<Code extends string>(code: Code, zh: string, en: string): Refusal<Code> {
  return { ok: false, code, reason: { zh, en } };
}
