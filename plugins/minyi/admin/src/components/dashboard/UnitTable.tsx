import { Badge, Button, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useMemo, useState } from 'react';
import { useIntl } from 'react-intl';

import type { DashboardUnitRow } from '../../../../shared/dashboard';
import { getTranslation } from '../../utils/getTranslation';
import { percent } from './format';

type SortKey =
  'rank' | 'received' | 'handled' | 'resolutionRate' | 'onTimeRate' | 'satisfactionRate';

const COLUMNS: ReadonlyArray<{ key: SortKey; zh: string }> = [
  { key: 'rank', zh: '排名' },
  { key: 'received', zh: '受理' },
  { key: 'handled', zh: '办结' },
  { key: 'resolutionRate', zh: '解决率' },
  { key: 'onTimeRate', zh: '按期率' },
  { key: 'satisfactionRate', zh: '满意率' },
];

/**
 * Units ranked by the metrics' rules, sortable by any column; units under the minimum sample are
 * listed below the ranked ones whatever the sort (listed, not ranked).
 */
export const UnitTable = ({
  rows,
  minSample,
  testId,
}: {
  rows: DashboardUnitRow[];
  minSample: number;
  testId: string;
}) => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string>) =>
    formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({
    key: 'rank',
    descending: false,
  });

  const sorted = useMemo(() => {
    const value = (row: DashboardUnitRow) => row[sort.key] ?? -1;
    const ranked = rows.filter((row) => row.rank !== null);
    const listed = rows.filter((row) => row.rank === null);
    const order = (a: DashboardUnitRow, b: DashboardUnitRow) =>
      (sort.descending ? value(b) - value(a) : value(a) - value(b)) || a.code.localeCompare(b.code);
    return [...ranked.sort(order), ...listed.sort(order)];
  }, [rows, sort]);

  const toggle = (key: SortKey) =>
    setSort((current) => ({
      key,
      descending: current.key === key ? !current.descending : key !== 'rank',
    }));

  return (
    <Table colCount={COLUMNS.length + 1} rowCount={sorted.length + 1} data-testid={testId}>
      <Thead>
        <Tr>
          <Th>
            <Typography variant="sigma">{t('dashboard.table.unit', '单位')}</Typography>
          </Th>
          {COLUMNS.map(({ key, zh }) => (
            <Th key={key}>
              <Button
                variant="ghost"
                size="S"
                onClick={() => toggle(key)}
                data-testid={`sort-${key}`}
              >
                {t(`dashboard.table.${key}`, zh)}
                {sort.key === key ? (sort.descending ? ' ↓' : ' ↑') : ''}
              </Button>
            </Th>
          ))}
        </Tr>
      </Thead>
      <Tbody>
        {sorted.map((row) => (
          <Tr key={row.code} data-testid={`${testId}-row`} data-code={row.code}>
            <Td>
              <Typography>{row.name}</Typography>
            </Td>
            <Td>
              {row.rank === null ? (
                <Badge
                  title={t('dashboard.table.unrankedHint', '受理不足 {n} 件,不参与排名', {
                    n: String(minSample),
                  })}
                >
                  {t('dashboard.table.unranked', '不排名')}
                </Badge>
              ) : (
                <Typography>{row.rank}</Typography>
              )}
            </Td>
            <Td>
              <Typography>{row.received}</Typography>
            </Td>
            <Td>
              <Typography>{row.handled}</Typography>
            </Td>
            <Td>
              <Typography>{percent(row.resolutionRate)}</Typography>
            </Td>
            <Td>
              <Typography>{percent(row.onTimeRate)}</Typography>
            </Td>
            <Td>
              <Typography>{percent(row.satisfactionRate)}</Typography>
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};
