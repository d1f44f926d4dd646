import type {
  DocumentActionComponent,
  DocumentActionDescription,
} from '@strapi/content-manager/strapi-admin';
import { Briefcase } from '@strapi/icons';
import { useMemo, useRef } from 'react';

import { ACTIONS, type Action } from '../../../server/src/domain/state-machine';
import { useDocumentRefetch } from '../hooks/useDocumentRefetch';
import { useItemPanel } from '../hooks/useItemPanel';
import { useT } from '../utils/useT';
import { ActionForm } from './ActionForm';

const ITEM_MODEL = 'api::item.item';

/**
 * The handling actions in the edit view's header (content-manager addDocumentAction, position
 * 'header': the header's 更多操作 menu). Strapi renders one description per registered component,
 * so there is one component per action of the state machine; each shows only when the panel's
 * allowedActions (the state machine and the unit scope, as the handling route decides) holds it,
 * so the header offers exactly what the side panel's 办理 buttons offer. Each opens the same
 * ActionForm in Strapi's modal and, on success, reloads the panels and the edit view's form.
 *
 * Header actions proper (addDocumentHeaderAction) would be icon-only buttons with the label as a
 * tooltip — unreadable for 受理/交办/督办 — so the labelled menu entries are used instead.
 */
function itemHeaderAction(name: Action): DocumentActionComponent {
  const ItemHeaderAction: DocumentActionComponent = ({ model, documentId, collectionType }) => {
    const t = useT();
    const itemId = model === ITEM_MODEL ? documentId : undefined;
    const { panel, refresh } = useItemPanel(itemId);
    const refetchDocument = useDocumentRefetch({ model, collectionType, documentId: itemId });
    // The form closes (and unmounts) before the refresh runs: the refresh uses this component's
    // fetch client and document query, which stay mounted with the header.
    const done = useRef<() => Promise<void>>(async () => undefined);
    done.current = async () => {
      refetchDocument();
      await refresh();
    };
    // One stable component per item, so a re-render of the header does not remount an open form.
    const Content = useMemo(() => {
      if (!itemId) return null;
      const HeaderActionForm = ({ onClose }: { onClose: () => void }) => {
        const { panel: current } = useItemPanel(itemId);
        const action = current?.allowedActions.find((entry) => entry.action === name);
        if (!action) return null;
        return (
          <ActionForm
            action={action}
            documentId={itemId}
            onClose={onClose}
            onDone={() => done.current()}
          />
        );
      };
      return HeaderActionForm;
    }, [itemId]);

    const action = panel?.allowedActions.find((entry) => entry.action === name);
    if (!itemId || !panel || !action || !Content) return null;
    const description: DocumentActionDescription = {
      label: action.label,
      // The workbench's icon: the handling entries read as one group beside Strapi's own.
      icon: <Briefcase />,
      position: 'header',
      dialog: {
        type: 'modal',
        title: t('actions.title', '{action}:{code}', {
          action: action.label,
          code: panel.trackingCode,
        }),
        content: Content,
      },
    };
    return description;
  };
  ItemHeaderAction.position = 'header';
  return ItemHeaderAction;
}

export const ITEM_HEADER_ACTIONS: DocumentActionComponent[] = ACTIONS.map(itemHeaderAction);
