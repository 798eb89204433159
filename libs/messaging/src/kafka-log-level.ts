import { logLevel } from 'kafkajs';

const RETRIABLE_BROKER_ANSWER =
  /coordinator is loading|group is rebalancing|not the correct coordinator|leader|coordinator is not available|does not host this topic-partition/i;

// kafkajs logs every failed response at error level, also the ones its caller handles: two services
// starting together both create the topics they share, and the slower one gets TOPIC_ALREADY_EXISTS,
// which kafkajs's admin treats as done. Any other topic creation failure still reaches the service
// as a thrown error (ensureTopics retries, then refuses to start), so the raw response is debug.
const ANSWER_HANDLED_BY_CALLER = /^Topic creation errors$/;

export type AppLogLevel = 'error' | 'warn' | 'debug';

// Where a kafkajs log line belongs in the service's log.
export function kafkaLogLevel(entry: { level: logLevel; error?: unknown }): AppLogLevel {
  const error = typeof entry.error === 'string' ? entry.error : undefined;
  if (error !== undefined && ANSWER_HANDLED_BY_CALLER.test(error)) {
    return 'debug';
  }
  // kafkajs logs the broker's retriable answers (a coordinator still loading, a rebalance in
  // progress) as errors while it retries them itself; they are warnings for an operator.
  const retriable = error !== undefined && RETRIABLE_BROKER_ANSWER.test(error);
  if ((entry.level === logLevel.ERROR || entry.level === logLevel.NOTHING) && !retriable) {
    return 'error';
  }
  if (entry.level === logLevel.WARN || retriable) {
    return 'warn';
  }
  return 'debug';
}
