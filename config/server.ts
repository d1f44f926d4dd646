import type { Core } from '@strapi/strapi';
import { DEVELOPMENT_SECRETS } from '../src/bootstrap/secrets';

export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  logger: {
    config: { level: env('LOG_LEVEL', 'http') },
  },
  app: {
    keys: env.array('APP_KEYS', DEVELOPMENT_SECRETS.APP_KEYS.split(',')),
  },
});
