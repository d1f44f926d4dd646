import { Box, Flex, Typography } from '@strapi/design-system';

import type { TimelineEntry } from '../../../shared/contracts';
import { useItemPanel } from '../hooks/useItemPanel';
import { formatDateTime } from '../utils/format';
import { useT } from '../utils/useT';

function change(from: { label: string } | null, to: { label: string } | null): string | null {
  if (!from && !to) return null;
  if (from && to && from.label === to.label) return null;
  return `${from?.label ?? '—'} → ${to?.label ?? '—'}`;
}

const Entry = ({ entry }: { entry: TimelineEntry }) => {
  const status = change(entry.fromStatus, entry.toStatus);
  const level = change(entry.fromLevel, entry.toLevel);
  return (
    <Box paddingBottom={3} data-testid="minyi-timeline-entry">
      <Flex gap={2} alignItems="baseline" wrap="wrap">
        <Typography fontWeight="bold" data-testid="minyi-timeline-type">
          {entry.type.label}
        </Typography>
        <Typography variant="pi" textColor="neutral600">
          {formatDateTime(entry.at)} · {entry.actor}
        </Typography>
      </Flex>
      {(status || level) && (
        <Typography variant="pi" tag="p" textColor="neutral700">
          {[status, level].filter(Boolean).join(';')}
        </Typography>
      )}
      {entry.note && (
        <Typography variant="pi" tag="p" textColor="neutral800">
          {entry.note}
        </Typography>
      )}
    </Box>
  );
};

/** 办理记录: the item-events, newest first (when, who, what, from → to, note). */
export const ItemTimeline = ({ documentId }: { documentId: string }) => {
  const t = useT();
  const { panel } = useItemPanel(documentId);
  if (!panel) return null;
  if (panel.timeline.length === 0) {
    return (
      <Typography textColor="neutral600">{t('itemPanel.timeline.empty', '暂无记录')}</Typography>
    );
  }
  return (
    <Box width="100%" data-testid="minyi-timeline">
      {panel.timeline.map((entry, index) => (
        <Entry key={`${entry.at}-${index}`} entry={entry} />
      ))}
    </Box>
  );
};
