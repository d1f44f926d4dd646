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

// Issue 14's shell boundary: only repositories (and migrations, database/ schema) name tables,
// reach knex or pick the Document Service. Every `npm run lint` (and so CI) checks it.
const TABLE_NAME =
  '/^(items|item_events|grids|departments|categories|notices|spot_checks|staffs|minyi_[a-z_]+|[a-z_]+_lnk)$/';
const boundaryRules = {
  'no-restricted-syntax': [
    'error',
    {
      selector: "MemberExpression[property.name='connection'][object.property.name='db']",
      message: 'knex belongs to repositories/ (issue 14): load and store through a repository.',
    },
    {
      selector: "CallExpression[callee.object.name='strapi'][callee.property.name='documents']",
      message: 'The Document Service belongs to repositories/ (issue 14).',
    },
    {
      selector: "CallExpression[callee.object.property.name='db'][callee.property.name='query']",
      message: 'The Query Engine belongs to repositories/ (issue 14).',
    },
    {
      // A service's registration name (minyiService(strapi, 'notices')) is not a table's, nor is
      // an input field's kind (the admin's picker of several departments, kind: 'departments'),
      // nor a literal type (the dashboard's source 'items').
      selector: `Literal[value=${TABLE_NAME}]:not(CallExpression[callee.name='minyiService'] > Literal):not(Property[key.name='kind'] > Literal):not(TSLiteralType > Literal)`,
      message: 'A table name belongs to repositories/ (issue 14), read from strapi.db.metadata.',
    },
  ],
};
const boundaries = [
  {
    files: ['plugins/minyi/server/src/**/*.ts', 'src/**/*.ts'],
    ignores: [
      '**/repositories/**',
      '**/database/**',
      '**/*.test.ts',
      '**/content-types/**',
      // The pure core names kinds (a sheet called grids), never tables.
      'plugins/minyi/server/src/domain/**',
    ],
    rules: boundaryRules,
  },
];

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
  },
  ...boundaries
);
