import {
  Box,
  Button,
  Field,
  Flex,
  Grid,
  Loader,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  TextInput,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useMemo, useState } from 'react';
import { useIntl } from 'react-intl';
import { Link } from 'react-router-dom';
import { useTheme } from 'styled-components';
import type { EChartsCoreOption } from 'echarts/core';

import type {
  DashboardCountRow,
  DashboardData,
  DashboardItemLink,
  DashboardUnitRow,
} from '../../../shared/dashboard';
import { CalendarWarning } from '../components/dashboard/CalendarWarning';
import { EChart } from '../components/dashboard/EChart';
import { dateTime, itemHref, percent, workbenchHref } from '../components/dashboard/format';
import { HeadlineFigures } from '../components/dashboard/HeadlineFigures';
import { UnitTable } from '../components/dashboard/UnitTable';
import { type PeriodChoice, useDashboard } from '../hooks/useDashboard';
import { permissionsOf } from '../permissions';
import { getTranslation } from '../utils/getTranslation';

type Unit = 'month' | 'quarter' | 'year' | 'range';

function useT() {
  const { formatMessage } = useIntl();
  return (id: string, defaultMessage: string, values?: Record<string, string>) =>
    formatMessage({ id: getTranslation(id), defaultMessage }, values);
}

/** Month / quarter / year / custom range; the form keeps its own draft until 查询 is pressed. */
const PeriodPicker = ({
  initialKey,
  onChoose,
}: {
  initialKey: string;
  onChoose: (choice: PeriodChoice) => void;
}) => {
  const t = useT();
  const [unit, setUnit] = useState<Unit>('month');
  const [month, setMonth] = useState(initialKey.slice(0, 7));
  const [year, setYear] = useState(initialKey.slice(0, 4));
  const [quarter, setQuarter] = useState('Q1');
  const [from, setFrom] = useState(`${initialKey.slice(0, 7)}-01`);
  const [to, setTo] = useState(`${initialKey.slice(0, 7)}-28`);

  const choose = () => {
    if (unit === 'month') onChoose({ period: month });
    else if (unit === 'quarter') onChoose({ period: `${year}-${quarter}` });
    else if (unit === 'year') onChoose({ period: year });
    else onChoose({ from, to });
  };

  return (
    <Flex gap={3} alignItems="flex-end" wrap="wrap" data-testid="dashboard-period">
      <Field.Root name="unit">
        <Field.Label>{t('dashboard.period.unit', '统计周期')}</Field.Label>
        <SingleSelect value={unit} onChange={(value: string | number) => setUnit(value as Unit)}>
          <SingleSelectOption value="month">
            {t('dashboard.period.month', '月度')}
          </SingleSelectOption>
          <SingleSelectOption value="quarter">
            {t('dashboard.period.quarter', '季度')}
          </SingleSelectOption>
          <SingleSelectOption value="year">{t('dashboard.period.year', '年度')}</SingleSelectOption>
          <SingleSelectOption value="range">
            {t('dashboard.period.range', '自定义区间')}
          </SingleSelectOption>
        </SingleSelect>
      </Field.Root>
      {unit === 'month' && (
        <Field.Root name="month">
          <Field.Label>{t('dashboard.period.month', '月度')}</Field.Label>
          <TextInput
            type="month"
            value={month}
            onChange={(e: React.ChangeEvent<HTMLInputElement>) => setMonth(e.target.value)}
          />
        </Field.Root>
      )}
      {(unit === 'quarter' || unit === 'year') && (
        <Field.Root name="year">
          <Field.Label>{t('dashboard.period.yearLabel', '年份')}</Field.Label>
          <TextInput
            value={year}
            onChange={(e: React.ChangeEvent<HTMLInputElement>) => setYear(e.target.value)}
          />
        </Field.Root>
      )}
      {unit === 'quarter' && (
        <Field.Root name="quarter">
          <Field.Label>{t('dashboard.period.quarter', '季度')}</Field.Label>
          <SingleSelect
            value={quarter}
            onChange={(value: string | number) => setQuarter(String(value))}
          >
            {['Q1', 'Q2', 'Q3', 'Q4'].map((q, i) => (
              <SingleSelectOption key={q} value={q}>
                {t(
                  `dashboard.period.q${i + 1}`,
                  ['第一季度', '第二季度', '第三季度', '第四季度'][i]
                )}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Field.Root>
      )}
      {unit === 'range' && (
        <>
          <Field.Root name="from">
            <Field.Label>{t('dashboard.period.from', '开始日期')}</Field.Label>
            <TextInput
              type="date"
              value={from}
              onChange={(e: React.ChangeEvent<HTMLInputElement>) => setFrom(e.target.value)}
            />
          </Field.Root>
          <Field.Root name="to">
            <Field.Label>{t('dashboard.period.to', '结束日期')}</Field.Label>
            <TextInput
              type="date"
              value={to}
              onChange={(e: React.ChangeEvent<HTMLInputElement>) => setTo(e.target.value)}
            />
          </Field.Root>
        </>
      )}
      <Button onClick={choose} data-testid="dashboard-period-apply">
        {t('dashboard.period.apply', '查询')}
      </Button>
    </Flex>
  );
};

const Section = ({ title, children }: { title: string; children: React.ReactNode }) => (
  <Box background="neutral0" hasRadius shadow="tableShadow" padding={5} marginTop={6}>
    <Typography variant="delta" tag="h2">
      {title}
    </Typography>
    <Box paddingTop={3}>{children}</Box>
  </Box>
);

/** The first rows of an item list, and the way to all of them on the workbench's tab. */
const ItemList = ({
  items,
  count,
  tab,
  timeZone,
  testId,
}: {
  items: DashboardItemLink[];
  /** All the items of the list, not only the rows shown. */
  count: number;
  tab: 'overdue' | 'due-soon';
  timeZone: string;
  testId: string;
}) => {
  const t = useT();
  if (items.length === 0)
    return <Typography textColor="neutral600">{t('dashboard.none', '暂无')}</Typography>;
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Table colCount={3} rowCount={items.length + 1} data-testid={testId}>
        <Thead>
          <Tr>
            <Th>
              <Typography variant="sigma">{t('dashboard.items.code', '受理编号')}</Typography>
            </Th>
            <Th>
              <Typography variant="sigma">{t('dashboard.items.title', '事项')}</Typography>
            </Th>
            <Th>
              <Typography variant="sigma">{t('dashboard.items.due', '办理时限')}</Typography>
            </Th>
          </Tr>
        </Thead>
        <Tbody>
          {items.map((item) => (
            <Tr key={item.documentId}>
              <Td>
                <Link to={itemHref(item.documentId)}>{item.trackingCode}</Link>
              </Td>
              <Td>
                <Typography ellipsis>{item.title}</Typography>
              </Td>
              <Td>
                <Typography>{dateTime(item.dueAt, timeZone)}</Typography>
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
      <Link to={workbenchHref(tab)} data-testid={`${testId}-all`}>
        {t('dashboard.items.all', '共 {count} 件,查看全部', { count: String(count) })}
      </Link>
    </Flex>
  );
};

const CountList = ({ rows, testId }: { rows: DashboardCountRow[]; testId: string }) => {
  const t = useT();
  return (
    <Table colCount={4} rowCount={rows.length + 1} data-testid={testId}>
      <Thead>
        <Tr>
          <Th>
            <Typography variant="sigma">{t('dashboard.table.name', '名称')}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{t('dashboard.table.received', '受理')}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{t('dashboard.table.handled', '办结')}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{t('dashboard.table.resolutionRate', '解决率')}</Typography>
          </Th>
        </Tr>
      </Thead>
      <Tbody>
        {rows.map((row) => (
          <Tr key={row.key}>
            <Td>
              <Typography>{row.label}</Typography>
            </Td>
            <Td>
              <Typography>{row.received}</Typography>
            </Td>
            <Td>
              <Typography>{row.handled}</Typography>
            </Td>
            <Td>
              <Typography>
                {percent(row.received > 0 ? row.handled / row.received : null)}
              </Typography>
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};

function useCharts(data: DashboardData | null) {
  const theme = useTheme();
  const t = useT();
  return useMemo(() => {
    if (!data) return null;
    const colors = [theme.colors.primary600, theme.colors.success500, theme.colors.warning500];
    const received = t('dashboard.chart.received', '受理');
    const handled = t('dashboard.chart.handled', '办结');
    const rate = t('dashboard.chart.resolutionRate', '解决率');
    const trend: EChartsCoreOption = {
      color: colors,
      // Drawn at once: figures for reading (and printing, and screenshots), not an animation.
      animation: false,
      tooltip: { trigger: 'axis' },
      // ECharts 6 puts the legend at the bottom by default, over the month labels.
      legend: { data: [received, handled, rate], top: 0 },
      grid: { left: 48, right: 56, bottom: 32, top: 40 },
      xAxis: { type: 'category', data: data.trend.map((p) => p.month) },
      yAxis: [
        { type: 'value', name: t('dashboard.chart.items', '件') },
        { type: 'value', name: '%', min: 0, max: 100 },
      ],
      series: [
        { name: received, type: 'bar', data: data.trend.map((p) => p.received) },
        { name: handled, type: 'bar', data: data.trend.map((p) => p.handled) },
        {
          name: rate,
          type: 'line',
          yAxisIndex: 1,
          data: data.trend.map((p) =>
            p.resolutionRate === null ? null : Math.round(p.resolutionRate * 10000) / 100
          ),
        },
      ],
    };
    const units = (rows: DashboardUnitRow[]): EChartsCoreOption => ({
      color: colors,
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { data: [received, handled], top: 0 },
      grid: { left: 48, right: 16, bottom: 64, top: 40 },
      xAxis: {
        type: 'category',
        data: rows.map((r) => r.name),
        axisLabel: { interval: 0, rotate: rows.length > 8 ? 30 : 0 },
      },
      yAxis: { type: 'value' },
      series: [
        { name: received, type: 'bar', data: rows.map((r) => r.received) },
        { name: handled, type: 'bar', data: rows.map((r) => r.handled) },
      ],
    });
    const counts = (rows: DashboardCountRow[]): EChartsCoreOption => ({
      color: colors,
      animation: false,
      tooltip: { trigger: 'axis' },
      grid: { left: 160, right: 16, bottom: 24, top: 16 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: rows.map((r) => r.label).reverse() },
      series: [{ name: received, type: 'bar', data: rows.map((r) => r.received).reverse() }],
    });
    return {
      trend,
      townships: units(data.townships),
      departments: units(data.departments),
      channels: counts(data.channels),
      categories: counts(data.categories),
    };
    // Not `t`: it is stable for a locale; redraw on new data only
  }, [data, theme]);
}

function scopeText(data: DashboardData, t: ReturnType<typeof useT>): string {
  switch (data.scope.kind) {
    case 'county':
      return t('dashboard.scope.county', '全县');
    case 'township':
    case 'grid':
    case 'department':
      return data.scope.name;
  }
}

/** 数据看板: the period and unit scope the user may see, every figure from the metrics definition. */
const Dashboard = () => {
  const t = useT();
  const [choice, setChoice] = useState<PeriodChoice>({});
  const { data, error, loading } = useDashboard(choice);
  const charts = useCharts(data);

  return (
    <Page.Main>
      <Page.Title>{t('dashboard.title', '数据看板')}</Page.Title>
      <Layouts.Header
        title={t('dashboard.title', '数据看板')}
        subtitle={
          data
            ? t('dashboard.subtitle', '{scope} · {period}(上期 {previous})', {
                scope: scopeText(data, t),
                period: data.period.key,
                previous: data.period.previousKey,
              })
            : undefined
        }
      />
      <Layouts.Content>
        {data && <CalendarWarning status={data.calendarStatus} />}
        {data && <PeriodPicker initialKey={data.period.key} onChoose={setChoice} />}
        {error && (
          <Box paddingTop={4}>
            <Typography textColor="danger600" data-testid="dashboard-error">
              {error}
            </Typography>
          </Box>
        )}
        {loading && !data && <Loader>{t('dashboard.loading', '正在统计…')}</Loader>}
        {data && charts && (
          <Box paddingTop={6} data-testid="dashboard" data-period={data.period.key}>
            <HeadlineFigures data={data} />
            <Section title={t('dashboard.trend', '近 12 个月受理、办结与解决率')}>
              <EChart option={charts.trend} testId="dashboard-chart-trend" />
            </Section>
            {data.townships.length > 0 && (
              <Section title={t('dashboard.townships', '各乡镇办理情况')}>
                <EChart option={charts.townships} testId="dashboard-chart-townships" />
                <UnitTable
                  rows={data.townships}
                  minSample={data.minSample}
                  testId="dashboard-townships"
                />
              </Section>
            )}
            {data.departments.length > 0 && (
              <Section title={t('dashboard.departments', '各部门办理情况')}>
                <EChart option={charts.departments} testId="dashboard-chart-departments" />
                <UnitTable
                  rows={data.departments}
                  minSample={data.minSample}
                  testId="dashboard-departments"
                />
              </Section>
            )}
            <Grid.Root gap={6}>
              <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                <Section title={t('dashboard.channels', '收集渠道')}>
                  <EChart option={charts.channels} height={280} testId="dashboard-chart-channels" />
                  <CountList rows={data.channels} testId="dashboard-channels" />
                </Section>
              </Grid.Item>
              <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                <Section title={t('dashboard.categories', '事项分类排行')}>
                  <EChart
                    option={charts.categories}
                    height={280}
                    testId="dashboard-chart-categories"
                  />
                  <CountList rows={data.categories} testId="dashboard-categories" />
                </Section>
              </Grid.Item>
            </Grid.Root>
            <Grid.Root gap={6}>
              <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                <Section
                  title={t('dashboard.overdueItems', '已超期事项({count} 件)', {
                    count: String(data.overdueNow),
                  })}
                >
                  <ItemList
                    items={data.overdueItems}
                    count={data.overdueNow}
                    tab="overdue"
                    timeZone={data.timeZone}
                    testId="dashboard-overdue-items"
                  />
                </Section>
              </Grid.Item>
              <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                <Section
                  title={t('dashboard.dueSoonItems', '24 小时内到期({count} 件)', {
                    count: String(data.dueSoonNow),
                  })}
                >
                  <ItemList
                    items={data.dueSoonItems}
                    count={data.dueSoonNow}
                    tab="due-soon"
                    timeZone={data.timeZone}
                    testId="dashboard-due-soon-items"
                  />
                </Section>
              </Grid.Item>
            </Grid.Root>
            <Section title={t('dashboard.overdueRectifications', '逾期未整改的通知书')}>
              {data.overdueRectifications.length === 0 ? (
                <Typography textColor="neutral600">{t('dashboard.none', '暂无')}</Typography>
              ) : (
                <Flex
                  direction="column"
                  alignItems="flex-start"
                  gap={2}
                  data-testid="dashboard-overdue-rectifications"
                >
                  {data.overdueRectifications.map((notice) => (
                    <Link
                      key={notice.documentId}
                      to={`/plugins/minyi/notices/${notice.documentId}`}
                    >
                      {notice.title}({t('dashboard.rectifyBy', '整改期限')}{' '}
                      {notice.rectifyBy ?? '—'})
                    </Link>
                  ))}
                </Flex>
              )}
            </Section>
            <Box paddingTop={4}>
              <Typography variant="pi" textColor="neutral600">
                {t(
                  'dashboard.footnote',
                  '受理不足 {n} 件的单位列出数据、不参与排名。口径与公开统计(/api/stats)、月研判和通报一致。统计于 {at}。',
                  { n: String(data.minSample), at: dateTime(data.computedAt, data.timeZone) }
                )}
              </Typography>
            </Box>
          </Box>
        )}
      </Layouts.Content>
    </Page.Main>
  );
};

const DashboardPage = () => (
  <Page.Protect permissions={permissionsOf('dashboardRead')}>
    <Dashboard />
  </Page.Protect>
);

export default DashboardPage;
