import type { ItemChannel } from './partner-channel';
import type { StaffRole } from './vocabulary';

/**
 * 登记民意 (首问负责制): which channels a staff member may record an item under, the first being
 * the preset for their unit. Website and Open311 are the public channels of systems, never typed in.
 */
export const INTAKE_CHANNELS: Readonly<Record<StaffRole, readonly ItemChannel[]>> = {
  instructor: ['grid-worker', 'door-to-door'],
  'grid-head': ['grid-worker', 'door-to-door'],
  'grid-member': ['grid-worker', 'door-to-door'],
  'neighbour-head': ['grid-worker', 'door-to-door'],
  volunteer: ['grid-worker', 'door-to-door'],
  'township-officer': ['door-to-door', 'grid-worker', 'opinion-hotline', 'mayor-hotline'],
  liaison: ['department', 'deputy-station', 'cppcc-cloud', 'social-organisation'],
  'county-coordinator': [
    'opinion-hotline',
    'mayor-hotline',
    'door-to-door',
    'grid-worker',
    'department',
    'deputy-station',
    'cppcc-cloud',
    'social-organisation',
  ],
  leader: [],
};

/** Possible duplicates are looked for this far back. */
export const DUPLICATE_WINDOW_DAYS = 30;
