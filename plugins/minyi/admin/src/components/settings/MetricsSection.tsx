import { Checkbox, Field, Flex, Grid } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { MetricsSettings, SpotCheckSettings } from '../../../../shared/settings';
import { useSectionDraft } from '../../hooks/useSectionDraft';
import type { SaveResult } from '../../hooks/useSettings';
import { getTranslation } from '../../utils/getTranslation';
import { NumberField } from './NumberField';
import { otherProblems, problemsAt } from './problems';
import { SectionPanel } from './SectionPanel';

interface Props<Value> {
  value: Value;
  stored: boolean;
  canUpdate: boolean;
  onSave: (value: Value) => Promise<SaveResult>;
  onReset: () => Promise<SaveResult>;
}

const THRESHOLDS = ['resolutionRate', 'satisfactionRate', 'spotCheckPassRate'] as const;

/** Metric thresholds (percent) and the minimum sample under which a unit is listed, not ranked. */
export const MetricsSection = ({
  value,
  stored,
  canUpdate,
  onSave,
  onReset,
}: Props<MetricsSettings>) => {
  const { formatMessage, locale } = useIntl();
  const t = (key: string, defaultMessage: string) =>
    formatMessage({ id: getTranslation(key), defaultMessage });
  const form = useSectionDraft(value, onSave, onReset);
  const draft = form.draft ?? value;
  const labels: Record<(typeof THRESHOLDS)[number], string> = {
    resolutionRate: t('settings.metrics.resolutionRate', '办结率阈值(%)'),
    satisfactionRate: t('settings.metrics.satisfactionRate', '满意率阈值(%)'),
    spotCheckPassRate: t('settings.metrics.spotCheckPassRate', '抽查合格率阈值(%)'),
  };
  return (
    <SectionPanel
      id="metrics"
      title={t('settings.metrics.title', '指标阈值')}
      description={t(
        'settings.metrics.description',
        '低于任一阈值的单位在通报中列出并下发整改通知;受理量少于最小样本量的单位只列出、不排名。'
      )}
      stored={stored}
      canUpdate={canUpdate}
      saving={form.saving}
      saved={form.saved}
      errors={
        form.message
          ? [form.message, ...otherProblems(form.problems, ['minSample', 'thresholds'], locale)]
          : []
      }
      onSave={() => void form.submit()}
      onReset={() => void form.reset()}
    >
      <Grid.Root gap={4}>
        <Grid.Item col={3} s={12} direction="column" alignItems="stretch">
          <NumberField
            name="minSample"
            label={t('settings.metrics.minSample', '最小样本量')}
            value={draft.minSample}
            disabled={!canUpdate}
            error={problemsAt(form.problems, 'minSample', locale)}
            onChange={(minSample) =>
              form.setDraft((d) => ({ ...d, minSample: minSample as number }))
            }
          />
        </Grid.Item>
        {THRESHOLDS.map((name) => (
          <Grid.Item key={name} col={3} s={12} direction="column" alignItems="stretch">
            <NumberField
              name={name}
              label={labels[name]}
              value={draft.thresholds[name]}
              disabled={!canUpdate}
              error={problemsAt(form.problems, `thresholds.${name}`, locale)}
              onChange={(rate) =>
                form.setDraft((d) => ({
                  ...d,
                  thresholds: { ...d.thresholds, [name]: rate as number },
                }))
              }
            />
          </Grid.Item>
        ))}
      </Grid.Root>
    </SectionPanel>
  );
};

const STRATA = ['township', 'department'] as const;
/** The chosen strata; both when none were chosen yet (the default). */
const strataOf = (value: SpotCheckSettings): Array<(typeof STRATA)[number]> => [
  ...(value.strata ?? STRATA),
];

/** The monthly spot-check rate per stratum and which units are strata. */
export const SpotCheckSection = ({
  value,
  stored,
  canUpdate,
  onSave,
  onReset,
}: Props<SpotCheckSettings>) => {
  const { formatMessage, locale } = useIntl();
  const t = (key: string, defaultMessage: string) =>
    formatMessage({ id: getTranslation(key), defaultMessage });
  const form = useSectionDraft(value, onSave, onReset);
  const draft = form.draft ?? value;
  const fields = [
    ['percent', t('settings.spotCheck.percent', '抽样比例(%)')],
    ['min', t('settings.spotCheck.min', '每层最少抽取')],
    ['max', t('settings.spotCheck.max', '每层最多抽取')],
  ] as const;
  return (
    <SectionPanel
      id="spotCheck"
      title={t('settings.spotCheck.title', '月度抽查')}
      description={t(
        'settings.spotCheck.description',
        '分层:每个乡镇、每个县直部门各为一层;每层抽取 max(最少, ⌈比例 × 办结数⌉),不超过最多。'
      )}
      stored={stored}
      canUpdate={canUpdate}
      saving={form.saving}
      saved={form.saved}
      errors={
        form.message
          ? [
              form.message,
              ...otherProblems(form.problems, ['percent', 'min', 'max', 'strata'], locale),
            ]
          : []
      }
      onSave={() => void form.submit()}
      onReset={() => void form.reset()}
    >
      <Grid.Root gap={4}>
        <Grid.Item col={12} direction="column" alignItems="stretch">
          <Field.Root name="spotCheck-strata" error={problemsAt(form.problems, 'strata', locale)}>
            <Field.Label>{t('settings.spotCheck.strata', '抽查分层')}</Field.Label>
            <Flex gap={6}>
              {(
                [
                  ['township', t('settings.spotCheck.strataTownship', '每个乡镇一层')],
                  ['department', t('settings.spotCheck.strataDepartment', '每个县直部门一层')],
                ] as const
              ).map(([kind, label]) => (
                <Checkbox
                  key={kind}
                  name={`spotCheck-strata-${kind}`}
                  disabled={!canUpdate}
                  checked={strataOf(draft).includes(kind)}
                  onCheckedChange={(checked: boolean | 'indeterminate') =>
                    form.setDraft((d) => {
                      const others = strataOf(d).filter((k) => k !== kind);
                      const next = checked === true ? [...others, kind] : others;
                      return {
                        ...d,
                        strata: STRATA.filter((k) => next.includes(k)),
                      };
                    })
                  }
                >
                  {label}
                </Checkbox>
              ))}
            </Flex>
            <Field.Error />
          </Field.Root>
        </Grid.Item>
        {fields.map(([name, label]) => (
          <Grid.Item key={name} col={4} s={12} direction="column" alignItems="stretch">
            <NumberField
              name={`spotCheck-${name}`}
              label={label}
              value={draft[name]}
              disabled={!canUpdate}
              error={problemsAt(form.problems, name, locale)}
              onChange={(number) => form.setDraft((d) => ({ ...d, [name]: number as number }))}
            />
          </Grid.Item>
        ))}
      </Grid.Root>
    </SectionPanel>
  );
};
