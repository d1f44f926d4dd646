export default () => ({
  type: 'content-api',
  routes: [
    {
      method: 'GET',
      path: '/health',
      handler: 'status.health',
      config: { auth: false, policies: [] },
    },
  ],
});
