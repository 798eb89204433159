// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

// Module boundaries: an app uses a lib only through its `@sms/*` alias (the lib's index.ts), never
// another app; a lib never reaches into apps/ or tools/.
const APPS = ['billing', 'console', 'identity', 'ledger', 'notifier'];
const TEST_FILES = ['**/*.spec.ts', '**/*.integration-spec.ts', '**/*.e2e-spec.ts', '**/*.browser-spec.ts'];

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

const libBoundaries = [
  { regex: '(^|/)(apps|tools)(/|$)', message: 'A lib never imports apps/ or tools/.' },
  { group: ['@sms/infra'], message: 'A lib never imports tools/ (@sms/infra is tools/infra).' },
];

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
  ...APPS.map((app) => ({
    files: [`apps/${app}/**/*.ts`, `apps/${app}/**/*.tsx`],
    rules: { 'no-restricted-imports': ['error', { patterns: appBoundaries(app) }] },
  })),
  {
    // This test signs a user in with an invitation the real notifier emails, so it boots the notifier
    // in-process; only that crossing is allowed, and only here.
    files: ['apps/identity/src/identity.integration-spec.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: throughLibAlias }] },
  },
  {
    files: ['libs/**/*.ts'],
    // The test harness (libs/testing) and tests start the local servers that tools/infra provides.
    ignores: ['libs/testing/**', ...TEST_FILES],
    rules: { 'no-restricted-imports': ['error', { patterns: libBoundaries }] },
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
