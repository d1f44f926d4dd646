export default () => ({
  type: 'admin',
  routes: [
    {
      method: 'GET',
      path: '/status',
      handler: 'status.describe',
      config: { policies: ['admin::isAuthenticatedAdmin'] },
    },
  ],
});
