import { Box, Flex, Grid, Typography } from '@strapi/design-system';
import { useFetchClient, useGuidedTour, Widget } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { Link } from 'react-router-dom';

import type { HomeFigures } from '../../../shared/dashboard';
import { percent, workbenchHref } from '../components/dashboard/format';
import { getTranslation } from '../utils/getTranslation';

const DASHBOARD = '/plugins/minyi/dashboard';

/** Home page: my unit's open and overdue items, this month's resolution and satisfaction rates. */
const UnitFiguresWidget = () => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string) =>
    formatMessage({ id: getTranslation(id), defaultMessage });
  const { get } = useFetchClient();
  const [figures, setFigures] = useState<HomeFigures | null>(null);
  const [failed, setFailed] = useState(false);
  // Strapi's guided tour (create a content type, an API token…) is for developers: county staff who
  // see this widget skip it once, as the tour's own "skip all" does (kept in this browser).
  const tourEnabled = useGuidedTour('UnitFiguresWidget', (tour) => tour.state.enabled);
  const dispatchTour = useGuidedTour('UnitFiguresWidget', (tour) => tour.dispatch);
  useEffect(() => {
    if (tourEnabled) dispatchTour({ type: 'skip_all_tours' });
  }, [tourEnabled, dispatchTour]);

  useEffect(() => {
    get<{ data: HomeFigures }>('/minyi/dashboard/home')
      .then((response) => setFigures(response.data.data))
      .catch(() => setFailed(true));
  }, [get]);

  if (failed) return <Widget.Error />;
  if (!figures) return <Widget.Loading />;
  const tiles = [
    { key: 'open', zh: '待办事项', value: String(figures.open), to: workbenchHref() },
    {
      key: 'overdue',
      zh: '已超期',
      value: String(figures.overdue),
      to: workbenchHref('overdue'),
    },
    { key: 'resolution', zh: '本月解决率', value: percent(figures.resolutionRate), to: DASHBOARD },
    {
      key: 'satisfaction',
      zh: '本月满意率',
      value: percent(figures.satisfactionRate),
      to: DASHBOARD,
    },
  ];
  return (
    <Grid.Root gap={3} data-testid="widget-unit-figures">
      {tiles.map((tile) => (
        <Grid.Item key={tile.key} col={6} direction="column" alignItems="stretch">
          <Link to={tile.to} style={{ textDecoration: 'none' }} data-testid={`widget-${tile.key}`}>
            <Box padding={3} hasRadius background="neutral100">
              <Flex direction="column" alignItems="flex-start" gap={1}>
                <Typography variant="sigma" textColor="neutral600">
                  {t(`widgets.${tile.key}`, tile.zh)}
                </Typography>
                <Typography
                  variant="beta"
                  textColor={
                    tile.key === 'overdue' && figures.overdue > 0 ? 'danger600' : 'neutral800'
                  }
                >
                  {tile.value}
                </Typography>
              </Flex>
            </Box>
          </Link>
        </Grid.Item>
      ))}
    </Grid.Root>
  );
};

export default UnitFiguresWidget;
