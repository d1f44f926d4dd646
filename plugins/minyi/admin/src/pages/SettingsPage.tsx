import { Box, Flex, Tabs } from '@strapi/design-system';
import { Layouts, Page, useQueryParams, useRBAC } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import type { SettingsSectionName } from '../../../shared/settings';
import { CalendarSection } from '../components/settings/CalendarSection';
import { CategoryLimitsTable } from '../components/settings/CategoryLimitsTable';
import { ChangeLogTable } from '../components/settings/ChangeLogTable';
import { JobsSection } from '../components/settings/JobsSection';
import { MetricsSection, SpotCheckSection } from '../components/settings/MetricsSection';
import { RecipientsSection } from '../components/settings/RecipientsSection';
import { useSettings } from '../hooks/useSettings';
import { SETTINGS_PERMISSIONS } from '../permissions';
import { getTranslation } from '../utils/getTranslation';

/** Settings → 民意直通车: the county's settings, by tab. Read with settingsRead; change with settingsUpdate. */
const SettingsContent = () => {
  const { formatMessage } = useIntl();
  const t = (key: string, defaultMessage: string) =>
    formatMessage({ id: getTranslation(key), defaultMessage });
  const {
    allowedActions: { canUpdate },
    isLoading: permissionsLoading,
  } = useRBAC({ update: SETTINGS_PERMISSIONS.update });
  const { overview, categories, changes, error, saveSection, resetSection, saveCategory } =
    useSettings();
  // The open tab is in the address (?tab=calendar: the dashboard's calendar warning links there).
  const [{ query }, setQuery] = useQueryParams<{ tab?: string }>();

  if (error) return <Page.Error />;
  if (!overview || permissionsLoading) return <Page.Loading />;

  const stored = (section: SettingsSectionName) => overview.stored.includes(section);
  const common = <Name extends SettingsSectionName>(section: Name) => ({
    stored: stored(section),
    canUpdate,
    onReset: () => resetSection(section),
  });
  const tabs = [
    ['limits', t('settings.tabs.limits', '办理时限')],
    ['metrics', t('settings.tabs.metrics', '指标阈值')],
    ['spotCheck', t('settings.tabs.spotCheck', '月度抽查')],
    ['jobs', t('settings.tabs.jobs', '定时任务')],
    ['notifications', t('settings.tabs.notifications', '通知')],
    ['calendar', t('settings.tabs.calendar', '节假日')],
    ['changes', t('settings.tabs.changes', '变更记录')],
  ] as const;
  const tab = tabs.some(([id]) => id === query.tab) ? (query.tab as string) : 'limits';

  return (
    <Page.Main>
      <Page.Title>{t('settings.title', '民意直通车设置')}</Page.Title>
      <Layouts.Header
        title={t('settings.title', '民意直通车设置')}
        subtitle={
          canUpdate
            ? t(
                'settings.subtitle',
                '保存即写入数据库并记录变更;所有实例无需重启即生效。环境变量为默认值。'
              )
            : t('settings.readOnly', '只读:您可以查看设置和变更记录,但不能修改。')
        }
      />
      <Layouts.Content>
        <Tabs.Root value={tab} onValueChange={(next: string) => setQuery({ tab: next })}>
          <Tabs.List aria-label={t('settings.title', '民意直通车设置')}>
            {tabs.map(([id, label]) => (
              <Tabs.Trigger key={id} value={id} data-testid={`minyi-settings-tab-${id}`}>
                {label}
              </Tabs.Trigger>
            ))}
          </Tabs.List>
          <Box paddingTop={4}>
            <Tabs.Content value="limits">
              <CategoryLimitsTable
                categories={categories}
                canUpdate={canUpdate}
                onSave={saveCategory}
              />
            </Tabs.Content>
            <Tabs.Content value="metrics">
              <MetricsSection
                value={overview.effective.metrics}
                {...common('metrics')}
                onSave={(value) => saveSection('metrics', value)}
              />
            </Tabs.Content>
            <Tabs.Content value="spotCheck">
              <SpotCheckSection
                value={overview.effective.spotCheck}
                {...common('spotCheck')}
                onSave={(value) => saveSection('spotCheck', value)}
              />
            </Tabs.Content>
            <Tabs.Content value="jobs">
              <JobsSection
                value={overview.effective.jobs}
                jobs={overview.jobs}
                {...common('jobs')}
                onSave={(value) => saveSection('jobs', value)}
              />
            </Tabs.Content>
            <Tabs.Content value="notifications">
              <RecipientsSection
                value={overview.effective.notifications}
                {...common('notifications')}
                onSave={(value) => saveSection('notifications', value)}
              />
            </Tabs.Content>
            <Tabs.Content value="calendar">
              <CalendarSection
                value={overview.effective.calendar}
                builtIn={overview.builtInCalendar}
                status={overview.calendarStatus}
                {...common('calendar')}
                onSave={(value) => saveSection('calendar', value)}
              />
            </Tabs.Content>
            <Tabs.Content value="changes">
              <Flex direction="column" alignItems="stretch">
                <ChangeLogTable changes={changes} />
              </Flex>
            </Tabs.Content>
          </Box>
        </Tabs.Root>
      </Layouts.Content>
    </Page.Main>
  );
};

const SettingsPage = () => (
  <Page.Protect permissions={SETTINGS_PERMISSIONS.read}>
    <SettingsContent />
  </Page.Protect>
);

export default SettingsPage;
