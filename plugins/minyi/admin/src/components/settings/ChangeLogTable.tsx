import { Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { SettingsChange } from '../../../../shared/settings';
import { getTranslation } from '../../utils/getTranslation';
import { SectionPanel } from './SectionPanel';

interface Difference {
  path: string[];
  line: string;
}

/** The differing leaves of two values, each with its path and "old → new". */
function differences(before: unknown, after: unknown, path: string[] = []): Difference[] {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(before) && isObject(after)) {
    return [...new Set([...Object.keys(before), ...Object.keys(after)])]
      .sort()
      .flatMap((key) => differences(before[key], after[key], [...path, key]));
  }
  const show = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v));
  return JSON.stringify(before) === JSON.stringify(after)
    ? []
    : [{ path, line: `${show(before)} → ${show(after)}` }];
}

/** Translation keys of the settings' fields, by section and field path (as the settings tabs label them). */
const FIELD_KEYS: Record<string, Record<string, [string, string]>> = {
  metrics: {
    minSample: ['settings.metrics.minSample', '最小样本量'],
    'thresholds.resolutionRate': ['settings.metrics.resolutionRate', '办结率阈值'],
    'thresholds.satisfactionRate': ['settings.metrics.satisfactionRate', '满意率阈值'],
    'thresholds.spotCheckPassRate': ['settings.metrics.spotCheckPassRate', '抽查合格率阈值'],
  },
  spotCheck: {
    percent: ['settings.spotCheck.percent', '抽样比例'],
    min: ['settings.spotCheck.min', '每层最少抽取'],
    max: ['settings.spotCheck.max', '每层最多抽取'],
  },
  jobs: { timezone: ['settings.jobs.timezone', '时区(IANA)'] },
  notifications: { reportRecipients: ['settings.notifications.recipients', '通报抄送人'] },
  category: {
    gridDays: ['settings.limits.gridDays', '网格(工作日)'],
    townshipDays: ['settings.limits.townshipDays', '乡镇(工作日)'],
    countyDays: ['settings.limits.countyDays', '县级(工作日)'],
    urgentHours: ['settings.limits.urgentHours', '紧急(工作小时,可空)'],
    warningOffsetHours: ['settings.limits.warningOffsetHours', '预警提前(工作小时)'],
    gridWarningOffsetHours: [
      'settings.limits.gridWarningOffsetHours',
      '网格预警提前(工作小时,空则同上)',
    ],
    townshipWarningOffsetHours: [
      'settings.limits.townshipWarningOffsetHours',
      '乡镇预警提前(工作小时,空则同上)',
    ],
    countyWarningOffsetHours: [
      'settings.limits.countyWarningOffsetHours',
      '县级预警提前(工作小时,空则同上)',
    ],
  },
};

/** The settings-change log: who changed what, when, from what to what (newest first). */
export const ChangeLogTable = ({ changes }: { changes: SettingsChange[] }) => {
  const { formatMessage, formatDate } = useIntl();
  const t = (key: string, defaultMessage: string) =>
    formatMessage({ id: getTranslation(key), defaultMessage });
  const sectionLabel = (change: SettingsChange) =>
    change.section === 'category'
      ? `${t('settings.tabs.limits', '办理时限')} · ${change.targetLabel ?? change.target ?? ''}`
      : t(`settings.tabs.${change.section}`, change.section);
  /** A field's label as its tab shows it; unknown fields keep their path. */
  const fieldLabel = (section: string, path: string[]): string => {
    const known = FIELD_KEYS[section]?.[path.join('.')];
    if (known) return t(known[0], known[1]);
    if (section === 'jobs' && path[0] === 'schedules' && path[1])
      return `${t('settings.jobs.schedule', '计划(cron)')} · ${path[1]}`;
    if (section === 'calendar' && path[0] === 'years' && path[1]) {
      const part: Record<string, [string, string]> = {
        off: ['settings.calendar.off', '放假'],
        work: ['settings.calendar.work', '调休上班'],
        source: ['settings.calendar.source', '依据'],
      };
      const leaf = path[2] ? part[path[2]] : undefined;
      return `${path[1]} · ${leaf ? t(leaf[0], leaf[1]) : (path[2] ?? t('settings.calendar.year', '年份'))}`;
    }
    return path.length > 0 ? path.join('.') : '∗';
  };
  return (
    <SectionPanel
      id="changes"
      title={t('settings.changes.title', '变更记录')}
      description={t('settings.changes.description', '每次修改设置的人员、时间及修改前后的值。')}
      canUpdate={false}
      saving={false}
      saved={false}
      errors={[]}
    >
      <Table colCount={4} rowCount={changes.length + 1}>
        <Thead>
          <Tr>
            <Th>
              <Typography variant="sigma">{t('settings.changes.at', '时间')}</Typography>
            </Th>
            <Th>
              <Typography variant="sigma">{t('settings.changes.by', '修改人')}</Typography>
            </Th>
            <Th>
              <Typography variant="sigma">{t('settings.changes.what', '设置')}</Typography>
            </Th>
            <Th>
              <Typography variant="sigma">
                {t('settings.changes.diff', '修改前 → 修改后')}
              </Typography>
            </Th>
          </Tr>
        </Thead>
        <Tbody>
          {changes.map((change) => (
            <Tr key={change.id} data-testid="minyi-settings-change">
              <Td>
                <Typography variant="pi">
                  {formatDate(change.changedAt, { dateStyle: 'medium', timeStyle: 'medium' })}
                </Typography>
              </Td>
              <Td>
                <Typography variant="pi">
                  {change.changedBy.name ?? change.changedBy.email ?? '—'}
                </Typography>
              </Td>
              <Td>
                <Typography variant="pi">{sectionLabel(change)}</Typography>
              </Td>
              <Td>
                {differences(change.oldValue, change.newValue).map(({ path, line }) => (
                  <Typography
                    key={path.join('.')}
                    variant="pi"
                    tag="p"
                    style={{ wordBreak: 'break-all' }}
                  >
                    {`${fieldLabel(change.section, path)}:${line}`}
                  </Typography>
                ))}
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
    </SectionPanel>
  );
};
