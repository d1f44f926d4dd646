import { Box, Flex, Main, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { Link } from 'react-router-dom';

import { StructureImportHint } from '../components/StructureImportHint';
import { getTranslation } from '../utils/getTranslation';

interface PluginStatus {
  plugin: string;
  version: string;
  timezone: string;
  services: string[];
}

/** The plugin's landing page: proof that the built plugin is loaded, and what it runs with. */
const HomePage = () => {
  const { formatMessage } = useIntl();
  const { get } = useFetchClient();
  const [status, setStatus] = useState<PluginStatus | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    get<{ data: PluginStatus }>('/minyi/status')
      .then((response) => setStatus(response.data.data))
      .catch(() => setFailed(true));
  }, [get]);

  const t = (id: string, defaultMessage: string) =>
    formatMessage({ id: getTranslation(id), defaultMessage });

  return (
    <Main>
      <Box padding={8}>
        <Typography variant="alpha" tag="h1">
          {t('plugin.name', '民意直通车')}
        </Typography>
        <Box paddingTop={4}>
          <StructureImportHint />
        </Box>
        <Box paddingTop={4}>
          {failed && (
            <Typography textColor="danger600">{t('status.failed', '无法读取插件状态')}</Typography>
          )}
          {status && (
            <Flex direction="column" alignItems="flex-start" gap={2}>
              <Typography data-testid="minyi-version">
                {t('status.version', '版本')}: {status.version}
              </Typography>
              <Typography>
                {t('status.timezone', '时区')}: {status.timezone}
              </Typography>
              <Typography>
                {t('status.services', '已加载服务')}: {status.services.join(', ')}
              </Typography>
            </Flex>
          )}
        </Box>
        <Box paddingTop={4}>
          <Link to="mail">{t('mail.title', '通知邮件')}</Link>
        </Box>
        <Box paddingTop={2}>
          <Link to="import">{t('import.title', '导入导出')}</Link>
        </Box>
      </Box>
    </Main>
  );
};

export { HomePage };
