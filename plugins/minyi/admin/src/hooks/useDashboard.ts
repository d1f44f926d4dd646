import { useFetchClient } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';

import type { DashboardData } from '../../../shared/dashboard';
import { refusalText } from '../utils/refusal';
import { useT } from '../utils/useT';

/** The period the dashboard asks for: a period key (2026-10, 2026-Q4, 2026) or a range of dates. */
export type PeriodChoice = { period?: string } | { from: string; to: string };

export function useDashboard(choice: PeriodChoice) {
  const { get } = useFetchClient();
  const [data, setData] = useState<DashboardData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const query = new URLSearchParams(choice as Record<string, string>).toString();
  const failed = useT()('dashboard.error.failed', '无法读取数据看板,请稍后重试');

  useEffect(() => {
    let current = true;
    setLoading(true);
    setError(null);
    get<{ data: DashboardData }>(`/minyi/dashboard?${query}`)
      .then((response) => current && setData(response.data.data))
      .catch((failure: unknown) => current && setError(refusalText(failure, failed)))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [get, query, failed]);

  return { data, error, loading };
}
