// ESLint for the whole repository: @eslint/js and typescript-eslint's recommended rules, without
// type information so that a run takes seconds on a shared machine (`npm run typecheck` is the type
// check). Run by `npm run lint` and by `.ci/run` as a failing step.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The globals of the CommonJS scripts (bench/, scripts/, tests/helpers/*.js, the migration). In
// TypeScript files the compiler checks names, so typescript-eslint turns `no-undef` off there.
const nodeGlobals = Object.fromEntries(
  [
    'require',
    'module',
    'exports',
    '__dirname',
    '__filename',
    'process',
    'console',
    'Buffer',
    'URL',
    'URLSearchParams',
    'fetch',
    'AbortController',
    'TextEncoder',
    'TextDecoder',
    'structuredClone',
    'performance',
    'queueMicrotask',
    'globalThis',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'setImmediate',
    'clearImmediate',
  ].map((name) => [name, 'readonly'])
);

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'build/**',
      '.tmp/**',
      '.strapi/**',
      'coverage/**',
      'public/**',
      'types/generated/**',
      'bench/results/**',
      'tests/artifacts/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // A leading underscore marks a parameter an interface requires but this function does not
      // read; a rest sibling is how an object is copied without one of its fields.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: nodeGlobals },
    rules: {
      // CommonJS files load their modules with require(); that is their module system, not a lapse.
      '@typescript-eslint/no-require-imports': 'off',
    },
  }
);
