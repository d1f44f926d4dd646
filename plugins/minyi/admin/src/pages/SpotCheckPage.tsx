import {
  Badge,
  Box,
  Button,
  Field,
  Flex,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  Textarea,
  TextInput,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Layouts, Page, useFetchClient, useRBAC } from '@strapi/strapi/admin';
import { useCallback, useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { Link } from 'react-router-dom';

import { EVENT_TYPE_LABELS_ZH, STATUS_LABELS_ZH } from '../../../server/src/domain/labels';
import type {
  RecomputedSample,
  SheetEntry,
  SpotCheckSheet,
  SpotCheckSummary,
} from '../../../shared/spot-check';
import { dateTime, itemHref } from '../components/dashboard/format';
import { permissionsOf } from '../permissions';
import { getTranslation } from '../utils/getTranslation';
import { refusalText } from '../utils/refusal';

const SATISFACTION = [
  ['very-satisfied', '非常满意'],
  ['satisfied', '满意'],
  ['basically-satisfied', '基本满意'],
  ['dissatisfied', '不满意'],
] as const;
const SATISFACTION_ZH = Object.fromEntries(SATISFACTION) as Record<string, string>;
const STATE_ZH: Record<string, string> = {
  sampled: '待回访',
  reviewing: '回访中',
  completed: '已完成',
};

function useT() {
  const { formatMessage } = useIntl();
  return (id: string, defaultMessage: string, values?: Record<string, string>) =>
    formatMessage({ id: getTranslation(id), defaultMessage }, values);
}

/** The local "now" for a datetime-local input. */
const localNow = () => {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
};

/** One callback (回访): reached or not, solved or not, satisfaction, note, time. */
const CallbackForm = ({
  entry,
  onSubmit,
}: {
  entry: SheetEntry;
  onSubmit: (body: Record<string, unknown>) => Promise<void>;
}) => {
  const t = useT();
  const [reached, setReached] = useState('yes');
  const [solved, setSolved] = useState('yes');
  const [satisfaction, setSatisfaction] = useState('satisfied');
  const [note, setNote] = useState('');
  const [calledAt, setCalledAt] = useState(localNow());
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    const at = new Date(calledAt).toISOString();
    const trimmed = note.trim();
    try {
      await onSubmit(
        reached === 'yes'
          ? {
              reached: true,
              solved: solved === 'yes',
              satisfaction,
              calledAt: at,
              ...(trimmed ? { note: trimmed } : {}),
            }
          : { reached: false, calledAt: at, ...(trimmed ? { note: trimmed } : {}) }
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex gap={3} alignItems="flex-end" wrap="wrap" data-testid="spot-check-form">
      <Field.Root name={`reached-${entry.documentId}`}>
        <Field.Label>{t('spotCheck.form.reached', '是否接通')}</Field.Label>
        <SingleSelect
          value={reached}
          onChange={(v: string | number) => setReached(String(v))}
          data-testid="spot-check-reached"
        >
          <SingleSelectOption value="yes">
            {t('spotCheck.form.reachedYes', '已接通')}
          </SingleSelectOption>
          <SingleSelectOption value="no">
            {t('spotCheck.form.reachedNo', '未接通')}
          </SingleSelectOption>
        </SingleSelect>
      </Field.Root>
      {reached === 'yes' && (
        <>
          <Field.Root name={`solved-${entry.documentId}`}>
            <Field.Label>{t('spotCheck.form.solved', '问题是否解决')}</Field.Label>
            <SingleSelect
              value={solved}
              onChange={(v: string | number) => setSolved(String(v))}
              data-testid="spot-check-solved"
            >
              <SingleSelectOption value="yes">
                {t('spotCheck.form.solvedYes', '已解决')}
              </SingleSelectOption>
              <SingleSelectOption value="no">
                {t('spotCheck.form.solvedNo', '未解决')}
              </SingleSelectOption>
            </SingleSelect>
          </Field.Root>
          <Field.Root name={`satisfaction-${entry.documentId}`}>
            <Field.Label>{t('spotCheck.form.satisfaction', '满意度')}</Field.Label>
            <SingleSelect
              value={satisfaction}
              onChange={(v: string | number) => setSatisfaction(String(v))}
              data-testid="spot-check-satisfaction"
            >
              {SATISFACTION.map(([value, zh]) => (
                <SingleSelectOption key={value} value={value}>
                  {t(`spotCheck.satisfaction.${value}`, zh)}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
        </>
      )}
      <Field.Root name={`calledAt-${entry.documentId}`}>
        <Field.Label>{t('spotCheck.form.calledAt', '回访时间')}</Field.Label>
        <TextInput
          type="datetime-local"
          value={calledAt}
          onChange={(e: React.ChangeEvent<HTMLInputElement>) => setCalledAt(e.target.value)}
        />
      </Field.Root>
      <Box style={{ minWidth: 280, flex: 1 }}>
        <Field.Root name={`note-${entry.documentId}`}>
          <Field.Label>{t('spotCheck.form.note', '回访记录')}</Field.Label>
          <Textarea
            value={note}
            onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setNote(e.target.value)}
            data-testid="spot-check-note"
          />
        </Field.Root>
      </Box>
      <Button onClick={submit} loading={busy} data-testid="spot-check-save">
        {t('spotCheck.form.save', '保存回访')}
      </Button>
    </Flex>
  );
};

const Timeline = ({ entry }: { entry: SheetEntry }) => {
  const t = useT();
  return (
    <Box paddingTop={2} data-testid="spot-check-timeline">
      <Typography variant="sigma" textColor="neutral600">
        {t('spotCheck.timeline', '办理过程')}
      </Typography>
      {entry.timeline.map((event, index) => (
        <Flex key={index} gap={3} paddingTop={1}>
          <Typography variant="pi" textColor="neutral600" style={{ minWidth: 150 }}>
            {dateTime(event.at)}
          </Typography>
          <Typography variant="pi">
            {EVENT_TYPE_LABELS_ZH[event.type as keyof typeof EVENT_TYPE_LABELS_ZH] ?? event.type}
            {event.toStatus
              ? `(${STATUS_LABELS_ZH[event.fromStatus as keyof typeof STATUS_LABELS_ZH] ?? event.fromStatus ?? ''} → ${STATUS_LABELS_ZH[event.toStatus as keyof typeof STATUS_LABELS_ZH] ?? event.toStatus})`
              : ''}
            {event.actor ? `(${event.actor})` : ''}
            {event.note ? `:${event.note}` : ''}
          </Typography>
        </Flex>
      ))}
    </Box>
  );
};

const EntryCard = ({
  entry,
  mayReadPhone,
  canReview,
  completed,
  onReview,
}: {
  entry: SheetEntry;
  mayReadPhone: boolean;
  canReview: boolean;
  completed: boolean;
  onReview: (entry: SheetEntry, body: Record<string, unknown>) => Promise<void>;
}) => {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <Box
      background="neutral0"
      hasRadius
      shadow="tableShadow"
      padding={4}
      marginTop={3}
      data-testid="spot-check-entry"
      data-code={entry.trackingCode}
      data-reviewed={entry.review ? 'true' : 'false'}
    >
      <Flex justifyContent="space-between" wrap="wrap" gap={2}>
        <Flex gap={3} wrap="wrap">
          <Link to={itemHref(entry.documentId)}>{entry.trackingCode}</Link>
          <Typography fontWeight="bold">{entry.title}</Typography>
          <Badge>
            {STATUS_LABELS_ZH[entry.state as keyof typeof STATUS_LABELS_ZH] ?? entry.state}
          </Badge>
          <Typography textColor="neutral600">
            {[entry.township?.name, entry.department?.name].filter(Boolean).join(' · ')}
          </Typography>
        </Flex>
        {mayReadPhone && (
          <Typography data-testid="spot-check-phone">
            {t('spotCheck.phone', '群众电话')}:{entry.phone ?? '—'}
          </Typography>
        )}
      </Flex>
      <Box paddingTop={2}>
        <Typography variant="pi" textColor="neutral600">
          {t('spotCheck.resolution', '办理结果')}:
        </Typography>
        <Typography variant="pi">{entry.resolution ?? '—'}</Typography>
      </Box>
      {entry.attempts.length > 0 && (
        <Box paddingTop={1}>
          <Typography variant="pi" textColor="warning600" data-testid="spot-check-attempts">
            {t('spotCheck.attempts', '未接通 {n} 次', { n: String(entry.attempts.length) })}
            {entry.attempts
              .map((a) => `(${dateTime(a.calledAt)}${a.note ? ` ${a.note}` : ''})`)
              .join('')}
          </Typography>
        </Box>
      )}
      {entry.review ? (
        <Box paddingTop={2} data-testid="spot-check-verdict">
          <Badge active={entry.review.passed}>
            {entry.review.passed ? t('spotCheck.passed', '通过') : t('spotCheck.failed', '不通过')}
          </Badge>{' '}
          <Typography variant="pi">
            {entry.review.solved
              ? t('spotCheck.form.solvedYes', '已解决')
              : t('spotCheck.form.solvedNo', '未解决')}
            ,{SATISFACTION_ZH[entry.review.satisfaction] ?? entry.review.satisfaction}
            {entry.review.reopened ? `,${t('spotCheck.reopened', '已退回重新办理')}` : ''}
            {` · ${entry.review.reviewedBy} · ${dateTime(entry.review.calledAt ?? entry.review.reviewedAt)}`}
            {entry.review.note ? ` · ${entry.review.note}` : ''}
          </Typography>
        </Box>
      ) : (
        canReview &&
        !completed && (
          <Box paddingTop={3}>
            <CallbackForm entry={entry} onSubmit={(body) => onReview(entry, body)} />
          </Box>
        )
      )}
      <Box paddingTop={2}>
        <Button
          variant="tertiary"
          size="S"
          onClick={() => setOpen(!open)}
          data-testid="spot-check-toggle-timeline"
        >
          {open
            ? t('spotCheck.hideTimeline', '收起办理过程')
            : t('spotCheck.showTimeline', '查看办理过程')}
        </Button>
        {open && <Timeline entry={entry} />}
      </Box>
    </Box>
  );
};

/** The steps of the draw in words, with this month's values: anyone can redo it by hand or in code. */
const RECOMPUTE_STEPS: ReadonlyArray<readonly [id: string, zh: string]> = [
  [
    'spotCheck.recompute.candidates',
    '候选事项:{period} 月内办结(已办结或已关闭,办结时间在该月内)的事项,共 {n} 件,按受理编号(查询码)升序排列。',
  ],
  [
    'spotCheck.recompute.strata',
    '分层:{strata}。各层按单位编码升序依次抽取,层内候选保持受理编号顺序。',
  ],
  [
    'spotCheck.recompute.quota',
    '每层应抽件数 = min(该层候选件数, {max}, max({min}, ⌈该层候选件数 × {percent}%⌉))。',
  ],
  [
    'spotCheck.recompute.random',
    '随机数:把随机种子“{seed}”按字符经 cyrb128 散列为 4 个 32 位无符号整数,作为 sfc32 生成器的初始状态;在 [0, n) 内取整数时舍弃 2³² 末尾不完整的一段(无取模偏差)。整个月只用这一个生成器,按上面的层序连续取数。',
  ],
  [
    'spotCheck.recompute.draw',
    '抽取:对每一层,先计入已被前面的层抽中的本层事项,再对其余候选做部分 Fisher–Yates 洗牌(第 i 次与 i + 随机数[0, 剩余件数) 处交换),取前“应抽件数 − 已计入件数”件。同一事项只抽一次。',
  ],
  [
    'spotCheck.recompute.same',
    '同一月份、同一种子、同一候选在任何机器上得到同一样本;下面的按钮由系统按同样步骤重算并与存档样本核对。回访后被退回重新办理的事项不再是候选,核对时会列出。',
  ],
];

const SheetHeader = ({ sheet }: { sheet: SpotCheckSheet }) => {
  const t = useT();
  const { get } = useFetchClient();
  const [recomputed, setRecomputed] = useState<RecomputedSample | null>(null);
  const recompute = () =>
    get<{ data: RecomputedSample }>(`/minyi/spot-checks/${sheet.documentId}/recompute`).then((r) =>
      setRecomputed(r.data.data)
    );
  const kindLabel = (kind: 'township' | 'department') =>
    kind === 'township'
      ? t('spotCheck.strataKind.township', '乡镇')
      : t('spotCheck.strataKind.department', '部门');
  const strataWords = sheet.rule.strata
    .map((kind) =>
      kind === 'township'
        ? t('spotCheck.strataWords.township', '每个乡镇一层(按事项所在网格的乡镇)')
        : t('spotCheck.strataWords.department', '每个县直部门一层(按事项的主办部门)')
    )
    .join(t('spotCheck.strataWords.then', ',然后'));
  const values = {
    period: sheet.period,
    n: String(sheet.candidates ?? '—'),
    strata: strataWords,
    percent: String(sheet.rule.percent),
    min: String(sheet.rule.min),
    max: String(sheet.rule.max),
    seed: sheet.seed,
  };
  return (
    <Box
      background="neutral0"
      hasRadius
      shadow="tableShadow"
      padding={5}
      data-testid="spot-check-rule"
    >
      <Flex gap={6} wrap="wrap">
        <Typography>
          {t('spotCheck.seed', '随机种子')}:<code data-testid="spot-check-seed">{sheet.seed}</code>
        </Typography>
        <Typography>
          {t('spotCheck.candidates', '候选事项 {n} 件,抽中 {m} 件', {
            n: String(sheet.candidates ?? '—'),
            m: String(sheet.sampled),
          })}
        </Typography>
      </Flex>
      <Box paddingTop={3}>
        <Typography tag="p" data-testid="spot-check-rule-text">
          {t(
            'spotCheck.ruleWords',
            '抽样规则(只读,抽样时的设置):{strata};每层抽取候选件数的 {percent}%(向上取整),至少 {min} 件、至多 {max} 件,候选不足至少件数的层全部抽取。',
            values
          )}
        </Typography>
      </Box>
      {sheet.strata.length > 0 && (
        <Box paddingTop={3} data-testid="spot-check-strata">
          <Table colCount={4} rowCount={sheet.strata.length + 1}>
            <Thead>
              <Tr>
                <Th>
                  <Typography variant="sigma">{t('spotCheck.stratumKind', '分层类别')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('spotCheck.stratum', '分层(单位)')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('spotCheck.stratumSize', '候选件数')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('spotCheck.stratumQuota', '应抽件数')}</Typography>
                </Th>
              </Tr>
            </Thead>
            <Tbody>
              {sheet.strata.map((s) => (
                <Tr key={`${s.kind}:${s.code}`} data-testid="spot-check-stratum">
                  <Td>
                    <Typography>{kindLabel(s.kind)}</Typography>
                  </Td>
                  <Td>
                    <Typography>{`${s.name}(${s.code})`}</Typography>
                  </Td>
                  <Td>
                    <Typography>{s.size}</Typography>
                  </Td>
                  <Td>
                    <Typography>{s.quota}</Typography>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        </Box>
      )}
      <Box paddingTop={3} data-testid="spot-check-how-to-recompute">
        <Typography variant="delta" tag="h3">
          {t('spotCheck.recompute.title', '如何用种子复核样本')}
        </Typography>
        <Box tag="ol" paddingTop={2} paddingLeft={5} style={{ listStyle: 'decimal' }}>
          {RECOMPUTE_STEPS.map(([id, zh]) => (
            <li key={id}>
              <Typography variant="pi" textColor="neutral700">
                {t(id, zh, values)}
              </Typography>
            </li>
          ))}
        </Box>
        <Flex gap={3} paddingTop={2}>
          <Button variant="secondary" onClick={recompute} data-testid="spot-check-recompute">
            {t('spotCheck.recompute', '用种子重新抽样核对')}
          </Button>
          {recomputed && (
            <Typography
              textColor={recomputed.matches ? 'success600' : 'warning600'}
              data-testid="spot-check-recomputed"
            >
              {recomputed.matches
                ? t('spotCheck.recomputeMatches', '重新抽样结果与存档样本一致')
                : t(
                    'spotCheck.recomputeDiffers',
                    '重新抽样结果与存档样本不同;已退回重新办理、不再是候选的事项:{codes}',
                    {
                      codes: recomputed.droppedOut.join('、') || '—',
                    }
                  )}
            </Typography>
          )}
        </Flex>
      </Box>
    </Box>
  );
};

/** 月度抽查: past months, one month's sample, callbacks, completion, the XLSX. */
const SpotChecks = () => {
  const t = useT();
  const { get, post } = useFetchClient();
  const { allowedActions } = useRBAC(permissionsOf('spotChecksReview'));
  const canReview = Boolean(allowedActions.canReview);
  const [list, setList] = useState<SpotCheckSummary[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [sheet, setSheet] = useState<SpotCheckSheet | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const failed = t('actions.error.failed', '操作未完成,请稍后重试');

  const loadList = useCallback(
    () =>
      get<{ data: SpotCheckSummary[] }>('/minyi/spot-checks')
        .then((r) => {
          setList(r.data.data);
          setSelected((current) => current ?? r.data.data[0]?.documentId ?? null);
        })
        .catch((e) => setError(refusalText(e, failed))),
    [get, failed]
  );
  const loadSheet = useCallback(
    (documentId: string) =>
      get<{ data: SpotCheckSheet }>(`/minyi/spot-checks/${documentId}/sheet`)
        .then((r) => setSheet(r.data.data))
        .catch((e) => setError(refusalText(e, failed))),
    [get, failed]
  );
  useEffect(() => {
    loadList();
  }, [loadList]);
  useEffect(() => {
    if (selected) loadSheet(selected);
  }, [selected, loadSheet]);

  const review = async (entry: SheetEntry, body: Record<string, unknown>) => {
    if (!sheet) return;
    setError(null);
    try {
      const r = await post<{ data: { completed: boolean } }>(
        `/minyi/spot-checks/${sheet.documentId}/items/${entry.documentId}/review`,
        { data: body }
      );
      setNotice(
        r.data.data.completed
          ? t('spotCheck.completedNotice', '全部回访完毕:抽查已完成,通报与整改通知书已下达')
          : t('spotCheck.savedNotice', '回访已保存')
      );
    } catch (e) {
      setError(refusalText(e, failed));
    }
    await loadSheet(sheet.documentId);
    await loadList();
  };

  const complete = async () => {
    if (!sheet) return;
    try {
      await post(`/minyi/spot-checks/${sheet.documentId}/complete`, {});
      setNotice(t('spotCheck.completedNotice', '全部回访完毕:抽查已完成,通报与整改通知书已下达'));
    } catch (e) {
      setError(refusalText(e, failed));
    }
    await loadSheet(sheet.documentId);
    await loadList();
  };

  const download = async () => {
    if (!sheet) return;
    const r = await get<Blob>(`/minyi/spot-checks/${sheet.documentId}/xlsx`, {
      responseType: 'blob',
    });
    const url = URL.createObjectURL(r.data);
    const a = document.createElement('a');
    a.href = url;
    a.download = `${sheet.period}月度抽查.xlsx`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  };

  const allReviewed = sheet !== null && sheet.sampled > 0 && sheet.reviewed === sheet.sampled;
  return (
    <Page.Main>
      <Page.Title>{t('spotCheck.title', '月度抽查')}</Page.Title>
      <Layouts.Header
        title={t('spotCheck.title', '月度抽查')}
        subtitle={
          sheet
            ? t('spotCheck.subtitle', '{period} · {state} · 已回访 {reviewed}/{sampled}', {
                period: sheet.period,
                state: STATE_ZH[sheet.state] ?? sheet.state,
                reviewed: String(sheet.reviewed),
                sampled: String(sheet.sampled),
              })
            : undefined
        }
        primaryAction={
          sheet ? (
            <Flex gap={2}>
              <Button variant="secondary" onClick={download} data-testid="spot-check-xlsx">
                {t('spotCheck.xlsx', '导出 Excel')}
              </Button>
              {canReview && allReviewed && sheet.state !== 'completed' && (
                <Button onClick={complete} data-testid="spot-check-complete">
                  {t('spotCheck.complete', '完成抽查')}
                </Button>
              )}
            </Flex>
          ) : undefined
        }
      />
      <Layouts.Content>
        {list && list.length > 0 && (
          <Flex gap={3} alignItems="flex-end" paddingBottom={4}>
            <Field.Root name="month">
              <Field.Label>{t('spotCheck.month', '抽查月份')}</Field.Label>
              <SingleSelect
                value={selected ?? undefined}
                onChange={(v: string | number) => setSelected(String(v))}
                data-testid="spot-check-month"
              >
                {list.map((s) => (
                  <SingleSelectOption key={s.documentId} value={s.documentId}>
                    {`${s.period}(${STATE_ZH[s.state] ?? s.state},${t(
                      'spotCheck.progress',
                      '已回访 {reviewed}/{sampled},通过 {passed}',
                      {
                        reviewed: String(s.reviewed),
                        sampled: String(s.sampled),
                        passed: String(s.passed),
                      }
                    )})`}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Field.Root>
          </Flex>
        )}
        {list && list.length === 0 && (
          <Typography>
            {t('spotCheck.none', '还没有抽查(每月 1 日由定时任务抽取上月样本)')}
          </Typography>
        )}
        {error && (
          <Typography textColor="danger600" data-testid="spot-check-error">
            {error}
          </Typography>
        )}
        {notice && (
          <Typography textColor="success600" data-testid="spot-check-notice">
            {notice}
          </Typography>
        )}
        {sheet && (
          <Box data-testid="spot-check-sheet" data-state={sheet.state}>
            <SheetHeader sheet={sheet} />
            {sheet.results && (
              <Box
                background="neutral0"
                hasRadius
                shadow="tableShadow"
                padding={5}
                marginTop={4}
                data-testid="spot-check-results"
              >
                <Typography variant="delta" tag="h2">
                  {t('spotCheck.results', '抽查结果')}
                </Typography>
                <Typography tag="p">
                  {t(
                    'spotCheck.resultsText',
                    '抽查 {sampled} 件,回访核实已解决 {passed} 件;下达整改通知书 {n} 份。',
                    {
                      sampled: String(sheet.results.sampled),
                      passed: String(sheet.results.passed),
                      n: String(sheet.results.rectifications.length),
                    }
                  )}
                </Typography>
                <Flex gap={3} paddingTop={2} wrap="wrap">
                  {sheet.results.bulletin && (
                    <Link to={`/plugins/minyi/notices/${sheet.results.bulletin}`}>
                      {t('spotCheck.bulletin', '查看通报')}
                    </Link>
                  )}
                  {sheet.results.rectifications.map((r) => (
                    <Link key={r.documentId} to={`/plugins/minyi/notices/${r.documentId}`}>
                      {t('spotCheck.rectification', '整改通知书:{unit}', { unit: r.unit })}
                    </Link>
                  ))}
                </Flex>
              </Box>
            )}
            {sheet.entries.map((entry) => (
              <EntryCard
                key={entry.documentId}
                entry={entry}
                mayReadPhone={sheet.mayReadPhone}
                canReview={canReview}
                completed={sheet.state === 'completed'}
                onReview={review}
              />
            ))}
          </Box>
        )}
      </Layouts.Content>
    </Page.Main>
  );
};

const SpotCheckPage = () => (
  <Page.Protect permissions={permissionsOf('spotChecksRead')}>
    <SpotChecks />
  </Page.Protect>
);

export default SpotCheckPage;
