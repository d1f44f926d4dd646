import {
  Alert,
  Box,
  Button,
  NumberInput,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import type {
  CategoryLimits,
  CategoryLimitsRow,
  SettingsFieldProblem,
} from '../../../../shared/settings';
import type { SaveResult } from '../../hooks/useSettings';
import { getTranslation } from '../../utils/getTranslation';
import { problemsAt } from './problems';
import { SectionPanel } from './SectionPanel';

const FIELDS = [
  'gridDays',
  'townshipDays',
  'countyDays',
  'urgentHours',
  'warningOffsetHours',
  'gridWarningOffsetHours',
  'townshipWarningOffsetHours',
  'countyWarningOffsetHours',
] as const;
type LimitField = (typeof FIELDS)[number];
/** Fields that may stay empty: no urgent limit; a level without its own warning offset. */
const NULLABLE: ReadonlySet<LimitField> = new Set([
  'urgentHours',
  'gridWarningOffsetHours',
  'townshipWarningOffsetHours',
  'countyWarningOffsetHours',
]);

interface Props {
  categories: CategoryLimitsRow[];
  canUpdate: boolean;
  onSave: (documentId: string, limits: CategoryLimits) => Promise<SaveResult>;
}

const limitsOf = (row: CategoryLimitsRow): CategoryLimits => ({
  gridDays: row.gridDays,
  townshipDays: row.townshipDays,
  countyDays: row.countyDays,
  urgentHours: row.urgentHours,
  warningOffsetHours: row.warningOffsetHours,
  gridWarningOffsetHours: row.gridWarningOffsetHours,
  townshipWarningOffsetHours: row.townshipWarningOffsetHours,
  countyWarningOffsetHours: row.countyWarningOffsetHours,
});

/** One category's row: its limits as inputs, saved on their own (each save is one log row). */
const CategoryRow = ({
  row,
  canUpdate,
  onSave,
}: {
  row: CategoryLimitsRow;
  canUpdate: boolean;
  onSave: Props['onSave'];
}) => {
  const { formatMessage, locale } = useIntl();
  const [draft, setDraft] = useState<CategoryLimits>(limitsOf(row));
  const [problems, setProblems] = useState<SettingsFieldProblem[]>([]);
  const [saving, setSaving] = useState(false);
  useEffect(() => setDraft(limitsOf(row)), [row]);
  const changed = FIELDS.some((field) => draft[field] !== row[field]);
  const set = (field: LimitField, value: number | undefined) =>
    setDraft((d) => ({
      ...d,
      [field]: NULLABLE.has(field) && value === undefined ? null : value,
    }));
  return (
    <Tr data-testid={`minyi-settings-category-${row.code}`}>
      <Td>
        <Typography fontWeight="bold">{row.name}</Typography>
        <Typography variant="pi" textColor="neutral600" tag="p">
          {row.code}
        </Typography>
      </Td>
      {FIELDS.map((field) => {
        const error = problemsAt(problems, field, locale);
        return (
          <Td key={field}>
            <Box width="8rem">
              <NumberInput
                aria-label={`${row.code} ${field}`}
                name={`${row.code}-${field}`}
                value={draft[field] ?? undefined}
                disabled={!canUpdate}
                hasError={error !== undefined}
                onValueChange={(value: number | undefined) => set(field, value)}
                size="S"
              />
            </Box>
            {error && (
              <Typography variant="pi" textColor="danger600" tag="p">
                {error}
              </Typography>
            )}
          </Td>
        );
      })}
      <Td>
        {canUpdate && (
          <Button
            size="S"
            disabled={!changed}
            loading={saving}
            data-testid={`minyi-settings-category-save-${row.code}`}
            onClick={async () => {
              setSaving(true);
              const result = await onSave(row.documentId, draft);
              setSaving(false);
              setProblems(result.ok ? [] : result.failure.problems);
            }}
          >
            {formatMessage({ id: getTranslation('settings.save'), defaultMessage: '保存' })}
          </Button>
        )}
      </Td>
    </Tr>
  );
};

/** Per-category time limits (working days per level, urgent hours) and the warning offsets. */
export const CategoryLimitsTable = ({ categories, canUpdate, onSave }: Props) => {
  const { formatMessage } = useIntl();
  const t = (key: string, defaultMessage: string) =>
    formatMessage({ id: getTranslation(key), defaultMessage });
  const headers: Record<LimitField, string> = {
    gridDays: t('settings.limits.gridDays', '网格(工作日)'),
    townshipDays: t('settings.limits.townshipDays', '乡镇(工作日)'),
    countyDays: t('settings.limits.countyDays', '县级(工作日)'),
    urgentHours: t('settings.limits.urgentHours', '紧急(工作小时,可空)'),
    warningOffsetHours: t('settings.limits.warningOffsetHours', '预警提前(工作小时)'),
    gridWarningOffsetHours: t(
      'settings.limits.gridWarningOffsetHours',
      '网格预警提前(工作小时,空则同上)'
    ),
    townshipWarningOffsetHours: t(
      'settings.limits.townshipWarningOffsetHours',
      '乡镇预警提前(工作小时,空则同上)'
    ),
    countyWarningOffsetHours: t(
      'settings.limits.countyWarningOffsetHours',
      '县级预警提前(工作小时,空则同上)'
    ),
  };
  return (
    <SectionPanel
      id="limits"
      title={t('settings.limits.title', '办理时限')}
      description={t(
        'settings.limits.description',
        '各事项分类在网格、乡镇、县级的办理时限(工作日);填写紧急时限则各层级均按工作小时计。预警在到期前“预警提前”工作小时发出;某一层级填写了自己的预警提前量时,该层级按它预警。修改只影响此后登记或流转的事项。'
      )}
      canUpdate={canUpdate}
      saving={false}
      saved={false}
      errors={[]}
    >
      {categories.length === 0 ? (
        <Alert variant="default" closeLabel="" title="">
          {t('settings.limits.none', '尚无事项分类')}
        </Alert>
      ) : (
        <Table colCount={FIELDS.length + 2} rowCount={categories.length + 1}>
          <Thead>
            <Tr>
              <Th>
                <Typography variant="sigma">{t('settings.limits.category', '事项分类')}</Typography>
              </Th>
              {FIELDS.map((field) => (
                <Th key={field}>
                  <Typography variant="sigma">{headers[field]}</Typography>
                </Th>
              ))}
              <Th>
                <Typography variant="sigma">{t('settings.actions', '操作')}</Typography>
              </Th>
            </Tr>
          </Thead>
          <Tbody>
            {categories.map((row) => (
              <CategoryRow key={row.documentId} row={row} canUpdate={canUpdate} onSave={onSave} />
            ))}
          </Tbody>
        </Table>
      )}
    </SectionPanel>
  );
};
