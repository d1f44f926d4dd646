import { requirePermissions } from './policies';

/**
 * The settings page (Settings → 民意直通车): reading needs settingsRead, every change
 * settingsUpdate; the calendar status is read by the dashboard (dashboardRead).
 * Fixed paths come before /settings/:section.
 */
export default [
  {
    method: 'GET',
    path: '/settings/calendar-status',
    handler: 'settings.calendarStatus',
    config: requirePermissions('dashboardRead'),
  },
  {
    method: 'GET',
    path: '/settings/categories',
    handler: 'settings.categories',
    config: requirePermissions('settingsRead'),
  },
  {
    method: 'PUT',
    path: '/settings/categories/:documentId',
    handler: 'settings.updateCategory',
    config: requirePermissions('settingsRead', 'settingsUpdate'),
  },
  {
    method: 'GET',
    path: '/settings/changes',
    handler: 'settings.changes',
    config: requirePermissions('settingsRead'),
  },
  {
    method: 'GET',
    path: '/settings',
    handler: 'settings.overview',
    config: requirePermissions('settingsRead'),
  },
  {
    method: 'PUT',
    path: '/settings/:section',
    handler: 'settings.update',
    config: requirePermissions('settingsRead', 'settingsUpdate'),
  },
  {
    method: 'DELETE',
    path: '/settings/:section',
    handler: 'settings.reset',
    config: requirePermissions('settingsRead', 'settingsUpdate'),
  },
];
