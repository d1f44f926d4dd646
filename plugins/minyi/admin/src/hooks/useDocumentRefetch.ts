import { unstable_useDocument as useDocument, useQueryParams } from '@strapi/strapi/admin';
import { useMemo } from 'react';

/**
 * Refetches the document the edit view shows, so its form shows the values an action wrote.
 * Uses the same query arguments as the edit view (its params come from the URL the same way),
 * so both share one cached query and the form resets to the new values.
 */
export function useDocumentRefetch(args: {
  model: string;
  collectionType: string;
  documentId?: string;
}): () => void {
  const [{ query }] = useQueryParams<{ plugins?: Record<string, unknown> }>();
  const params = useMemo(() => {
    const { plugins, ...rest } = (query ?? {}) as Record<string, unknown> & {
      plugins?: Record<string, unknown>;
    };
    const fromPlugins = Object.values(plugins ?? {}).reduce<Record<string, unknown>>(
      (all, current) =>
        typeof current === 'object' && current !== null ? Object.assign(all, current) : all,
      {}
    );
    return { ...rest, ...fromPlugins };
  }, [query]);
  const { refetch } = useDocument({ ...args, params });
  return refetch;
}
