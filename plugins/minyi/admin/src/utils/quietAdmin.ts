/**
 * What Strapi shows every new browser that county staff do not need, switched off where Strapi
 * keeps the switch in localStorage (Strapi 5.54 has no admin setting for either):
 * - the guided tour: the admin config's `tutorials: false` is read but no longer used, and the
 *   tour's provider is only off under NODE_ENV=test; it starts disabled when its stored state says so.
 * - the "new Media Library" banner: dismissed per project (the key carries the project's uuid from
 *   /admin/init, `false` when the app has none) and per media-library flag.
 * A user can still start the tour from the profile page.
 */
const GUIDED_TOUR_KEY = 'STRAPI_GUIDED_TOUR';
const MEDIA_BANNER_KEY = 'STRAPI_MEDIA_LIBRARY_BANNER_DISMISSED_FOR_';

function setOnce(key: string, value: unknown): void {
  if (window.localStorage.getItem(key) === null) {
    window.localStorage.setItem(key, JSON.stringify(value));
  }
}

function dismissMediaBanner(projectUuid: string): void {
  for (const legacy of ['true', 'false'])
    setOnce(`${MEDIA_BANNER_KEY}${legacy}:${projectUuid}`, true);
}

export function quietAdmin(backendURL: string | undefined): void {
  try {
    setOnce(GUIDED_TOUR_KEY, { enabled: false, hidden: false, completedActions: [] });
    // Before /admin/init has answered the key ends in "undefined"; without a uuid in "false".
    dismissMediaBanner('undefined');
    dismissMediaBanner('false');
    void fetch(`${backendURL ?? ''}/admin/init`)
      .then((response) => response.json() as Promise<{ data?: { uuid?: string | false } }>)
      .then(({ data }) => dismissMediaBanner(String(data?.uuid ?? false)))
      .catch(() => undefined);
  } catch {
    // Storage refused (private mode, quota): the tour and banner show, nothing else is affected.
  }
}
