/**
 * The public and partner face of items (DESIGN §3 Interfaces). The file name sorts before
 * `item.ts`: Strapi registers an API's route files in name order, so `POST /items` here answers
 * before the core router's create, which stays reachable for nobody over REST.
 * Each route is a permission of the users-permissions Public role (granted on the first start,
 * src/bootstrap/public-api-permissions.ts) and of custom API tokens (Settings → API Tokens).
 */
export default {
  routes: [
    { method: 'POST', path: '/items', handler: 'public-item.submit', config: { policies: [] } },
    {
      method: 'GET',
      path: '/items/track/:trackingCode',
      handler: 'public-item.track',
      config: { policies: [] },
    },
    {
      method: 'GET',
      path: '/items/track/:trackingCode/feedback',
      handler: 'public-item.feedbackForm',
      config: { policies: [] },
    },
    {
      method: 'POST',
      path: '/items/track/:trackingCode/feedback',
      handler: 'public-item.feedback',
      config: { policies: [] },
    },
  ],
};
