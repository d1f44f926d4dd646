import type { PanelComponent } from '@strapi/content-manager/strapi-admin';

import { useT } from '../utils/useT';
import { CategoryAttributes } from './CategoryAttributes';

const CATEGORY_MODEL = 'api::category.category';

/**
 * The category edit view's side panel (content-manager addEditViewSidePanel): 附加信息项, the
 * Open311 attributes of the category's service. A new category (no document yet) gets none.
 */
export const CategoryAttributesPanel: PanelComponent = (props) => {
  const t = useT();
  if (props.model !== CATEGORY_MODEL || typeof props.documentId !== 'string') return null;
  return {
    title: t('attributes.panel', '附加信息项(Open311)'),
    content: <CategoryAttributes documentId={props.documentId} />,
  };
};

export const CATEGORY_PANELS = [CategoryAttributesPanel];
