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
});
