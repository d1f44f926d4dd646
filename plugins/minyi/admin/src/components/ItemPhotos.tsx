import { Box, Flex, Typography } from '@strapi/design-system';

import { useItemPanel } from '../hooks/useItemPanel';
import { useT } from '../utils/useT';

/** 照片: the item's photos by kind (群众照片, 整改前, 整改后) as thumbnails, each opening the full photo. */
export const ItemPhotos = ({ documentId }: { documentId: string }) => {
  const t = useT();
  const { panel } = useItemPanel(documentId);
  if (!panel) return null;
  if (panel.photos.length === 0) {
    return (
      <Typography textColor="neutral600">{t('itemPanel.photos.empty', '暂无照片')}</Typography>
    );
  }
  return (
    <Flex direction="column" alignItems="stretch" gap={3} width="100%" data-testid="minyi-photos">
      {panel.photos.map((group) => (
        <Box key={group.kind.value} data-testid={`minyi-photos-${group.kind.value}`}>
          <Typography variant="sigma" textColor="neutral600">
            {t(`itemPanel.photos.${group.kind.value}`, group.kind.label)} · {group.photos.length}
          </Typography>
          <Flex gap={2} wrap="wrap" paddingTop={1}>
            {group.photos.map((photo, index) => (
              <a
                key={photo.url}
                href={photo.url}
                target="_blank"
                rel="noreferrer"
                title={t('itemPanel.photos.open', '查看原图')}
              >
                <img
                  src={photo.thumbnailUrl}
                  alt={`${group.kind.label} ${index + 1}`}
                  style={{ width: 72, height: 72, objectFit: 'cover', borderRadius: 4 }}
                />
              </a>
            ))}
          </Flex>
        </Box>
      ))}
    </Flex>
  );
};
