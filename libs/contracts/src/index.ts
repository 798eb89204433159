export { buildAsyncApiDocument } from './asyncapi';
export { CATALOGUE } from './catalogue';
export { decodeEvent, defineContract, describeIssues } from './contract';
export type { DecodeResult, EventContract, PayloadOf } from './contract';
export * from './events';
export { CREDIT_SCALE } from './fields';
export { deadLetterTopic, Topics } from './topics';
export type { Topic } from './topics';
export type * from './event-types';
