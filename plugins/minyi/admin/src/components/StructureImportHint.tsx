import { Box, Flex, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { Link } from 'react-router-dom';

import { PLUGIN_ID } from '../pluginId';
import { getTranslation } from '../utils/getTranslation';

/**
 * The first start of a production install (no demo data): while the county has no grids, tells
 * the administrator that the structure comes first, and links to 导入导出. Renders nothing once
 * grids exist, or for users without the import permission (the overview route answers 403).
 * Meant for the plugin's landing page (the workbench includes it).
 */
const StructureImportHint = () => {
  const { formatMessage } = useIntl();
  const { get } = useFetchClient();
  const [empty, setEmpty] = useState(false);

  useEffect(() => {
    get<{ data: Record<string, number> }>('/minyi/structure/overview')
      .then((response) => setEmpty(response.data.data.grids === 0))
      .catch(() => setEmpty(false));
  }, [get]);

  if (!empty) return null;
  return (
    <Box padding={5} background="primary100" hasRadius data-testid="structure-import-hint">
      <Flex direction="column" alignItems="flex-start" gap={2}>
        <Typography variant="delta" tag="h2">
          {formatMessage({
            id: getTranslation('import.hint.title'),
            defaultMessage: '第一步:导入组织架构',
          })}
        </Typography>
        <Typography>
          {formatMessage({
            id: getTranslation('import.hint.body'),
            defaultMessage:
              '系统中还没有网格。请先下载模板,填写网格、部门单位、工作人员和事项分类,再导入。',
          })}
        </Typography>
        <Link to={`/plugins/${PLUGIN_ID}/import`}>
          {formatMessage({
            id: getTranslation('import.hint.link'),
            defaultMessage: '前往导入导出',
          })}
        </Link>
      </Flex>
    </Box>
  );
};

export { StructureImportHint };
