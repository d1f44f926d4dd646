import type { PanelComponent, PanelComponentProps } from '@strapi/content-manager/strapi-admin';
import { useIntl } from 'react-intl';

import { getTranslation } from '../utils/getTranslation';
import { ItemActions } from './ItemActions';
import { ItemMails } from './ItemMails';
import { ItemPhotos } from './ItemPhotos';
import { ItemSummary } from './ItemSummary';
import { ItemTimeline } from './ItemTimeline';

/**
 * The edit view's side panels of an item (content-manager addEditViewSidePanel): 办理 (the
 * action buttons), 事项概况, 照片, 办理记录, 相关邮件. Other content types and a new item get none.
 * The panels' data comes from one shared request (hooks/useItemPanel.ts).
 */
const ITEM_MODEL = 'api::item.item';

const usePanelTitle = () => {
  const { formatMessage } = useIntl();
  return (id: string, defaultMessage: string) =>
    formatMessage({ id: getTranslation(id), defaultMessage });
};

const isItem = (
  props: PanelComponentProps
): props is PanelComponentProps & { documentId: string } =>
  props.model === ITEM_MODEL && typeof props.documentId === 'string';

export const ItemActionsPanel: PanelComponent = (props) => {
  const title = usePanelTitle();
  if (!isItem(props)) return null;
  return {
    title: title('actions.panel', '办理'),
    content: (
      <ItemActions
        documentId={props.documentId}
        model={props.model}
        collectionType={props.collectionType}
      />
    ),
  };
};

export const ItemSummaryPanel: PanelComponent = (props) => {
  const title = usePanelTitle();
  if (!isItem(props)) return null;
  return {
    title: title('itemPanel.summary', '事项概况'),
    content: <ItemSummary documentId={props.documentId} />,
  };
};

export const ItemTimelinePanel: PanelComponent = (props) => {
  const title = usePanelTitle();
  if (!isItem(props)) return null;
  return {
    title: title('itemPanel.timeline', '办理记录'),
    content: <ItemTimeline documentId={props.documentId} />,
  };
};

export const ItemMailsPanel: PanelComponent = (props) => {
  const title = usePanelTitle();
  if (!isItem(props)) return null;
  return {
    title: title('itemPanel.mails', '相关邮件'),
    content: <ItemMails documentId={props.documentId} />,
  };
};

export const ItemPhotosPanel: PanelComponent = (props) => {
  const title = usePanelTitle();
  if (!isItem(props)) return null;
  return {
    title: title('itemPanel.photos', '照片'),
    content: <ItemPhotos documentId={props.documentId} />,
  };
};

export const ITEM_PANELS = [
  ItemActionsPanel,
  ItemSummaryPanel,
  ItemPhotosPanel,
  ItemTimelinePanel,
  ItemMailsPanel,
];
