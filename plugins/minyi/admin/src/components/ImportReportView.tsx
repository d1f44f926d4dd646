import {
  Badge,
  Box,
  Flex,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { useIntl } from 'react-intl';

import { getTranslation } from '../utils/getTranslation';

import { STRUCTURE_KINDS, type ImportReport } from '../../../shared/structure-import';

const ImportReportView = ({ report }: { report: ImportReport }) => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: getTranslation(id), defaultMessage }, values);

  return (
    <Box paddingTop={6} data-testid="import-report">
      <Flex gap={2} paddingBottom={4}>
        {report.applied ? (
          <Badge active>{t('import.report.applied', '已导入')}</Badge>
        ) : report.valid ? (
          <Badge active>{t('import.report.valid', '检查通过,可以导入')}</Badge>
        ) : (
          <Badge>
            {t('import.report.invalid', '有 {count} 处问题,未写入任何数据', {
              count: report.problemCount,
            })}
          </Badge>
        )}
        <Typography variant="pi" textColor="neutral600">
          {report.format.toUpperCase()}
          {report.encoding ? ` · ${report.encoding}` : ''} · {(report.ms / 1000).toFixed(1)} s
        </Typography>
      </Flex>

      {Object.keys(report.summary).length > 0 && (
        <Table colCount={5} rowCount={Object.keys(report.summary).length + 1}>
          <Thead>
            <Tr>
              <Th>
                <Typography variant="sigma">{t('import.report.kind', '类别')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('import.report.created', '新增')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('import.report.updated', '更新')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('import.report.unchanged', '不变')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">
                  {t('import.report.missing', '文件中没有(保留)')}
                </Typography>
              </Th>
            </Tr>
          </Thead>
          <Tbody>
            {STRUCTURE_KINDS.map((kind) => {
              const summary = report.summary[kind];
              // A kind the file did not touch has no summary row.
              if (!summary) return null;
              return (
                <Tr key={kind} data-testid={`import-summary-${kind}`}>
                  <Td>
                    <Typography>{t(`import.kind.${kind}`, kind)}</Typography>
                  </Td>
                  <Td>
                    <Typography>{summary.created}</Typography>
                  </Td>
                  <Td>
                    <Typography>{summary.updated}</Typography>
                  </Td>
                  <Td>
                    <Typography>{summary.unchanged}</Typography>
                  </Td>
                  <Td>
                    <Typography title={summary.missingKeys.join(', ')}>
                      {summary.missing}
                    </Typography>
                  </Td>
                </Tr>
              );
            })}
          </Tbody>
        </Table>
      )}

      {report.applied && (
        <Box paddingTop={4}>
          <Typography>
            {t(
              'import.report.invitations',
              '已发送 {invited} 封账号邀请邮件(设置密码的链接),关联已有账号 {linked} 个。',
              {
                invited: report.invitations,
                linked: report.linkedAccounts,
              }
            )}
          </Typography>
        </Box>
      )}

      {report.problems.length > 0 && (
        <Box paddingTop={6}>
          <Typography variant="delta" tag="h2">
            {t('import.report.problems', '问题清单')}
          </Typography>
          <Box paddingTop={2}>
            <Table colCount={5} rowCount={report.problems.length + 1}>
              <Thead>
                <Tr>
                  <Th>
                    <Typography variant="sigma">{t('import.problem.sheet', '工作表')}</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">{t('import.problem.row', '行')}</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">{t('import.problem.column', '列')}</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">{t('import.problem.value', '值')}</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">{t('import.problem.message', '问题')}</Typography>
                  </Th>
                </Tr>
              </Thead>
              <Tbody>
                {report.problems.map((problem, index) => (
                  <Tr key={index} data-testid="import-problem">
                    <Td>
                      <Typography>{problem.sheet}</Typography>
                    </Td>
                    <Td>
                      <Typography>{problem.row ?? ''}</Typography>
                    </Td>
                    <Td>
                      <Typography>{problem.column ?? ''}</Typography>
                    </Td>
                    <Td>
                      <Typography>{problem.value}</Typography>
                    </Td>
                    <Td>
                      <Typography textColor="danger600">{problem.message}</Typography>
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          </Box>
        </Box>
      )}
    </Box>
  );
};

export { ImportReportView };
