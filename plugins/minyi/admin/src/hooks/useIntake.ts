import { useFetchClient } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';

import type {
  IntakeDuplicatesResponse,
  IntakeOptionsResponse,
  UnitRef,
} from '../../../shared/contracts';
import { readRefusal, type ShownRefusal } from '../utils/refusal';

type Options = IntakeOptionsResponse['data'];

/** Waits until `value` has stopped changing for `ms` (typing in a search box). */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** What the 登记民意 form offers (GET /minyi/intake/options); grids are searched by name or code. */
export function useIntakeOptions(gridSearch: string) {
  const { get } = useFetchClient();
  const [options, setOptions] = useState<Options | null>(null);
  const [grids, setGrids] = useState<UnitRef[]>([]);
  const [refusal, setRefusal] = useState<ShownRefusal | null>(null);
  const search = useSettled(gridSearch.trim(), 250);

  useEffect(() => {
    let current = true;
    get<IntakeOptionsResponse>('/minyi/intake/options', { params: { grid: search || undefined } })
      .then((response) => {
        if (!current) return;
        setOptions((previous) => previous ?? response.data.data);
        setGrids(response.data.data.grids);
      })
      .catch((error: unknown) => current && setRefusal(readRefusal(error, '无法读取登记选项')));
    return () => {
      current = false;
    };
  }, [get, search]);

  return { options, grids, refusal };
}

/** Possible duplicates of what is being registered (GET /minyi/intake/duplicates). */
export function useIntakeDuplicates(input: { phone: string; address: string; category: string }) {
  const { get } = useFetchClient();
  const settled = useSettled(input, 400);
  const [duplicates, setDuplicates] = useState<IntakeDuplicatesResponse['data']>([]);
  const { phone, address, category } = settled;

  useEffect(() => {
    let current = true;
    if (!phone.trim() && !(address.trim() && category)) {
      setDuplicates([]);
      return;
    }
    get<IntakeDuplicatesResponse>('/minyi/intake/duplicates', {
      params: {
        phone: phone.trim() || undefined,
        address: address.trim() || undefined,
        category: category || undefined,
      },
    })
      .then((response) => current && setDuplicates(response.data.data))
      .catch(() => current && setDuplicates([]));
    return () => {
      current = false;
    };
  }, [get, phone, address, category]);

  return duplicates;
}
