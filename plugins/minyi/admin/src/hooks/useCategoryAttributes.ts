import { useFetchClient } from '@strapi/strapi/admin';
import { useCallback, useEffect, useState } from 'react';

import type { CategoryAttributesBody, CategoryAttributesResponse } from '../../../shared/contracts';
import { readRefusal, type ShownRefusal } from '../utils/refusal';

export type CategoryAttributes = CategoryAttributesResponse['data'];

/**
 * A category's Open311 attributes for the edit view's side panel
 * (GET/PUT /minyi/categories/:documentId/open311-attributes). A refused save keeps the draft and
 * answers the server's problems by field (`attributes.0.code` …) for the messages beside them.
 */
export function useCategoryAttributes(documentId: string) {
  const { get, put } = useFetchClient();
  const [data, setData] = useState<CategoryAttributes | null>(null);
  const [refusal, setRefusal] = useState<ShownRefusal | null>(null);
  const [loading, setLoading] = useState(true);

  const path = `/minyi/categories/${encodeURIComponent(documentId)}/open311-attributes`;

  useEffect(() => {
    let current = true;
    setLoading(true);
    get<CategoryAttributesResponse>(path)
      .then((response) => {
        if (!current) return;
        setData(response.data.data);
        setRefusal(null);
      })
      .catch((error: unknown) => {
        if (current) setRefusal(readRefusal(error, '无法读取附加信息项'));
      })
      .finally(() => {
        if (current) setLoading(false);
      });
    return () => {
      current = false;
    };
  }, [get, path]);

  const save = useCallback(
    async (body: CategoryAttributesBody): Promise<ShownRefusal | null> => {
      try {
        const response = await put<CategoryAttributesResponse>(path, body);
        setData(response.data.data);
        return null;
      } catch (error) {
        return readRefusal(error, '保存失败');
      }
    },
    [put, path]
  );

  return { data, refusal, loading, save };
}
