export { createTestDatabase, uniqueName, uniqueTopicPrefix } from './isolation';
export { freePort, testInfrastructure, TEST_ENV } from './test-infrastructure';
export type { TestInfrastructure } from './test-infrastructure';
export { produceRaw, readTopic } from './topic-reader';
export type { ReadRecord } from './topic-reader';
export { waitFor } from './wait-for';
export { serviceTestEnv } from './service-env';
export { hs256Token, TestIssuer, type TestIssuerOptions, type TokenFor, unsignedToken } from './test-issuer';
export { runServiceProcess } from './run-service-process';
