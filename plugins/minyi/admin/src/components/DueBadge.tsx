import { Badge } from '@strapi/design-system';

import type { ItemDue } from '../../../shared/contracts';

/** The due time's state at a glance: working time left, overdue, or a stopped clock. */
export const DueBadge = ({ due }: { due: ItemDue }) => {
  const colours = due.overdue
    ? { backgroundColor: 'danger100', textColor: 'danger700' }
    : due.stopped
      ? { backgroundColor: 'neutral150', textColor: 'neutral700' }
      : { backgroundColor: 'success100', textColor: 'success700' };
  return (
    <Badge {...colours} data-testid="minyi-due-label">
      {due.label}
    </Badge>
  );
};
