import { Badge, Box, Flex, Typography } from '@strapi/design-system';

import { useItemPanel } from '../hooks/useItemPanel';
import { formatDateTime } from '../utils/format';
import { useT } from '../utils/useT';

const STATE_COLOURS: Record<string, { backgroundColor: string; textColor: string }> = {
  sent: { backgroundColor: 'success100', textColor: 'success700' },
  failed: { backgroundColor: 'danger100', textColor: 'danger700' },
  queued: { backgroundColor: 'neutral150', textColor: 'neutral700' },
  sending: { backgroundColor: 'primary100', textColor: 'primary700' },
};

/** 相关邮件: the mails about the item (outbox) and their delivery state. */
export const ItemMails = ({ documentId }: { documentId: string }) => {
  const t = useT();
  const { panel } = useItemPanel(documentId);
  if (!panel) return null;
  if (panel.mails.length === 0) {
    return <Typography textColor="neutral600">{t('itemPanel.mails.empty', '暂无邮件')}</Typography>;
  }
  return (
    <Box width="100%" data-testid="minyi-mails">
      {panel.mails.map((mail, index) => (
        <Box key={`${mail.queuedAt}-${index}`} paddingBottom={3} data-testid="minyi-mail">
          <Flex gap={2} alignItems="center" wrap="wrap">
            <Typography fontWeight="bold">{mail.template.label}</Typography>
            <Badge {...(STATE_COLOURS[mail.state.value] ?? STATE_COLOURS.queued)}>
              {mail.state.label}
            </Badge>
          </Flex>
          <Typography variant="pi" tag="p" textColor="neutral600">
            {t('itemPanel.mails.to', '收件人:{recipient}', { recipient: mail.recipient })} ·{' '}
            {formatDateTime(mail.sentAt ?? mail.queuedAt)}
          </Typography>
          {mail.lastError && (
            <Typography variant="pi" tag="p" textColor="danger600">
              {mail.lastError}
            </Typography>
          )}
        </Box>
      ))}
    </Box>
  );
};
