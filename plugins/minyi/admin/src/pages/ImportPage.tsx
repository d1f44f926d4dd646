import {
  Box,
  Button,
  Flex,
  Loader,
  Main,
  SingleSelect,
  SingleSelectOption,
  Typography,
} from '@strapi/design-system';
import { Page, useFetchClient } from '@strapi/strapi/admin';
import { useEffect, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import { Link } from 'react-router-dom';

import { STRUCTURE_KINDS, type ImportReport } from '../../../shared/structure-import';
import { ImportReportView } from '../components/ImportReportView';
import { getTranslation } from '../utils/getTranslation';

const IMPORT_PERMISSIONS = [{ action: 'plugin::minyi.structure.import', subject: null }];

function save(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * 导入导出: upload a structure file, read its dry-run report, import it when it is clean; export
 * the current structure; download the templates. Every file is checked before anything is written.
 */
const ImportPageContent = () => {
  const { formatMessage } = useIntl();
  const { get, post } = useFetchClient();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState<string>('');
  const [busy, setBusy] = useState<'check' | 'import' | null>(null);
  const [elapsed, setElapsed] = useState(0);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!busy) return;
    const started = Date.now();
    const timer = setInterval(() => setElapsed(Math.round((Date.now() - started) / 1000)), 500);
    return () => clearInterval(timer);
  }, [busy]);

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(dryRun ? 'check' : 'import');
    setElapsed(0);
    setError(null);
    const body = new FormData();
    body.append('files', file, file.name);
    const query = new URLSearchParams({ dryRun: String(dryRun) });
    if (kind) query.set('kind', kind);
    try {
      const response = await post<{ data: ImportReport | null; error?: { message: string } }>(
        `/minyi/structure/import?${query.toString()}`,
        body,
        { validateStatus: (status: number) => status === 200 || status === 422 }
      );
      setReport(response.data.data);
    } catch (caught) {
      const message =
        (caught as { response?: { data?: { error?: { message?: string } } } }).response?.data?.error
          ?.message ?? t('import.failed', '无法处理此文件');
      setReport(null);
      setError(message);
    } finally {
      setBusy(null);
    }
  };

  const download = async (url: string, fileName: string) => {
    setError(null);
    try {
      const response = await get<Blob>(url, { responseType: 'blob' });
      save(response.data, fileName);
    } catch {
      setError(t('import.downloadFailed', '下载失败'));
    }
  };

  const stamp = new Date().toISOString().slice(0, 10);

  return (
    <Main>
      <Box padding={8}>
        <Flex justifyContent="space-between">
          <Typography variant="alpha" tag="h1">
            {t('import.title', '导入导出')}
          </Typography>
          <Link to="..">{t('mail.back', '返回')}</Link>
        </Flex>
        <Box paddingTop={2}>
          <Typography textColor="neutral600">
            {t(
              'import.intro',
              '从 Excel(.xlsx)或 CSV(UTF-8 或 GBK)导入网格、部门单位、工作人员和事项分类。先检查,全部通过才写入;按编码(人员按手机号)识别,重复导入不会改变数据,文件中没有的记录只列出、不删除。'
            )}
          </Typography>
        </Box>

        <Box paddingTop={6}>
          <Typography variant="delta" tag="h2">
            {t('import.templates', '模板')}
          </Typography>
          <Flex gap={2} paddingTop={2} wrap="wrap">
            <Button
              variant="secondary"
              onClick={() =>
                download('/minyi/structure/template?format=xlsx', '组织架构-导入模板.xlsx')
              }
            >
              {t('import.template.xlsx', 'Excel 模板(全部类别)')}
            </Button>
            {STRUCTURE_KINDS.map((each) => (
              <Button
                key={each}
                variant="tertiary"
                onClick={() =>
                  download(
                    `/minyi/structure/template?format=csv&kind=${each}`,
                    `${each}-template.csv`
                  )
                }
              >
                {t('import.template.csv', 'CSV 模板:{kind}', {
                  kind: t(`import.kind.${each}`, each),
                })}
              </Button>
            ))}
          </Flex>
        </Box>

        <Box paddingTop={6}>
          <Typography variant="delta" tag="h2">
            {t('import.upload', '上传文件')}
          </Typography>
          <Flex gap={4} paddingTop={2} alignItems="flex-end" wrap="wrap">
            <input
              ref={input}
              type="file"
              accept=".xlsx,.csv"
              data-testid="import-file"
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null);
                setReport(null);
                setError(null);
              }}
            />
            <Box minWidth="200px">
              <SingleSelect
                aria-label={t('import.kind', '数据类别')}
                placeholder={t('import.kind.all', '全部类别(按表名识别)')}
                value={kind}
                onChange={(value: string | number) => setKind(String(value))}
                onClear={() => setKind('')}
              >
                {STRUCTURE_KINDS.map((each) => (
                  <SingleSelectOption key={each} value={each}>
                    {t(`import.kind.${each}`, each)}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Box>
            <Button
              disabled={!file || busy !== null}
              onClick={() => send(true)}
              data-testid="import-check"
            >
              {t('import.check', '检查(试运行)')}
            </Button>
            <Button
              variant="success"
              disabled={!file || busy !== null || !report?.valid || !report.dryRun}
              onClick={() => send(false)}
              data-testid="import-run"
            >
              {t('import.run', '导入')}
            </Button>
          </Flex>
          {busy && (
            <Flex gap={2} paddingTop={4}>
              <Loader small />
              <Typography data-testid="import-progress">
                {busy === 'check'
                  ? t('import.progress.check', '正在检查 {name}({size} MB)… 已用 {seconds} 秒', {
                      name: file?.name ?? '',
                      size: ((file?.size ?? 0) / 1024 / 1024).toFixed(1),
                      seconds: elapsed,
                    })
                  : t(
                      'import.progress.import',
                      '正在导入(全部写入或全部不写入)… 已用 {seconds} 秒',
                      {
                        seconds: elapsed,
                      }
                    )}
              </Typography>
            </Flex>
          )}
          {error && (
            <Box paddingTop={4}>
              <Typography textColor="danger600" data-testid="import-error">
                {error}
              </Typography>
            </Box>
          )}
          {report && <ImportReportView report={report} />}
        </Box>

        <Box paddingTop={8}>
          <Typography variant="delta" tag="h2">
            {t('import.export', '导出当前组织架构')}
          </Typography>
          <Box paddingTop={2}>
            <Typography textColor="neutral600">
              {t(
                'import.export.hint',
                '导出文件与导入格式相同:修改后再导入即可更新;原样导入不会产生变化。'
              )}
            </Typography>
          </Box>
          <Flex gap={2} paddingTop={2}>
            <Button
              variant="secondary"
              onClick={() =>
                download('/minyi/structure/export?format=xlsx', `组织架构-${stamp}.xlsx`)
              }
            >
              {t('import.export.xlsx', '导出 Excel')}
            </Button>
          </Flex>
        </Box>
      </Box>
    </Main>
  );
};

const ImportPage = () => (
  <Page.Protect permissions={IMPORT_PERMISSIONS}>
    <ImportPageContent />
  </Page.Protect>
);

export { ImportPage };
