import { useFetchClient } from '@strapi/strapi/admin';
import { useCallback, useEffect, useState } from 'react';
import type {
  CategoryLimits,
  CategoryLimitsRow,
  SettingsChange,
  SettingsFieldProblem,
  SettingsOverview,
  SettingsSectionName,
  SettingsSections,
} from '../../../shared/settings';

/** What a failed save answers with: the field-by-field problems of a 400, or a message. */
export interface SaveFailure {
  message: string;
  problems: SettingsFieldProblem[];
}

export type SaveResult = { ok: true } | { ok: false; failure: SaveFailure };

function failureOf(error: unknown): SaveFailure {
  const answer = (
    error as {
      response?: {
        data?: { error?: { message?: string; details?: { errors?: SettingsFieldProblem[] } } };
      };
    }
  ).response?.data?.error;
  return {
    message: answer?.message ?? (error instanceof Error ? error.message : String(error)),
    problems: answer?.details?.errors ?? [],
  };
}

/** The settings page's data: the overview, category limits and change log, with their saves. */
export function useSettings() {
  const { get, put, del } = useFetchClient();
  const [overview, setOverview] = useState<SettingsOverview | null>(null);
  const [categories, setCategories] = useState<CategoryLimitsRow[]>([]);
  const [changes, setChanges] = useState<SettingsChange[]>([]);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      const [settings, categoryRows, log] = await Promise.all([
        get<{ data: SettingsOverview }>('/minyi/settings'),
        get<{ data: CategoryLimitsRow[] }>('/minyi/settings/categories'),
        get<{ data: { results: SettingsChange[] } }>('/minyi/settings/changes?limit=100'),
      ]);
      setOverview(settings.data.data);
      setCategories(categoryRows.data.data);
      setChanges(log.data.data.results);
      setError(null);
    } catch (failure) {
      setError(failureOf(failure).message);
    }
  }, [get]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const saveSection = useCallback(
    async <Name extends SettingsSectionName>(
      section: Name,
      value: SettingsSections[Name]
    ): Promise<SaveResult> => {
      try {
        await put(`/minyi/settings/${section}`, value);
        await reload();
        return { ok: true };
      } catch (failure) {
        return { ok: false, failure: failureOf(failure) };
      }
    },
    [put, reload]
  );

  const resetSection = useCallback(
    async (section: SettingsSectionName): Promise<SaveResult> => {
      try {
        await del(`/minyi/settings/${section}`);
        await reload();
        return { ok: true };
      } catch (failure) {
        return { ok: false, failure: failureOf(failure) };
      }
    },
    [del, reload]
  );

  const saveCategory = useCallback(
    async (documentId: string, limits: CategoryLimits): Promise<SaveResult> => {
      try {
        await put(`/minyi/settings/categories/${documentId}`, limits);
        await reload();
        return { ok: true };
      } catch (failure) {
        return { ok: false, failure: failureOf(failure) };
      }
    },
    [put, reload]
  );

  return { overview, categories, changes, error, reload, saveSection, resetSection, saveCategory };
}
