import { Field, Textarea } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { NotificationSettings } from '../../../../shared/settings';
import { useSectionDraft } from '../../hooks/useSectionDraft';
import type { SaveResult } from '../../hooks/useSettings';
import { getTranslation } from '../../utils/getTranslation';
import { SectionPanel } from './SectionPanel';

interface Props {
  value: NotificationSettings;
  stored: boolean;
  canUpdate: boolean;
  onSave: (value: NotificationSettings) => Promise<SaveResult>;
  onReset: () => Promise<SaveResult>;
}

/** Who receives every bulletin and report besides the units concerned: one address a line. */
export const RecipientsSection = ({ value, stored, canUpdate, onSave, onReset }: Props) => {
  const { formatMessage, locale } = useIntl();
  const t = (key: string, defaultMessage: string) =>
    formatMessage({ id: getTranslation(key), defaultMessage });
  const inForce = value.reportRecipients.join('\n');
  // The text as typed (a line may be empty while typing); split into addresses on save.
  const form = useSectionDraft(
    inForce,
    (text) =>
      onSave({
        reportRecipients: text
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
      }),
    onReset
  );
  const text = form.draft ?? inForce;
  const lineProblems = form.problems
    .filter((problem) => problem.path[0] === 'reportRecipients')
    .map(
      (problem) =>
        `${typeof problem.path[1] === 'number' ? `#${problem.path[1] + 1} ` : ''}${locale.startsWith('zh') ? problem.messageZh : problem.message}`
    );
  return (
    <SectionPanel
      id="notifications"
      title={t('settings.notifications.title', '通知收件人')}
      description={t(
        'settings.notifications.description',
        '每份通报与报告除发给相关单位外,还抄送以下邮箱(每行一个)。'
      )}
      stored={stored}
      canUpdate={canUpdate}
      saving={form.saving}
      saved={form.saved}
      errors={form.message ? [form.message] : []}
      onSave={() => void form.submit()}
      onReset={() => void form.reset()}
    >
      <Field.Root
        name="reportRecipients"
        error={lineProblems.length > 0 ? lineProblems.join(';') : undefined}
      >
        <Field.Label>{t('settings.notifications.recipients', '通报抄送人')}</Field.Label>
        <Textarea
          name="reportRecipients"
          value={text}
          disabled={!canUpdate}
          onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) =>
            form.setDraft(() => event.target.value)
          }
        />
        <Field.Error />
      </Field.Root>
    </SectionPanel>
  );
};
