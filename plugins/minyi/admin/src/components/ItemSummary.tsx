import { Flex, Typography } from '@strapi/design-system';

import { useItemPanel } from '../hooks/useItemPanel';
import { formatDateTime } from '../utils/format';
import { useT } from '../utils/useT';
import { DueBadge } from './DueBadge';

const Row = ({
  label,
  children,
  testId,
}: {
  label: string;
  children: React.ReactNode;
  testId?: string;
}) => (
  <Flex direction="column" alignItems="flex-start" gap={1} data-testid={testId}>
    <Typography variant="sigma" textColor="neutral600">
      {label}
    </Typography>
    <Typography variant="omega">{children}</Typography>
  </Flex>
);

/** 事项概况: status, level and owning unit in Chinese, the due time with its countdown, first responder. */
export const ItemSummary = ({ documentId }: { documentId: string }) => {
  const t = useT();
  const { panel, refusal } = useItemPanel(documentId);
  if (refusal && !panel) return <Typography textColor="danger600">{refusal.reason}</Typography>;
  if (!panel)
    return <Typography textColor="neutral600">{t('itemPanel.loading', '加载中…')}</Typography>;
  const unit = panel.owningUnit
    ? `${panel.owningUnit.name}${panel.owningUnit.kindLabel ? `(${panel.owningUnit.kindLabel})` : ''}`
    : '—';
  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="minyi-item-summary">
      <Row label={t('itemPanel.trackingCode', '查询码')}>{panel.trackingCode}</Row>
      <Row label={t('itemPanel.status', '状态')} testId="minyi-item-status">
        {panel.status.label}
      </Row>
      <Row label={t('itemPanel.level', '办理层级')} testId="minyi-item-level">
        {panel.level.label}
      </Row>
      <Row label={t('itemPanel.owningUnit', '承办单位')} testId="minyi-item-unit">
        {unit}
        {panel.callerPart === 'co-handling' ? ` · ${t('itemPanel.coHandling', '本单位协办')}` : ''}
      </Row>
      {panel.coDepartments.length > 0 && (
        <Row label={t('itemPanel.coDepartments', '协办单位')}>
          {panel.coDepartments.map((unit) => unit.name).join('、')}
        </Row>
      )}
      <Row label={t('itemPanel.dueAt', '办理时限')} testId="minyi-item-due">
        <Flex direction="column" alignItems="flex-start" gap={1} tag="span">
          <span>{formatDateTime(panel.due.dueAt)}</span>
          <DueBadge due={panel.due} />
        </Flex>
      </Row>
      <Row label={t('itemPanel.firstResponder', '首问负责人')}>
        {panel.firstResponder
          ? `${panel.firstResponder.name}(${panel.firstResponder.role.label})`
          : '—'}
      </Row>
      {panel.extensionPending && (
        <Typography textColor="warning700">
          {t('itemPanel.extensionPending', '有待审批的延期申请')}
        </Typography>
      )}
      {panel.supervisionCount > 0 && (
        <Typography textColor="warning700">
          {t('itemPanel.supervised', '已督办 {count} 次', { count: panel.supervisionCount })}
        </Typography>
      )}
    </Flex>
  );
};
