import { useEffect, useState } from 'react';
import type { SettingsFieldProblem } from '../../../shared/settings';
import type { SaveResult } from './useSettings';

/**
 * A section's form: a draft copied from the values in force (again whenever they change), the
 * server's field problems after a refused save, and whether the last save went through.
 */
export function useSectionDraft<Value>(
  inForce: Value | undefined,
  save: (value: Value) => Promise<SaveResult>,
  reset?: () => Promise<SaveResult>
) {
  const [draft, setDraft] = useState<Value | undefined>(inForce);
  const [problems, setProblems] = useState<SettingsFieldProblem[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    setDraft(inForce);
  }, [inForce]);

  const finish = (result: SaveResult) => {
    setSaving(false);
    setSaved(result.ok);
    setProblems(result.ok ? [] : result.failure.problems);
    setMessage(result.ok ? null : result.failure.message);
  };

  return {
    draft,
    setDraft: (change: (current: Value) => Value) => {
      setSaved(false);
      setDraft((current) => (current === undefined ? current : change(current)));
    },
    problems,
    message,
    saving,
    saved,
    async submit() {
      if (draft === undefined) return;
      setSaving(true);
      finish(await save(draft));
    },
    async reset() {
      if (!reset) return;
      setSaving(true);
      finish(await reset());
    },
  };
}
