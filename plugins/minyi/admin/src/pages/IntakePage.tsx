import {
  Box,
  Button,
  Checkbox,
  Combobox,
  ComboboxOption,
  Field,
  Flex,
  Grid,
  LinkButton,
  Radio,
  SingleSelect,
  SingleSelectOption,
  Textarea,
  TextInput,
  Typography,
} from '@strapi/design-system';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { useState, type FormEvent } from 'react';
import { Link as RouterLink } from 'react-router-dom';

import type { IntakeRequest, IntakeResponse } from '../../../shared/contracts';
import { bodyWithPhotos, PhotoInput } from '../components/PhotoInput';
import { useIntakeDuplicates, useIntakeOptions } from '../hooks/useIntake';
import { INTAKE_PERMISSIONS } from '../permissions';
import { formatDateTime, itemEditPath } from '../utils/format';
import { readRefusal, type ShownRefusal } from '../utils/refusal';
import { useT } from '../utils/useT';

type Form = Omit<IntakeRequest['data'], 'anonymous'> & { anonymous: boolean };

const EMPTY: Form = {
  channel: '',
  title: '',
  content: '',
  type: 'request',
  category: '',
  grid: '',
  address: '',
  submitterName: '',
  submitterPhone: '',
  anonymous: false,
  duplicateOf: '',
};

/** After saving: the tracking code, large, to read out to the resident. */
const Receipt = ({ receipt, onNext }: { receipt: IntakeResponse['data']; onNext: () => void }) => {
  const t = useT();
  return (
    <Box
      background="neutral0"
      hasRadius
      shadow="tableShadow"
      padding={8}
      data-testid="minyi-intake-receipt"
    >
      <Flex direction="column" alignItems="flex-start" gap={4}>
        <Typography variant="delta">{t('intake.saved', '已登记。请向群众读出查询码:')}</Typography>
        <Typography
          variant="alpha"
          style={{ fontSize: '3.2rem', letterSpacing: '0.2em', lineHeight: 1.2 }}
          data-testid="minyi-intake-tracking-code"
        >
          {receipt.trackingCode}
        </Typography>
        <Typography>
          {t('intake.receiptSecret', '回执密码(用于评价,仅显示一次):')}
          <Typography fontWeight="bold" data-testid="minyi-intake-receipt-secret">
            {receipt.receiptSecret}
          </Typography>
        </Typography>
        <Typography data-testid="minyi-intake-due">
          {t('intake.due', '办理时限:{due}', { due: formatDateTime(receipt.dueAt) })}
        </Typography>
        <Typography>
          {t('intake.owner', '承办:{unit}({level}),状态:{status}', {
            unit: receipt.owningUnit?.name ?? '—',
            level: receipt.level.label,
            status: receipt.status.label,
          })}
        </Typography>
        <Flex gap={2}>
          <Button onClick={onNext} data-testid="minyi-intake-next">
            {t('intake.next', '再登记一件')}
          </Button>
          <LinkButton variant="secondary" tag={RouterLink} to={itemEditPath(receipt.documentId)}>
            {t('intake.open', '查看事项')}
          </LinkButton>
        </Flex>
      </Flex>
    </Box>
  );
};

/**
 * 登记民意 (首问负责制): a hotline operator or grid worker registers an item on a resident's
 * behalf; it goes through the same submission service as the public API, with the signed-in
 * staff as first responder. Possible duplicates are shown before saving.
 */
