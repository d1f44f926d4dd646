import { Alert, Badge, Box, Button, Flex, Typography } from '@strapi/design-system';
import type { ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { getTranslation } from '../../utils/getTranslation';

interface SectionPanelProps {
  id: string;
  title: string;
  description: string;
  /** Stored in the database (true) or the environment's default (false); undefined: not a section. */
  stored?: boolean;
  canUpdate: boolean;
  saving: boolean;
  errors: string[];
  saved: boolean;
  onSave?: () => void;
  onReset?: () => void;
  children: ReactNode;
}

/** One settings section: heading, where its values come from, the form, save and back-to-default. */
export const SectionPanel = ({
  id,
  title,
  description,
  stored,
  canUpdate,
  saving,
  errors,
  saved,
  onSave,
  onReset,
  children,
}: SectionPanelProps) => {
  const { formatMessage } = useIntl();
  const t = (key: string, defaultMessage: string) =>
    formatMessage({ id: getTranslation(key), defaultMessage });
  return (
    <Box
      background="neutral0"
      hasRadius
      shadow="tableShadow"
      padding={6}
      data-testid={`minyi-settings-section-${id}`}
    >
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Flex justifyContent="space-between" alignItems="flex-start" gap={4}>
          <Flex direction="column" alignItems="flex-start" gap={1}>
            <Typography variant="delta" tag="h2">
              {title}
            </Typography>
            <Typography variant="pi" textColor="neutral600">
              {description}
            </Typography>
          </Flex>
          {stored !== undefined && (
            <Badge active={stored}>
              {stored
                ? t('settings.source.stored', '已保存到数据库')
                : t('settings.source.default', '使用环境变量默认值')}
            </Badge>
          )}
        </Flex>
        {errors.length > 0 && (
          <Alert
            variant="danger"
            closeLabel={t('settings.close', '关闭')}
            title={t('settings.invalid', '未保存:请更正标出的项')}
            data-testid={`minyi-settings-errors-${id}`}
          >
            {errors.join(';')}
          </Alert>
        )}
        {saved && errors.length === 0 && (
          <Alert
            variant="success"
            closeLabel={t('settings.close', '关闭')}
            title=""
            data-testid={`minyi-settings-saved-${id}`}
          >
            {t('settings.saved', '已保存,所有实例即时生效')}
          </Alert>
        )}
        {children}
        {canUpdate && (onSave || onReset) && (
          <Flex gap={2} justifyContent="flex-end">
            {onReset && stored && (
              <Button variant="tertiary" onClick={onReset} disabled={saving}>
                {t('settings.reset', '恢复默认值')}
              </Button>
            )}
            {onSave && (
              <Button onClick={onSave} loading={saving} data-testid={`minyi-settings-save-${id}`}>
                {t('settings.save', '保存')}
              </Button>
            )}
          </Flex>
        )}
      </Flex>
    </Box>
  );
};
