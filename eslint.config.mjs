// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

// Module boundaries: an app uses a lib only through its `@sms/*` alias (the lib's index.ts), never
// another app; a lib never reaches into apps/ or tools/; production code never uses test support.
const APPS = ['billing', 'console', 'identity', 'ledger', 'notifier'];
const TEST_FILES = ['**/*.spec.ts', '**/*.integration-spec.ts', '**/*.e2e-spec.ts', '**/*.browser-spec.ts'];
// Test doubles that a lib's own tests boot (a probe service), kept beside the lib's specs.
const TEST_SUPPORT_FILES = [...TEST_FILES, '**/fixtures/**'];

const throughLibAlias = [
  { regex: '(^|/)libs/', message: 'Import a lib through its @sms/* alias, not by path.' },
  {
    regex: '^@sms/[^/]+/.',
    message: 'Import a lib through its @sms/* alias (its index.ts), not a file inside it.',
  },
];

function appBoundaries(app) {
  const others = APPS.filter((other) => other !== app).join('|');
  return [
    ...throughLibAlias,
    {
      regex: `(^|/)apps/|^(\\.\\./)+(${others})/`,
      message: `An app never imports another app: move what ${app} shares into a lib.`,
    },
  ];
}

// Test support lives beside the code it tests but outside src (apps/<app>/test, libs/testing), so the
// build never ships it; an app's src holds no `testing` folder.
const noTestingFolder = {
  regex: '^\\.{1,2}/(.*/)?testing(/|$)',
  message: "Test support lives in the app's test/ folder, not in src/testing.",
};
const noTestSupport = [
  {
    group: ['@sms/testing', '@sms/infra'],
    message: 'Production code never uses the test harness or the local servers (@sms/testing, @sms/infra).',
  },
  {
    regex: '^(\\.\\./)+(test|testing)(/|$)|^(\\.\\./)+[^.][^/]*/test(/|$)',
    message: "Production code never imports test support (an app's test/ folder).",
  },
  noTestingFolder,
];

const libBoundaries = [{ regex: '(^|/)(apps|tools)(/|$)', message: 'A lib never imports apps/ or tools/.' }];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.local/**', '*.config.js', 'eslint.config.mjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      eqeqeq: ['error', 'always'],
      curly: ['error', 'all'],
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
    },
  },
  ...APPS.flatMap((app) => [
    {
      files: [`apps/${app}/**/*.ts`, `apps/${app}/**/*.tsx`],
      rules: { 'no-restricted-imports': ['error', { patterns: appBoundaries(app) }] },
    },
    {
      files: [`apps/${app}/src/**/*.ts`, `apps/${app}/src/**/*.tsx`],
      rules: { 'no-restricted-imports': ['error', { patterns: [...appBoundaries(app), noTestingFolder] }] },
    },
    {
      files: [`apps/${app}/src/**/*.ts`, `apps/${app}/src/**/*.tsx`],
      ignores: TEST_SUPPORT_FILES,
      rules: { 'no-restricted-imports': ['error', { patterns: [...appBoundaries(app), ...noTestSupport] }] },
    },
  ]),
  {
    files: ['libs/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: libBoundaries }] },
  },
  {
    files: ['libs/*/src/**/*.ts'],
    // libs/testing is the test harness; libs/infra starts the local servers the harness and the tools use.
    ignores: ['libs/testing/**', 'libs/infra/**', ...TEST_SUPPORT_FILES],
    rules: { 'no-restricted-imports': ['error', { patterns: [...libBoundaries, ...noTestSupport] }] },
  },
  {
    // Command-line tools talk to a person on the terminal.
    files: ['tools/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // Tests read loosely typed HTTP bodies and Kafka payloads by design.
    files: [
      '**/*.spec.ts',
      '**/*.integration-spec.ts',
      '**/*.e2e-spec.ts',
      'libs/testing/**',
      '**/fixtures/**',
    ],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
