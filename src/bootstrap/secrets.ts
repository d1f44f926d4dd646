/**
 * The app's secrets, with the development values `config/*.ts` and `.env.example` publish.
 * Anyone can read these values, so a production process running on one of them (or on none) is
 * open: a JWT signed with the development secret is accepted. Production therefore refuses to
 * start unless every secret is set and none is a development value; development starts with no
 * set-up and says once that it uses development secrets. No Strapi import: config files use it.
 */

/** The development value of each secret (what an unset variable falls back to outside production). */
export const DEVELOPMENT_SECRETS = {
  APP_KEYS: 'minyiDevKey1,minyiDevKey2',
  ADMIN_JWT_SECRET: 'minyi-dev-admin-jwt-secret',
  API_TOKEN_SALT: 'minyi-dev-api-token-salt',
  TRANSFER_TOKEN_SALT: 'minyi-dev-transfer-token-salt',
  ENCRYPTION_KEY: 'minyi-dev-encryption-key',
  JWT_SECRET: 'minyi-dev-users-permissions-jwt-secret',
  // Outside production the feedback key is derived from APP_KEYS (config/plugins.ts).
  MINYI_FEEDBACK_KEY: 'feedback:minyiDevKey1,minyiDevKey2',
} as const;

export type SecretName = keyof typeof DEVELOPMENT_SECRETS;
export const SECRET_NAMES = Object.keys(DEVELOPMENT_SECRETS) as SecretName[];

/** Other published development values that must not reach production when they are set. */
const PUBLISHED_PASSWORDS: Readonly<Record<string, string>> = {
  ADMIN_PASSWORD: 'Minyi-Admin-2026',
};

/** Every value that counts as "development": the defaults, their parts (APP_KEYS is a list) and the plugin's built-in key. */
const DEVELOPMENT_VALUES = new Set<string>([
  ...Object.values(DEVELOPMENT_SECRETS),
  ...DEVELOPMENT_SECRETS.APP_KEYS.split(','),
  'minyi-dev-feedback-key-change-me',
]);

export interface SecretProblem {
  readonly name: string;
  readonly problem: 'missing' | 'development-value';
}

type Env = Readonly<Record<string, string | undefined>>;

/** The secrets that are unset/empty or hold a published development value. */
export function secretProblems(env: Env): SecretProblem[] {
  const problems: SecretProblem[] = [];
  for (const name of SECRET_NAMES) {
    const value = (env[name] ?? '').trim();
    if (value === '') {
      problems.push({ name, problem: 'missing' });
      continue;
    }
    const parts = name === 'APP_KEYS' ? value.split(',').map((part) => part.trim()) : [value];
    if (
      parts.some((part) => part === '' || DEVELOPMENT_VALUES.has(part)) ||
      DEVELOPMENT_VALUES.has(value)
    )
      problems.push({ name, problem: 'development-value' });
  }
  for (const [name, published] of Object.entries(PUBLISHED_PASSWORDS)) {
    if ((env[name] ?? '').trim() === published)
      problems.push({ name, problem: 'development-value' });
  }
  return problems;
}

export function isProduction(env: Env): boolean {
  return env.NODE_ENV === 'production';
}

/** The refusal production prints, one line per secret. */
export function productionSecretsMessage(problems: readonly SecretProblem[]): string {
  const lines = problems.map(({ name, problem }) =>
    problem === 'missing'
      ? `  - ${name} is not set / 未设置`
      : `  - ${name} holds a published development value / 使用的是公开的开发默认值`
  );
  return [
    '[minyi] Refusing to start in production: these secrets must be set to your own random values',
    '(e.g. `openssl rand -base64 32`; APP_KEYS takes several, comma-separated; see .env.example).',
    '生产环境拒绝启动:以下密钥须设置为自己生成的随机值:',
    ...lines,
  ].join('\n');
}

/**
 * At start: throws the refusal in production when any secret is missing or a development value;
 * elsewhere returns the secrets on development values (for one warning), or none.
 */
export function checkSecrets(env: Env): SecretProblem[] {
  const problems = secretProblems(env);
  if (isProduction(env) && problems.length > 0) throw new Error(productionSecretsMessage(problems));
  return problems;
}
