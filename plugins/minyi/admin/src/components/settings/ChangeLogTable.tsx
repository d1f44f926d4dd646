import { Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { SettingsChange } from '../../../../shared/settings';
import { getTranslation } from '../../utils/getTranslation';
import { SectionPanel } from './SectionPanel';

/** The differing leaves of two values, as "path: old → new". */
function differences(before: unknown, after: unknown, prefix = ''): string[] {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(before) && isObject(after)) {
    return [...new Set([...Object.keys(before), ...Object.keys(after)])]
      .sort()
      .flatMap((key) => differences(before[key], after[key], prefix ? `${prefix}.${key}` : key));
  }
  const show = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v));
  return JSON.stringify(before) === JSON.stringify(after)
    ? []
    : [`${prefix || '∗'}: ${show(before)} → ${show(after)}`];
}

/** The settings-change log: who changed what, when, from what to what (newest first). */
export const ChangeLogTable = ({ changes }: { changes: SettingsChange[] }) => {
  const { formatMessage, formatDate } = useIntl();
  const t = (key: string, defaultMessage: string) =>
    formatMessage({ id: getTranslation(key), defaultMessage });
  const sectionLabel = (change: SettingsChange) =>
    change.section === 'category'
      ? `${t('settings.tabs.limits', '办理时限')} · ${change.targetLabel ?? change.target ?? ''}`
      : t(`settings.tabs.${change.section}`, change.section);
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
                {differences(change.oldValue, change.newValue).map((line) => (
                  <Typography key={line} variant="pi" tag="p" style={{ wordBreak: 'break-all' }}>
                    {line}
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