const Intake = () => {
  const t = useT();
  const { post } = useFetchClient();
  const [form, setForm] = useState<Form>(EMPTY);
  const [photos, setPhotos] = useState<File[]>([]);
  const [gridSearch, setGridSearch] = useState('');
  const { options, grids, refusal: optionsRefusal } = useIntakeOptions(gridSearch);
  const duplicates = useIntakeDuplicates({
    phone: form.submitterPhone ?? '',
    address: form.address ?? '',
    category: form.category ?? '',
  });
  const [refusal, setRefusal] = useState<ShownRefusal | null>(null);
  const [sending, setSending] = useState(false);
  const [receipt, setReceipt] = useState<IntakeResponse['data'] | null>(null);

  const channel = form.channel || options?.presetChannel || '';
  const set = <K extends keyof Form>(name: K, value: Form[K]) =>
    setForm((previous) => ({ ...previous, [name]: value }));
  const error = (name: string) => refusal?.fields[name];

  async function submit(event: FormEvent) {
    event.preventDefault();
    const required = t('actions.error.required', '此项必填');
    const missing: Record<string, string> = {};
    if (!form.title.trim()) missing.title = required;
    if (!form.content.trim()) missing.content = required;
    if (!form.grid) missing.grid = required;
    if (Object.keys(missing).length > 0) {
      setRefusal({ status: 400, code: 'FORM', reason: '', fields: missing });
      return;
    }
    const data: IntakeRequest['data'] = {
      channel,
      title: form.title.trim(),
      content: form.content.trim(),
      grid: form.grid,
      anonymous: form.anonymous,
    };
    for (const name of [
      'type',
      'category',
      'address',
      'submitterName',
      'submitterPhone',
      'duplicateOf',
    ] as const) {
      const value = form[name]?.trim();
      if (value) data[name] = value;
    }
    setSending(true);
    setRefusal(null);
    try {
      const response = await post<IntakeResponse>(
        '/minyi/intake',
        bodyWithPhotos({ data }, { photos })
      );
      setReceipt(response.data.data);
    } catch (failure) {
      setRefusal(readRefusal(failure, t('actions.error.failed', '操作未完成,请稍后重试')));
    } finally {
      setSending(false);
    }
  }

  if (receipt) {
    return (
      <Receipt
        receipt={receipt}
        onNext={() => {
          setReceipt(null);
          setForm(EMPTY);
          setPhotos([]);
          setGridSearch('');
        }}
      />
    );
  }
  if (optionsRefusal && !options)
    return <Typography textColor="danger600">{optionsRefusal.reason}</Typography>;
  if (!options) return <Page.Loading />;

  const duplicateText = (duplicate: (typeof duplicates)[number]) =>
    `${duplicate.trackingCode} ${duplicate.title}(${duplicate.status.label},${formatDateTime(duplicate.receivedAt)},${
      duplicate.matchedBy === 'phone'
        ? t('intake.duplicates.byPhone', '同一电话')
        : t('intake.duplicates.byAddress', '同一地址与分类')
    })`;

  return (
    <form onSubmit={submit} data-testid="minyi-intake-form">
      <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
        <Grid.Root gap={4}>
          <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
            <Field.Root name="channel" error={error('channel')} required>
              <Field.Label>{t('intake.channel', '收集渠道')}</Field.Label>
              <SingleSelect
                data-testid="minyi-intake-channel"
                value={channel}
                onChange={(value: string | number) => set('channel', String(value))}
              >
                {options.channels.map((option) => (
                  <SingleSelectOption key={option.value} value={option.value}>
                    {option.label}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
              <Field.Error />
            </Field.Root>
          </Grid.Item>
          <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
            <Field.Root name="type" error={error('type')}>
              <Field.Label>{t('intake.type', '事项类型')}</Field.Label>
              <SingleSelect
                data-testid="minyi-intake-type"
                value={form.type ?? ''}
                onChange={(value: string | number) => set('type', String(value))}
              >
                {options.types.map((option) => (
                  <SingleSelectOption key={option.value} value={option.value}>
                    {option.label}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
              <Field.Error />
            </Field.Root>
          </Grid.Item>
          <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
            <Field.Root name="category" error={error('category')}>
              <Field.Label>{t('intake.category', '事项分类')}</Field.Label>
              <Combobox
                data-testid="minyi-intake-category"
                placeholder={t('intake.category.placeholder', '输入分类名称筛选')}
                value={form.category ?? ''}
                onChange={(value: string | undefined) => set('category', value ?? '')}
                onClear={() => set('category', '')}
              >
                {options.categories.map((category) => (
                  <ComboboxOption key={category.documentId} value={category.documentId}>
                    {`${category.name}(${category.code})`}
                  </ComboboxOption>
                ))}
              </Combobox>
              <Field.Error />
            </Field.Root>
          </Grid.Item>
          <Grid.Item col={12} direction="column" alignItems="stretch">
            <Field.Root
              name="grid"
              error={error('grid')}
              required
              hint={t('intake.grid.hint', '输入网格名称或编码搜索')}
            >
              <Field.Label>{t('intake.grid', '所在网格')}</Field.Label>
              <Combobox
                data-testid="minyi-intake-grid"
                autocomplete={{ type: 'list', filter: 'contains' }}
                placeholder={t('intake.grid.placeholder', '网格名称或编码')}
                value={form.grid}
                textValue={gridSearch}
                onTextValueChange={(text: string) => setGridSearch(text)}
                onChange={(value: string | undefined) => set('grid', value ?? '')}
                onClear={() => {
                  set('grid', '');
                  setGridSearch('');
                }}
              >
                {grids.map((grid) => (
                  <ComboboxOption key={grid.documentId} value={grid.documentId}>
                    {`${grid.name}(${grid.code ?? ''})`}
                  </ComboboxOption>
                ))}
              </Combobox>
              <Field.Hint />
              <Field.Error />
            </Field.Root>
          </Grid.Item>
          <Grid.Item col={12} direction="column" alignItems="stretch">
            <Field.Root name="title" error={error('title')} required>
              <Field.Label>{t('intake.titleField', '标题')}</Field.Label>
              <TextInput
                data-testid="minyi-intake-title"
                maxLength={200}
                value={form.title}
                onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
                  set('title', event.target.value)
                }
              />
              <Field.Error />
            </Field.Root>
          </Grid.Item>
          <Grid.Item col={12} direction="column" alignItems="stretch">
            <Field.Root name="content" error={error('content')} required>
              <Field.Label>{t('intake.content', '反映内容')}</Field.Label>
              <Textarea
                data-testid="minyi-intake-content"
                maxLength={5000}
                value={form.content}
                onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) =>
                  set('content', event.target.value)
                }
              />
              <Field.Error />
            </Field.Root>
          </Grid.Item>
          <Grid.Item col={12} direction="column" alignItems="stretch">
            <PhotoInput
              name="photos"
              label={t('intake.photos', '照片(最多 6 张,JPEG/PNG/WebP)')}
              files={photos}
              error={error('photos')}
              onChange={setPhotos}
            />
          </Grid.Item>
          <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
            <Field.Root name="submitterName" error={error('submitterName')}>
              <Field.Label>{t('intake.submitterName', '反映人姓名')}</Field.Label>
              <TextInput
                data-testid="minyi-intake-name"
                maxLength={50}
                value={form.submitterName ?? ''}
                onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
                  set('submitterName', event.target.value)
                }
              />
              <Field.Error />
            </Field.Root>
          </Grid.Item>
          <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
            <Field.Root name="submitterPhone" error={error('submitterPhone')}>
              <Field.Label>{t('intake.submitterPhone', '反映人电话')}</Field.Label>
              <TextInput
                data-testid="minyi-intake-phone"
                value={form.submitterPhone ?? ''}
                onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
                  set('submitterPhone', event.target.value)
                }
              />
              <Field.Error />
            </Field.Root>
          </Grid.Item>
          <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
            <Field.Root name="address" error={error('address')}>
              <Field.Label>{t('intake.address', '地址')}</Field.Label>
              <TextInput
                data-testid="minyi-intake-address"
                maxLength={300}
                value={form.address ?? ''}
                onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
                  set('address', event.target.value)
                }
              />
              <Field.Error />
            </Field.Root>
          </Grid.Item>
          <Grid.Item col={12}>
            <Checkbox
              data-testid="minyi-intake-anonymous"
              checked={form.anonymous}
              onCheckedChange={(checked: boolean) => set('anonymous', checked === true)}
            >
              {t('intake.anonymous', '匿名(不向承办单位显示反映人信息)')}
            </Checkbox>
          </Grid.Item>
        </Grid.Root>
      </Box>

      {duplicates.length > 0 && (
        <Box paddingTop={4} data-testid="minyi-intake-duplicates">
          <Box background="warning100" borderColor="warning200" hasRadius padding={4}>
            <Typography variant="delta" tag="h2">
              {t('intake.duplicates', '可能重复的事项(近 30 天、未关闭)')}
            </Typography>
            {options.mayLinkDuplicate ? (
              <Box paddingTop={2}>
                <Radio.Group
                  name="duplicateOf"
                  value={form.duplicateOf ?? ''}
                  onValueChange={(value: string) => set('duplicateOf', value)}
                >
                  <Radio.Item value="">{t('intake.duplicates.none', '不是重复事项')}</Radio.Item>
                  {duplicates.map((duplicate) => (
                    <Radio.Item
                      key={duplicate.documentId}
                      value={duplicate.documentId}
                      data-testid="minyi-intake-duplicate"
                    >
                      {duplicateText(duplicate)}
                    </Radio.Item>
                  ))}
                </Radio.Group>
              </Box>
            ) : (
              // This role may not take 标记重复: the repeats are a hint, the item is registered as new
              // and a grid head or township officer links it (no choice that the server would refuse).
              <Box paddingTop={2}>
                {duplicates.map((duplicate) => (
                  <Typography
                    key={duplicate.documentId}
                    tag="p"
                    data-testid="minyi-intake-duplicate-hint"
                  >
                    {duplicateText(duplicate)}
                  </Typography>
                ))}
                <Typography tag="p" textColor="neutral600">
                  {t(
                    'intake.duplicates.linkedByOthers',
                    '可照常登记;是否重复由网格长或乡镇干部在事项上标记。'
                  )}
                </Typography>
              </Box>
            )}
          </Box>
        </Box>
      )}

      {refusal && refusal.reason && (
        <Box paddingTop={4}>
          <Typography textColor="danger600" data-testid="minyi-intake-refusal">
            {refusal.reason}
          </Typography>
        </Box>
      )}
      <Flex paddingTop={4} gap={2}>
        <Button type="submit" size="L" loading={sending} data-testid="minyi-intake-submit">
          {form.duplicateOf
            ? t('intake.submitDuplicate', '登记并标记为重复事项')
            : t('intake.submit', '登记')}
        </Button>
      </Flex>
    </form>
  );
};

export const IntakePage = () => {
  const t = useT();
  return (
    <Page.Protect permissions={INTAKE_PERMISSIONS}>
      <Page.Main>
        <Page.Title>{t('intake.title', '登记民意')}</Page.Title>
        <Layouts.Header
          title={t('intake.title', '登记民意')}
          subtitle={t('intake.subtitle', '代群众登记诉求(首问负责制:您是此事项的首问负责人)')}
        />
        <Layouts.Content>
          <Intake />
        </Layouts.Content>
      </Page.Main>
    </Page.Protect>
  );
};
