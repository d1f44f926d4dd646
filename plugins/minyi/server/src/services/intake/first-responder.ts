import type { Core } from '@strapi/strapi';
import { staffRepository } from '../../repositories/staff';

export interface RequestState {
  user?: { id: number };
  auth?: { strategy?: { name?: string } };
}

/**
 * 首问负责制: the staff member who registers an item is its first responder, accountable to the
 * end. Recorded from the signed-in person on creation (admin panel or field REST), never changed.
 */
const firstResponder = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The active staff record of whoever is making the current request, if any. */
  async currentStaffId(): Promise<number | null> {
    const state = (strapi.requestContext.get()?.state ?? {}) as RequestState;
    if (!state.user) return null;
    const strategy = state.auth?.strategy?.name;
    const link =
      strategy === 'admin' ? 'adminUser' : strategy === 'users-permissions' ? 'user' : null;
    if (link === null) return null;
    return staffRepository(strapi).idLinkedTo(link, state.user.id);
  },
});

export default firstResponder;
