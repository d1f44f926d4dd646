import {
  Field,
  Table,
  Tbody,
  Td,
  TextInput,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { JobSettings, SettingsOverview } from '../../../../shared/settings';
import { useSectionDraft } from '../../hooks/useSectionDraft';
import type { SaveResult } from '../../hooks/useSettings';
import { getTranslation } from '../../utils/getTranslation';
import { otherProblems, problemsAt } from './problems';
import { SectionPanel } from './SectionPanel';

interface Props {
  value: JobSettings;
  jobs: SettingsOverview['jobs'];
  stored: boolean;
  canUpdate: boolean;
  onSave: (value: JobSettings) => Promise<SaveResult>;
  onReset: () => Promise<SaveResult>;
}

/** The county's time zone and each job's cron schedule (empty: the job's default). */
export const JobsSection = ({ value, jobs, stored, canUpdate, onSave, onReset }: Props) => {
  const { formatMessage, locale } = useIntl();
  const t = (key: string, defaultMessage: string) =>
    formatMessage({ id: getTranslation(key), defaultMessage });
  const form = useSectionDraft(value, onSave, onReset);
  const draft = form.draft ?? value;
  const setSchedule = (name: string, expression: string) =>
    form.setDraft((d) => {
      const schedules = { ...d.schedules };
      if (expression.trim() === '') delete schedules[name];
      else schedules[name] = expression.trim();
      return { ...d, schedules };
    });
  return (
    <SectionPanel
      id="jobs"
      title={t('settings.jobs.title', '定时任务与时区')}
      description={t(
        'settings.jobs.description',
        '时区决定办理期限、任务计划和统计周期;计划留空则使用任务默认值。保存后各实例重新安排任务,无需重启。'
      )}
      stored={stored}
      canUpdate={canUpdate}
      saving={form.saving}
      saved={form.saved}
      errors={
        form.message
          ? [form.message, ...otherProblems(form.problems, ['timezone', 'schedules'], locale)]
          : []
      }
      onSave={() => void form.submit()}
      onReset={() => void form.reset()}
    >
      <Field.Root name="timezone" error={problemsAt(form.problems, 'timezone', locale)}>
        <Field.Label>{t('settings.jobs.timezone', '时区(IANA)')}</Field.Label>
        <TextInput
          name="timezone"
          value={draft.timezone}
          disabled={!canUpdate}
          onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
            form.setDraft((d) => ({ ...d, timezone: event.target.value }))
          }
        />
        <Field.Error />
      </Field.Root>
      <Table colCount={3} rowCount={jobs.length + 1}>
        <Thead>
          <Tr>
            <Th>
              <Typography variant="sigma">{t('settings.jobs.name', '任务')}</Typography>
            </Th>
            <Th>
              <Typography variant="sigma">{t('settings.jobs.default', '默认计划')}</Typography>
            </Th>
            <Th>
              <Typography variant="sigma">{t('settings.jobs.schedule', '计划(cron)')}</Typography>
            </Th>
          </Tr>
        </Thead>
        <Tbody>
          {jobs.map((job) => (
            <Tr key={job.name}>
              <Td>
                <Typography fontWeight="bold">{job.name}</Typography>
                {job.description && (
                  <Typography variant="pi" textColor="neutral600" tag="p">
                    {job.description}
                  </Typography>
                )}
              </Td>
              <Td>
                <Typography tag="code">{job.defaultSchedule}</Typography>
              </Td>
              <Td>
                <Field.Root
                  name={`schedule-${job.name}`}
                  error={problemsAt(form.problems, `schedules.${job.name}`, locale)}
                >
                  <TextInput
                    aria-label={job.name}
                    name={`schedule-${job.name}`}
                    placeholder={job.defaultSchedule}
                    value={draft.schedules[job.name] ?? ''}
                    disabled={!canUpdate}
                    onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
                      setSchedule(job.name, event.target.value)
                    }
                  />
                  <Field.Error />
                </Field.Root>
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
    </SectionPanel>
  );
};
