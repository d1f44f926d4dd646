/**
 * Two projects: `unit` runs the pure domain rules in milliseconds; `integration` boots the real
 * Strapi app (compiled once in globalSetup) against a fresh database per test file.
 * TEST_DB=postgres runs the integration project on PostgreSQL instead of SQLite.
 */
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json' }];

module.exports = {
  testTimeout: 120000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': tsJest },
      testMatch: [
        '<rootDir>/plugins/minyi/server/src/**/*.test.ts',
        '<rootDir>/tests/unit/**/*.test.ts',
      ],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': tsJest },
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/helpers/global-setup.js',
      testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.tmp/'],
    },
    {
      displayName: 'browser',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': tsJest },
      testMatch: ['<rootDir>/tests/browser/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/helpers/browser-setup.js',
    },
  ],
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/plugins/minyi/dist/', '<rootDir>/.tmp/'],
};
