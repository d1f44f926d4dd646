import type { Core } from '@strapi/strapi';

export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  minyi: {
    enabled: true,
    resolve: './plugins/minyi',
    config: {
      timezone: env('MINYI_TIMEZONE', 'Asia/Shanghai'),
    },
  },
  'users-permissions': {
    config: {
      jwtSecret: env('JWT_SECRET', 'minyi-dev-users-permissions-jwt-secret'),
    },
  },
  // BENCH_CONTROL=true (set only by `npm run bench`, bench/run.js) loads the benchmark's control
  // content type, a plain core route with no project logic (bench/control-plugin). Unset, as in
  // every real deployment, it is not registered and does not appear in the admin.
  ...(env.bool('BENCH_CONTROL', false)
    ? { 'bench-control': { enabled: true, resolve: './bench/control-plugin' } }
    : {}),
});
