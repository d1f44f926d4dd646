import { useFetchClient } from '@strapi/strapi/admin';
import { useCallback, useEffect, useState } from 'react';

import type { WorkbenchQuery, WorkbenchResponse } from '../../../shared/contracts';
import { readRefusal, type ShownRefusal } from '../utils/refusal';

/** One page of the workbench (GET /minyi/workbench): tab counts and the tab's rows. */
export function useWorkbench(query: WorkbenchQuery) {
  const { get } = useFetchClient();
  const [answer, setAnswer] = useState<WorkbenchResponse | null>(null);
  const [refusal, setRefusal] = useState<ShownRefusal | null>(null);
  const [loading, setLoading] = useState(true);
  const [version, setVersion] = useState(0);
  const { tab, q, page, pageSize } = query;

  useEffect(() => {
    let current = true;
    setLoading(true);
    get<WorkbenchResponse>('/minyi/workbench', {
      params: { tab, q: q || undefined, page, pageSize },
    })
      .then((response) => {
        if (!current) return;
        setAnswer(response.data);
        setRefusal(null);
      })
      .catch((error: unknown) => current && setRefusal(readRefusal(error, '无法读取工作台')))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [get, tab, q, page, pageSize, version]);

  const reload = useCallback(() => setVersion((value) => value + 1), []);
  return { answer, refusal, loading, reload };
}
