// Path aliases mirror tsconfig.json so tests import libs exactly as the apps do.
const moduleNameMapper = {
  '^@sms/(.*)$': '<rootDir>/libs/$1/src',
};

const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
};

const base = {
  rootDir: __dirname,
  moduleFileExtensions: ['ts', 'js', 'json'],
  testEnvironment: 'node',
  transform,
  moduleNameMapper,
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};

// Integration and end-to-end tests share one throwaway PostgreSQL server and one Kafka broker per run,
// started by the global setup (or taken from DATABASE_URL / KAFKA_BROKERS when set).
const withInfrastructure = {
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
};

/** @type {import('jest').Config} */
const config = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,tools,test}/**/*.spec.ts'] },
    {
      ...base,
      ...withInfrastructure,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,tools,test}/**/*.integration-spec.ts'],
      slowTestThreshold: 30,
    },
    {
      ...base,
      ...withInfrastructure,
      displayName: 'e2e',
      testMatch: ['<rootDir>/{apps,libs,tools,test}/**/*.e2e-spec.ts'],
      slowTestThreshold: 120,
    },
    {
      // The web console in Debian's Chromium against the whole system.
      ...base,
      ...withInfrastructure,
      displayName: 'browser',
      testMatch: ['<rootDir>/{apps,libs,tools,test}/**/*.browser-spec.ts'],
      slowTestThreshold: 180,
    },
  ],
};

module.exports = config;
