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
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { useCallback, useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { Link, Route, Routes, useParams } from 'react-router-dom';

import { NOTICE_KIND_LABELS_ZH } from '../../../server/src/domain/notice-content';
import {
  NOTICE_STATE_LABELS_ZH,
  NOTICE_STEP_LABELS_ZH,
} from '../../../server/src/domain/notice-review';
import type { NoticeSummary, NoticeView } from '../../../shared/notices';
import { dateTime } from '../components/dashboard/format';
import { permissionsOf } from '../permissions';
import { getTranslation } from '../utils/getTranslation';
import { refusalText } from '../utils/refusal';

function useT() {
  const { formatMessage } = useIntl();
  return (id: string, defaultMessage: string, values?: Record<string, string>) =>
    formatMessage({ id: getTranslation(id), defaultMessage }, values);
}

const kindLabel = (kind: string) =>
  NOTICE_KIND_LABELS_ZH[kind as keyof typeof NOTICE_KIND_LABELS_ZH] ?? kind;
const stateLabel = (state: string) =>
  NOTICE_STATE_LABELS_ZH[state as keyof typeof NOTICE_STATE_LABELS_ZH] ?? state;

/** Printing shows the document only: the admin's navigation and the page's buttons are hidden. */
const PRINT_STYLE = `
@media print {
  nav, header, [data-strapi-header], .minyi-no-print { display: none !important; }
  body, #strapi { background: #fff !important; }
  .minyi-notice-document { box-shadow: none !important; border: 0 !important; padding: 0 !important; }
  .minyi-notice-document table { border-collapse: collapse; width: 100%; }
  .minyi-notice-document th, .minyi-notice-document td { border: 1px solid #999; padding: 4px 6px; font-size: 11pt; }
}
.minyi-notice-document table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; }
.minyi-notice-document th, .minyi-notice-document td { border: 1px solid #dcdce4; padding: 6px 8px; text-align: left; }
.minyi-notice-document h1 { text-align: center; font-size: 22px; margin: 8px 0 16px; }
.minyi-notice-document p { text-indent: 2em; line-height: 1.9; margin: 0 0 8px; }
`;

const NoticeList = () => {
  const t = useT();
  const { get } = useFetchClient();
  const [filters, setFilters] = useState<Record<string, string>>({});
  const [notices, setNotices] = useState<NoticeSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const failed = t('actions.error.failed', '操作未完成,请稍后重试');

  useEffect(() => {
    const query = new URLSearchParams(
      Object.entries(filters).filter(([, v]) => v !== '')
    ).toString();
    get<{ data: NoticeSummary[] }>(`/minyi/notices${query ? `?${query}` : ''}`)
      .then((r) => setNotices(r.data.data))
      .catch((e) => setError(refusalText(e, failed)));
  }, [get, filters, failed]);

  const set = (key: string) => (value: string | number) =>
    setFilters((current) => ({ ...current, [key]: String(value) }));

  return (
    <>
      <Layouts.Header title={t('notices.title', '通报与整改')} />
      <Layouts.Content>
        <Flex gap={3} alignItems="flex-end" wrap="wrap" paddingBottom={4}>
          <Field.Root name="kind">
            <Field.Label>{t('notices.filter.kind', '类别')}</Field.Label>
            <SingleSelect
              value={filters.kind ?? ''}
              onChange={set('kind')}
              placeholder={t('notices.filter.all', '全部')}
            >
              <SingleSelectOption value="">{t('notices.filter.all', '全部')}</SingleSelectOption>
              {Object.entries(NOTICE_KIND_LABELS_ZH).map(([value, zh]) => (
                <SingleSelectOption key={value} value={value}>
                  {t(`notices.kind.${value}`, zh)}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
          <Field.Root name="state">
            <Field.Label>{t('notices.filter.state', '状态')}</Field.Label>
            <SingleSelect
              value={filters.state ?? ''}
              onChange={set('state')}
              placeholder={t('notices.filter.all', '全部')}
            >
              <SingleSelectOption value="">{t('notices.filter.all', '全部')}</SingleSelectOption>
              {Object.entries(NOTICE_STATE_LABELS_ZH).map(([value, zh]) => (
                <SingleSelectOption key={value} value={value}>
                  {t(`notices.state.${value}`, zh)}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
          <Field.Root name="period">
            <Field.Label>{t('notices.filter.period', '期间')}</Field.Label>
            <TextInput
              placeholder="2026-10"
              value={filters.period ?? ''}
              onChange={(e: React.ChangeEvent<HTMLInputElement>) => set('period')(e.target.value)}
            />
          </Field.Root>
          <Field.Root name="unit">
            <Field.Label>{t('notices.filter.unit', '单位编码')}</Field.Label>
            <TextInput
              value={filters.unit ?? ''}
              onChange={(e: React.ChangeEvent<HTMLInputElement>) => set('unit')(e.target.value)}
            />
          </Field.Root>
        </Flex>
        {error && <Typography textColor="danger600">{error}</Typography>}
        {notices && (
          <Table colCount={6} rowCount={notices.length + 1} data-testid="notices-list">
            <Thead>
              <Tr>
                {[
                  ['title', '标题'],
                  ['kind', '类别'],
                  ['period', '期间'],
                  ['units', '单位'],
                  ['state', '状态'],
                  ['rectifyBy', '整改期限'],
                ].map(([key, zh]) => (
                  <Th key={key}>
                    <Typography variant="sigma">{t(`notices.column.${key}`, zh)}</Typography>
                  </Th>
                ))}
              </Tr>
            </Thead>
            <Tbody>
              {notices.map((n) => (
                <Tr key={n.documentId} data-testid="notices-row" data-kind={n.kind}>
                  <Td>
                    <Link to={n.documentId}>{n.title}</Link>
                  </Td>
                  <Td>
                    <Typography>{kindLabel(n.kind)}</Typography>
                  </Td>
                  <Td>
                    <Typography>{n.period ?? '—'}</Typography>
                  </Td>
                  <Td>
                    <Typography>
                      {n.units.map((u) => u.name).join('、') || t('notices.countyWide', '全县')}
                    </Typography>
                  </Td>
                  <Td>
                    <Badge>{stateLabel(n.state)}</Badge>
                    {n.overdue && (
                      <Badge textColor="danger600" marginLeft={1}>
                        {t('notices.overdue', '逾期')}
                      </Badge>
                    )}
                  </Td>
                  <Td>
                    <Typography>{n.rectifyBy ?? '—'}</Typography>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </Layouts.Content>
    </>
  );
};

const NoticeDocument = () => {
  const t = useT();
  const { documentId } = useParams<{ documentId: string }>();
  const { get, post } = useFetchClient();
  const [notice, setNotice] = useState<NoticeView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState('');
  const [reason, setReason] = useState('');
  const failed = t('actions.error.failed', '操作未完成,请稍后重试');

  const load = useCallback(
    () =>
      get<{ data: NoticeView }>(`/minyi/notices/${documentId}/view`)
        .then((r) => setNotice(r.data.data))
        .catch((e) => setError(refusalText(e, failed))),
    [get, documentId, failed]
  );
  useEffect(() => {
    load();
  }, [load]);

  const act = async (path: string, data: Record<string, unknown> = {}) => {
    setError(null);
    try {
      await post(`/minyi/notices/${documentId}/${path}`, { data });
      setReport('');
      setReason('');
    } catch (e) {
      setError(refusalText(e, failed));
    }
    await load();
  };

  const download = async () => {
    if (!notice) return;
    const r = await get<Blob>(`/minyi/notices/${notice.documentId}/download/xlsx`, {
      responseType: 'blob',
    });
    const url = URL.createObjectURL(r.data);
    const a = document.createElement('a');
    a.href = url;
    a.download = `${notice.title}.xlsx`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  };

  return (
    <>
      <style>{PRINT_STYLE}</style>
      <Box className="minyi-no-print">
        <Layouts.Header
          title={notice ? kindLabel(notice.kind) : t('notices.title', '通报与整改')}
          subtitle={
            notice
              ? `${stateLabel(notice.state)}${notice.rectifyBy ? ` · ${t('notices.column.rectifyBy', '整改期限')} ${notice.rectifyBy}` : ''}`
              : undefined
          }
          navigationAction={<Link to="..">{t('notices.back', '返回列表')}</Link>}
          primaryAction={
            notice ? (
              <Flex gap={2}>
                <Button
                  variant="secondary"
                  onClick={() => window.print()}
                  data-testid="notice-print"
                >
                  {t('notices.print', '打印')}
                </Button>
                {notice.tables.length > 0 && (
                  <Button variant="secondary" onClick={download} data-testid="notice-xlsx">
                    {t('notices.xlsx', '下载 Excel')}
                  </Button>
                )}
              </Flex>
            ) : undefined
          }
        />
      </Box>
      <Layouts.Content>
        {error && (
          <Typography textColor="danger600" data-testid="notice-error" className="minyi-no-print">
            {error}
          </Typography>
        )}
        {notice && (
          <Box data-testid="notice" data-state={notice.state}>
            <Box
              className="minyi-notice-document"
              background="neutral0"
              hasRadius
              shadow="tableShadow"
              padding={8}
              data-testid="notice-document"
            >
              <h1>{notice.title}</h1>
              {notice.unitName && <Typography tag="p">{notice.unitName}:</Typography>}
              {notice.paragraphs.map((paragraph, i) => (
                <p key={i}>{paragraph}</p>
              ))}
              {notice.rectifyBy && (
                <p>
                  {t('notices.rectifyByText', '请于 {date} 前完成整改,并在系统中提交整改报告。', {
                    date: notice.rectifyBy,
                  })}
                </p>
              )}
              {notice.tables.map((table) => (
                <Box key={table.name} paddingTop={2}>
                  <Typography variant="delta" tag="h3">
                    {table.name}
                  </Typography>
                  <table>
                    <thead>
                      <tr>
                        {table.columns.map((c) => (
                          <th key={c}>{c}</th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {table.rows.map((row, i) => (
                        <tr key={i}>
                          {row.map((cell, j) => (
                            <td key={j}>{cell}</td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </Box>
              ))}
              {notice.report && (
                <Box paddingTop={4}>
                  <Typography variant="delta" tag="h3">
                    {t('notices.report', '整改报告')}
                  </Typography>
                  <p data-testid="notice-report">{notice.report}</p>
                </Box>
              )}
            </Box>

            <Box className="minyi-no-print" paddingTop={6}>
              {notice.state === 'returned' && notice.returnReason && (
                <Typography textColor="warning600" tag="p" data-testid="notice-return-reason">
                  {t('notices.returnedBecause', '整改报告已退回:{reason}', {
                    reason: notice.returnReason,
                  })}
                </Typography>
              )}
              <Flex gap={3} wrap="wrap" alignItems="flex-end" paddingTop={2}>
                {notice.may.acknowledge && (
                  <Button onClick={() => act('acknowledge')} data-testid="notice-acknowledge">
                    {t('notices.acknowledge', '签收')}
                  </Button>
                )}
                {notice.may.report && (
                  <>
                    <Box style={{ minWidth: 480, flex: 1 }}>
                      <Field.Root name="report">
                        <Field.Label>
                          {t('notices.reportLabel', '整改报告(整改措施、逐件办理结果)')}
                        </Field.Label>
                        <Textarea
                          value={report}
                          onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) =>
                            setReport(e.target.value)
                          }
                          data-testid="notice-report-input"
                        />
                      </Field.Root>
                    </Box>
                    <Button
                      onClick={() => act('report', { report })}
                      data-testid="notice-report-submit"
                    >
                      {t('notices.submitReport', '提交整改报告')}
                    </Button>
                  </>
                )}
                {notice.may.review && (
                  <>
                    <Button onClick={() => act('accept')} data-testid="notice-accept">
                      {t('notices.accept', '整改通过')}
                    </Button>
                    <Box style={{ minWidth: 360, flex: 1 }}>
                      <Field.Root name="reason">
                        <Field.Label>{t('notices.reasonLabel', '退回理由')}</Field.Label>
                        <Textarea
                          value={reason}
                          onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) =>
                            setReason(e.target.value)
                          }
                          data-testid="notice-reason-input"
                        />
                      </Field.Root>
                    </Box>
                    <Button
                      variant="danger-light"
                      onClick={() => act('return', { reason })}
                      data-testid="notice-return"
                    >
                      {t('notices.sendBack', '退回重报')}
                    </Button>
                  </>
                )}
              </Flex>
              {notice.history.length > 0 && (
                <Box paddingTop={4} data-testid="notice-history">
                  <Typography variant="sigma" textColor="neutral600">
                    {t('notices.history', '办理记录')}
                  </Typography>
                  {notice.history.map((h, i) => (
                    <Typography key={i} tag="p" variant="pi">
                      {`${dateTime(h.at)} ${h.by} ${NOTICE_STEP_LABELS_ZH[h.step] ?? h.step}${h.text ? `:${h.text}` : ''}`}
                    </Typography>
                  ))}
                </Box>
              )}
            </Box>
          </Box>
        )}
      </Layouts.Content>
    </>
  );
};

/** 通报与整改: the list, and each notice as a printable document with its steps. */
const NoticesPage = () => (
  <Page.Protect permissions={permissionsOf('noticesRead')}>
    <Page.Main>
      <Routes>
        <Route index element={<NoticeList />} />
        <Route path=":documentId" element={<NoticeDocument />} />
      </Routes>
    </Page.Main>
  </Page.Protect>
);

export default NoticesPage;
