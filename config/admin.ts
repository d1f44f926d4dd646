import type { Core } from '@strapi/strapi';
import { DEVELOPMENT_SECRETS as DEV } from '../src/bootstrap/secrets';

// Development values outside production only: production refuses to start on them (src/bootstrap/secrets.ts).

export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  auth: {
    secret: env('ADMIN_JWT_SECRET', DEV.ADMIN_JWT_SECRET),
  },
  apiToken: {
    salt: env('API_TOKEN_SALT', DEV.API_TOKEN_SALT),
  },
  transfer: {
    token: {
      salt: env('TRANSFER_TOKEN_SALT', DEV.TRANSFER_TOKEN_SALT),
    },
  },
  secrets: {
    encryptionKey: env('ENCRYPTION_KEY', DEV.ENCRYPTION_KEY),
  },
  flags: {
    nps: env.bool('FLAG_NPS', false),
    promoteEE: env.bool('FLAG_PROMOTE_EE', false),
  },
  // Telemetry and update checks reach outside the county network; off unless asked for.
  autoOpen: false,
  watchIgnoreFiles: ['**/tests/**', '**/bench/**', '**/.tmp/**'],
});
