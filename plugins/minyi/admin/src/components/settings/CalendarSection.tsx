import {
  Alert,
  Box,
  Button,
  Field,
  Flex,
  Grid,
  Table,
  Tbody,
  Td,
  TextInput,
  Textarea,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { useMemo } from 'react';
import { useIntl } from 'react-intl';
import type {
  CalendarSettings,
  CalendarStatus,
  YearArrangementInput,
} from '../../../../shared/settings';
import { useSectionDraft } from '../../hooks/useSectionDraft';
import type { SaveResult } from '../../hooks/useSettings';
import { getTranslation } from '../../utils/getTranslation';
import { otherProblems, problemsUnder } from './problems';
import { SectionPanel } from './SectionPanel';

interface Props {
  value: CalendarSettings;
  builtIn: Record<string, YearArrangementInput>;
  status: CalendarStatus;
  stored: boolean;
  canUpdate: boolean;
  onSave: (value: CalendarSettings) => Promise<SaveResult>;
  onReset: () => Promise<SaveResult>;
}

/** A year as typed: one date or range (YYYY-MM-DD/YYYY-MM-DD) a line. */
interface YearText {
  source: string;
  off: string;
  work: string;
}

const toText = (years: CalendarSettings['years']): Record<string, YearText> =>
  Object.fromEntries(
    Object.entries(years).map(([year, arrangement]) => [
      year,
      {
        source: arrangement.source ?? '',
        off: arrangement.off.join('\n'),
        work: arrangement.work.join('\n'),
      },
    ])
  );

const lines = (text: string): string[] =>
  text
    .split(/[\n,,;;]/)
    .map((line) => line.trim())
    .filter(Boolean);

const fromText = (years: Record<string, YearText>): CalendarSettings => ({
  years: Object.fromEntries(
    Object.entries(years).map(([year, text]) => [
      year,
      {
        ...(text.source.trim() ? { source: text.source.trim() } : {}),
        off: lines(text.off),
        work: lines(text.work),
      },
    ])
  ),
});

/**
 * The holiday calendar by year: the built-in years read-only, the county's entered years as
 * 放假 and 调休上班 dates. Deadlines everywhere use built-in + entered years.
 */
export const CalendarSection = ({
  value,
  builtIn,
  status,
  stored,
  canUpdate,
  onSave,
  onReset,
}: Props) => {
  const { formatMessage, locale } = useIntl();
  const t = (key: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: getTranslation(key), defaultMessage }, values);
  const inForce = useMemo(() => toText(value.years), [value.years]);
  const form = useSectionDraft(inForce, (years) => onSave(fromText(years)), onReset);
  const draft = form.draft ?? inForce;
  const years = Object.keys(draft).sort();
  const setYear = (year: string, change: Partial<YearText>) =>
    form.setDraft((d) => ({ ...d, [year]: { ...d[year], ...change } }));
  const addYear = () => {
    let year = status.nextYear;
    while (draft[String(year)] || builtIn[String(year)]) year += 1;
    form.setDraft((d) => ({ ...d, [String(year)]: { source: '', off: '', work: '' } }));
  };
  /** The year is the entry's key: typing moves the entry (the server checks the year on save). */
  const renameYear = (from: string, to: string) =>
    form.setDraft((d) => {
      const year = to.trim();
      if (year === '' || d[year]) return d;
      const { [from]: moved, ...rest } = d;
      return { ...rest, [year]: moved };
    });
  const removeYear = (year: string) =>
    form.setDraft((d) => {
      const { [year]: _removed, ...rest } = d;
      return rest;
    });

  return (
    <SectionPanel
      id="calendar"
      title={t('settings.calendar.title', '节假日安排')}
      description={t(
        'settings.calendar.description',
        '办理期限按工作日计算:内置年份 + 本县录入的年份。未录入安排的年份按周一至周五计算。国务院办公厅发布次年安排后请在此录入。'
      )}
      stored={stored}
      canUpdate={canUpdate}
      saving={form.saving}
      saved={form.saved}
      errors={
        form.message ? [form.message, ...otherProblems(form.problems, ['years'], locale)] : []
      }
      onSave={() => void form.submit()}
      onReset={() => void form.reset()}
    >
      {!status.nextYearHasArrangement && (
        <Alert
          variant={status.warn ? 'warning' : 'default'}
          closeLabel={t('settings.close', '关闭')}
          title={t('settings.calendar.missing', '{year} 年尚无节假日安排', {
            year: status.nextYear,
          })}
          data-testid="minyi-settings-calendar-missing"
        >
          {t('settings.calendar.missingDetail', '未录入前,{year} 年的办理期限按周一至周五计算。', {
            year: status.nextYear,
          })}
        </Alert>
      )}
      <Typography variant="omega" fontWeight="bold" tag="h3">
        {t('settings.calendar.builtIn', '内置年份(只读)')}
      </Typography>
      <Table colCount={4} rowCount={Object.keys(builtIn).length + 1}>
        <Thead>
          <Tr>
            <Th>
              <Typography variant="sigma">{t('settings.calendar.year', '年份')}</Typography>
            </Th>
            <Th>
              <Typography variant="sigma">{t('settings.calendar.source', '依据')}</Typography>
            </Th>
            <Th>
              <Typography variant="sigma">{t('settings.calendar.off', '放假')}</Typography>
            </Th>
            <Th>
              <Typography variant="sigma">{t('settings.calendar.work', '调休上班')}</Typography>
            </Th>
          </Tr>
        </Thead>
        <Tbody>
          {Object.entries(builtIn).map(([year, arrangement]) => (
            <Tr key={year} data-testid={`minyi-settings-builtin-${year}`}>
              <Td>
                <Typography fontWeight="bold">{year}</Typography>
              </Td>
              <Td>
                <Typography variant="pi">{arrangement.source}</Typography>
              </Td>
              <Td style={{ whiteSpace: 'normal' }}>
                <Typography variant="pi" style={{ whiteSpace: 'normal', wordBreak: 'break-word' }}>
                  {arrangement.off.join('、')}
                </Typography>
              </Td>
              <Td style={{ whiteSpace: 'normal' }}>
                <Typography variant="pi" style={{ whiteSpace: 'normal', wordBreak: 'break-word' }}>
                  {arrangement.work.join('、')}
                </Typography>
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
      <Typography variant="omega" fontWeight="bold" tag="h3">
        {t('settings.calendar.entered', '本县录入的年份')}
      </Typography>
      {years.length === 0 && (
        <Typography variant="pi" textColor="neutral600">
          {t('settings.calendar.none', '尚未录入任何年份。')}
        </Typography>
      )}
      {years.map((year) => (
        <Box
          key={year}
          padding={4}
          hasRadius
          borderColor="neutral200"
          data-testid={`minyi-settings-year-${year}`}
        >
          <Flex direction="column" alignItems="stretch" gap={3}>
            {problemsUnder(form.problems, `years.${year}`, locale).length > 0 && (
              <Alert
                variant="danger"
                closeLabel={t('settings.close', '关闭')}
                title={t('settings.calendar.yearInvalid', '{year} 年安排有误', { year })}
              >
                {problemsUnder(form.problems, `years.${year}`, locale).map((message) => (
                  <Typography key={message} tag="p" variant="pi">
                    {message}
                  </Typography>
                ))}
              </Alert>
            )}
            <Grid.Root gap={4}>
              <Grid.Item col={3} s={12} direction="column" alignItems="stretch">
                <Field.Root name={`year-${year}`}>
                  <Field.Label>{t('settings.calendar.year', '年份')}</Field.Label>
                  <TextInput
                    name={`year-${year}`}
                    value={year}
                    maxLength={4}
                    disabled={!canUpdate}
                    onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
                      renameYear(year, event.target.value)
                    }
                  />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={9} s={12} direction="column" alignItems="stretch">
                <Field.Root name={`source-${year}`}>
                  <Field.Label>{t('settings.calendar.source', '依据')}</Field.Label>
                  <TextInput
                    name={`source-${year}`}
                    value={draft[year].source}
                    placeholder={t('settings.calendar.sourceHint', '如:国办发明电〔2026〕X号')}
                    disabled={!canUpdate}
                    onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
                      setYear(year, { source: event.target.value })
                    }
                  />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                <Field.Root
                  name={`off-${year}`}
                  hint={t(
                    'settings.calendar.datesHint',
                    '每行一个日期或区间,如 2027-02-06/2027-02-12'
                  )}
                >
                  <Field.Label>{t('settings.calendar.off', '放假')}</Field.Label>
                  <Textarea
                    name={`off-${year}`}
                    value={draft[year].off}
                    disabled={!canUpdate}
                    onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) =>
                      setYear(year, { off: event.target.value })
                    }
                  />
                  <Field.Hint />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                <Field.Root
                  name={`work-${year}`}
                  hint={t('settings.calendar.workHint', '调休上班的周末日期,每行一个')}
                >
                  <Field.Label>{t('settings.calendar.work', '调休上班')}</Field.Label>
                  <Textarea
                    name={`work-${year}`}
                    value={draft[year].work}
                    disabled={!canUpdate}
                    onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) =>
                      setYear(year, { work: event.target.value })
                    }
                  />
                  <Field.Hint />
                </Field.Root>
              </Grid.Item>
            </Grid.Root>
            {canUpdate && (
              <Flex justifyContent="flex-end">
                <Button variant="danger-light" onClick={() => removeYear(year)}>
                  {t('settings.calendar.remove', '删除该年')}
                </Button>
              </Flex>
            )}
          </Flex>
        </Box>
      ))}
      {canUpdate && (
        <Flex>
          <Button variant="secondary" onClick={addYear} data-testid="minyi-settings-add-year">
            {t('settings.calendar.add', '录入一年')}
          </Button>
        </Flex>
      )}
    </SectionPanel>
  );
};
