import { Box, Flex, Grid, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';

import type { DashboardData, DashboardFigures } from '../../../../shared/dashboard';
import { getTranslation } from '../../utils/getTranslation';
import { percent } from './format';

type FigureKey = keyof DashboardFigures | 'overdueNow';

const FIGURES: ReadonlyArray<{ key: FigureKey; rate: boolean; zh: string }> = [
  { key: 'received', rate: false, zh: '受理件数' },
  { key: 'handled', rate: false, zh: '办结件数' },
  { key: 'resolutionRate', rate: true, zh: '民意解决率' },
  { key: 'onTimeRate', rate: true, zh: '按期办结率' },
  { key: 'satisfactionRate', rate: true, zh: '群众满意率' },
  { key: 'overdueNow', rate: false, zh: '当前超期' },
  { key: 'escalated', rate: false, zh: '升级件数' },
];

/** The seven headline figures, each with the previous period's beside it. */
export const HeadlineFigures = ({ data }: { data: DashboardData }) => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string>) =>
    formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const show = (value: number | null, rate: boolean) =>
    rate ? percent(value) : String(value ?? 0);

  return (
    <Grid.Root gap={4} gridCols={7}>
      {FIGURES.map(({ key, rate, zh }) => {
        const now = key === 'overdueNow' ? data.overdueNow : data.current[key];
        const before = key === 'overdueNow' ? null : data.previous[key];
        return (
          <Grid.Item key={key} col={1} s={12} direction="column" alignItems="stretch">
            <Box
              background="neutral0"
              hasRadius
              shadow="tableShadow"
              padding={4}
              data-testid={`dashboard-figure-${key}`}
            >
              <Flex direction="column" alignItems="flex-start" gap={1}>
                <Typography variant="sigma" textColor="neutral600">
                  {t(`dashboard.figure.${key}`, zh)}
                </Typography>
                <Typography variant="alpha" tag="p" data-testid="value">
                  {show(now, rate)}
                </Typography>
                <Typography variant="pi" textColor="neutral600" data-testid="previous">
                  {key === 'overdueNow'
                    ? t('dashboard.figure.dueSoon', '24 小时内到期 {count} 件', {
                        count: String(data.dueSoonNow),
                      })
                    : t('dashboard.figure.previous', '上期 {value}', {
                        value: show(before as number | null, rate),
                      })}
                </Typography>
              </Flex>
            </Box>
          </Grid.Item>
        );
      })}
    </Grid.Root>
  );
};
