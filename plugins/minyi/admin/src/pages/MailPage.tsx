import {
  Badge,
  Box,
  Button,
  Flex,
  Main,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { Link } from 'react-router-dom';

import type { StoredMailSummary } from '../../../shared/mail';
import { getTranslation } from '../utils/getTranslation';

interface MailOverview {
  transport: 'smtp' | 'file';
  directory: string | null;
  outbox: Record<string, number>;
  total: number;
  files: StoredMailSummary[];
}

interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

interface Preview extends RenderedMail {
  id: string;
  label: string;
  template: string;
}

const STATE_LABELS: Record<string, string> = {
  queued: '待发送',
  sending: '发送中',
  sent: '已发送',
  failed: '发送失败',
};

/** A rendered mail: subject, the HTML in a sandboxed frame (no scripts, no same-origin), and the plain text. */
const MailView = ({ mail, testId }: { mail: RenderedMail; testId: string }) => (
  <Box paddingTop={4} data-testid={testId}>
    <Typography variant="delta" tag="h3" data-testid={`${testId}-subject`}>
      {mail.subject}
    </Typography>
    <Flex gap={4} alignItems="flex-start" paddingTop={2} wrap="wrap">
      <iframe
        title={mail.subject}
        sandbox=""
        srcDoc={mail.html}
        style={{ width: 560, height: 420, border: '1px solid #dcdce4', background: '#fff' }}
      />
      <pre
        style={{
          width: 480,
          maxHeight: 420,
          overflow: 'auto',
          whiteSpace: 'pre-wrap',
          fontSize: 12,
          margin: 0,
        }}
      >
        {mail.text}
      </pre>
    </Flex>
  </Box>
);

/** 邮件: outbox counts, the mail written as .eml files when no SMTP server is configured, and template previews. */
const MailPage = () => {
  const { formatMessage } = useIntl();
  const { get } = useFetchClient();
  const t = (id: string, defaultMessage: string) =>
    formatMessage({ id: getTranslation(id), defaultMessage });
  const [overview, setOverview] = useState<MailOverview | null>(null);
  const [previews, setPreviews] = useState<Preview[]>([]);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [opened, setOpened] = useState<(RenderedMail & { file: string }) | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    get<{ data: MailOverview }>('/minyi/mail')
      .then((response) => setOverview(response.data.data))
      .catch(() => setFailed(true));
    get<{ data: Preview[] }>('/minyi/mail/previews')
      .then((response) => {
        setPreviews(response.data.data);
        setPreview(response.data.data[0] ?? null);
      })
      .catch(() => setFailed(true));
  }, [get]);

  const open = (file: string) => {
    get<{ data: RenderedMail & { file: string } }>(`/minyi/mail/files/${encodeURIComponent(file)}`)
      .then((response) => setOpened(response.data.data))
      .catch(() => setFailed(true));
  };

  return (
    <Main>
      <Box padding={8}>
        <Flex justifyContent="space-between">
          <Typography variant="alpha" tag="h1">
            {t('mail.title', '通知邮件')}
          </Typography>
          <Link to="..">{t('mail.back', '返回')}</Link>
        </Flex>
        {failed && (
          <Typography textColor="danger600">
            {t('mail.failed', '无法读取邮件信息(仅超级管理员可查看)')}
          </Typography>
        )}

        {overview && (
          <Box paddingTop={4}>
            <Typography data-testid="minyi-mail-transport">
              {overview.transport === 'smtp'
                ? t('mail.transport.smtp', '邮件通过 SMTP 服务器发送。')
                : `${t('mail.transport.file', '未配置 SMTP 服务器:邮件写入目录')} ${overview.directory ?? ''}`}
            </Typography>
            <Flex gap={2} paddingTop={2}>
              {Object.entries(overview.outbox).map(([state, count]) => (
                <Badge key={state}>{`${STATE_LABELS[state] ?? state} ${count}`}</Badge>
              ))}
            </Flex>
          </Box>
        )}

        {overview?.transport === 'file' && (
          <Box paddingTop={6}>
            <Typography variant="beta" tag="h2">
              {t('mail.files', '已写入的邮件')} ({overview.total})
            </Typography>
            <Table colCount={4} rowCount={overview.files.length + 1}>
              <Thead>
                <Tr>
                  <Th>
                    <Typography variant="sigma">{t('mail.storedAt', '时间')}</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">{t('mail.to', '收件人')}</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">{t('mail.subject', '主题')}</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">{t('mail.file', '文件')}</Typography>
                  </Th>
                </Tr>
              </Thead>
              <Tbody>
                {overview.files.map((file) => (
                  <Tr key={file.file} data-testid="minyi-mail-file">
                    <Td>
                      <Typography>{new Date(file.storedAt).toLocaleString('zh-CN')}</Typography>
                    </Td>
                    <Td>
                      <Typography>{file.to.join(', ')}</Typography>
                    </Td>
                    <Td>
                      <Button variant="tertiary" size="S" onClick={() => open(file.file)}>
                        {file.subject}
                      </Button>
                    </Td>
                    <Td>
                      <Typography>{file.file}</Typography>
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
            {opened && <MailView mail={opened} testId="minyi-mail-opened" />}
          </Box>
        )}

        <Box paddingTop={6}>
          <Typography variant="beta" tag="h2">
            {t('mail.previews', '模板预览')}
          </Typography>
          <Flex gap={2} paddingTop={2} wrap="wrap">
            {previews.map((entry) => (
              <Button
                key={entry.id}
                variant={preview?.id === entry.id ? 'default' : 'secondary'}
                size="S"
                onClick={() => setPreview(entry)}
              >
                {entry.label}
              </Button>
            ))}
          </Flex>
          {preview && <MailView mail={preview} testId="minyi-mail-preview" />}
        </Box>
      </Box>
    </Main>
  );
};

export { MailPage };
