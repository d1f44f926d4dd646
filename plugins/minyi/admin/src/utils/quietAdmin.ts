/**
 * Strapi's guided tour greets every new browser on the home page. Strapi 5.54 has no setting for
 * it (the admin config's `tutorials: false` is read but no longer used; the tour's provider is
 * only off under NODE_ENV=test), but it keeps its state in localStorage under this key and starts
 * disabled when the stored state says so. So a browser that has no tour state yet starts with the
 * tour off; a user can still start it from the profile page.
 */
const GUIDED_TOUR_KEY = 'STRAPI_GUIDED_TOUR';

export function turnOffGuidedTour(): void {
  try {
    if (window.localStorage.getItem(GUIDED_TOUR_KEY) === null) {
      window.localStorage.setItem(
        GUIDED_TOUR_KEY,
        JSON.stringify({ enabled: false, hidden: false, completedActions: [] })
      );
    }
  } catch {
    // Storage refused (private mode, quota): the tour shows, nothing else is affected.
  }
}
