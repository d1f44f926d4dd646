import { Alert, Box } from '@strapi/design-system';
import { useRBAC } from '@strapi/strapi/admin';
import { useState } from 'react';
import { Link } from 'react-router-dom';

import type { CalendarStatus } from '../../../../shared/settings';
import { SETTINGS_PERMISSIONS } from '../../permissions';
import { useT } from '../../utils/useT';

/** Settings → 民意直通车 → 节假日 (the settings page reads its tab from `?tab=`). */
export const CALENDAR_SETTINGS_PATH = '/settings/minyi?tab=calendar';

/**
 * The dashboard's warning from 1 November while next year has no holiday arrangement (the
 * status comes with the dashboard's data: township officers and auditors cannot read the
 * settings). Those who may change the settings get a link to the calendar tab; others the text.
 */
export const CalendarWarning = ({ status }: { status: CalendarStatus }) => {
  const t = useT();
  const {
    allowedActions: { canUpdate },
    isLoading,
  } = useRBAC({ update: SETTINGS_PERMISSIONS.update });
  // Closed for this visit of the page only: the next visit warns again until the year is entered.
  const [closed, setClosed] = useState(false);
  if (!status.warn || closed) return null;
  const year = String(status.nextYear);
  return (
    <Box paddingBottom={4}>
      <Alert
        variant="warning"
        closeLabel={t('dashboard.calendar.close', '关闭')}
        onClose={() => setClosed(true)}
        title={t('dashboard.calendar.missing', '{year} 年尚无节假日安排', { year })}
        action={
          canUpdate && !isLoading ? (
            <Link to={CALENDAR_SETTINGS_PATH} data-testid="dashboard-calendar-warning-link">
              {t('dashboard.calendar.enter', '前往设置录入 {year} 年安排', { year })}
            </Link>
          ) : undefined
        }
        data-testid="dashboard-calendar-warning"
      >
        {canUpdate
          ? t(
              'dashboard.calendar.detail',
              '未录入前,{year} 年的办理期限按周一至周五计算。国务院办公厅发布安排后请录入。',
              { year }
            )
          : t(
              'dashboard.calendar.detailReadOnly',
              '未录入前,{year} 年的办理期限按周一至周五计算。请联系县级管理员录入。',
              { year }
            )}
      </Alert>
    </Box>
  );
};
