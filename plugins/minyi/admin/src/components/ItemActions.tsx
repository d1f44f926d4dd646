import { Button, Flex, Modal, Typography } from '@strapi/design-system';
import { useState } from 'react';

import type { AllowedAction } from '../../../shared/contracts';
import { useDocumentRefetch } from '../hooks/useDocumentRefetch';
import { useItemPanel } from '../hooks/useItemPanel';
import { useT } from '../utils/useT';
import { ActionForm } from './ActionForm';

interface ItemActionsProps {
  documentId: string;
  model: string;
  collectionType: string;
}

/**
 * 办理: one button per action the signed-in user may take on this item now — exactly the
 * panel's allowedActions (the state machine and the unit scope, as the handling route decides) —
 * each opening its form. After an action the panels and the edit view's form are reloaded.
 */
export const ItemActions = ({ documentId, model, collectionType }: ItemActionsProps) => {
  const t = useT();
  const { panel, refusal, refresh } = useItemPanel(documentId);
  const refetchDocument = useDocumentRefetch({ model, collectionType, documentId });
  const [open, setOpen] = useState<AllowedAction | null>(null);

  if (refusal && !panel) {
    return <Typography textColor="danger600">{refusal.reason}</Typography>;
  }
  if (!panel)
    return <Typography textColor="neutral600">{t('itemPanel.loading', '加载中…')}</Typography>;
  if (panel.allowedActions.length === 0) {
    return (
      <Typography textColor="neutral600" data-testid="minyi-no-actions">
        {t('actions.none', '您当前不能对此事项办理操作')}
      </Typography>
    );
  }

  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid="minyi-actions">
      {panel.allowedActions.map((action) => (
        <Button
          key={action.action}
          variant={action.action === panel.allowedActions[0].action ? 'default' : 'secondary'}
          fullWidth
          data-testid={`minyi-action-${action.action}`}
          onClick={() => setOpen(action)}
        >
          {action.label}
        </Button>
      ))}
      <Modal.Root open={open !== null} onOpenChange={(isOpen: boolean) => !isOpen && setOpen(null)}>
        {open && (
          <Modal.Content>
            <Modal.Header>
              <Modal.Title>
                {t('actions.title', '{action}:{code}', {
                  action: open.label,
                  code: panel.trackingCode,
                })}
              </Modal.Title>
            </Modal.Header>
            <ActionForm
              action={open}
              documentId={documentId}
              onClose={() => setOpen(null)}
              onDone={async () => {
                refetchDocument();
                await refresh();
              }}
            />
          </Modal.Content>
        )}
      </Modal.Root>
    </Flex>
  );
};
