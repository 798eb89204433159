export { createTestDatabase, uniqueName } from './isolation';
export { createTestTopicPrefix, testKafkaSasl } from './kafka-access';
export { freePort, testInfrastructure, TEST_ENV } from './test-infrastructure';
export type { TestInfrastructure } from './test-infrastructure';
export { produceRaw, readTopic } from './topic-reader';
export type { ReadRecord } from './topic-reader';
export { waitFor } from './wait-for';
export { serviceTestEnv, TEST_JWT_SECRET } from './service-env';
export { runServiceProcess } from './run-service-process';
