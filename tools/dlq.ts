import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { DLQ_HEADERS, readDeadLetters, replayDeadLetters } from '@sms/messaging';
import { KAFKA_ADMIN } from '@sms/infra';
import { toolKafkaConfig } from './infra/kafka-client';

// `npm run dlq -- list <dlq-topic>` shows what a dead-letter topic holds and why;
// `npm run dlq -- replay <dlq-topic> [--offset P:O ...]` sends those messages back to their topic.
// Both need the broker's admin: a replay from here writes topics that belong to other principals. The
// services' own /ops/dead-letters routes (the console's Operator page) re-process records in-process
// instead, with no write access beyond their own.
const usage =
  'usage: npm run dlq -- list|replay <service>.<topic>.dlq [--offset partition:offset ...] [--prefix P]';

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { offset: { type: 'string', multiple: true }, prefix: { type: 'string', default: '' } },
  });
  const [command, topic] = positionals;
  if (!topic || (command !== 'list' && command !== 'replay')) {
    console.error(usage);
    process.exit(2);
  }
  const connection = await toolKafkaConfig({ tool: 'dlq', principal: KAFKA_ADMIN });
  const kafka = new Kafka({
    clientId: 'dlq-tool',
    brokers: connection.brokers,
    ...connection.security,
    logLevel: logLevel.ERROR,
  });
  const dlqTopic = `${values.prefix}${topic}`;
  if (command === 'list') {
    for (const record of await readDeadLetters(kafka, dlqTopic)) {
      const from = `${record.headers[DLQ_HEADERS.topic]} ${record.headers[DLQ_HEADERS.partition]}:${record.headers[DLQ_HEADERS.offset]}`;
      console.log(
        `${record.partition}:${record.offset}  from ${from}  ${record.headers[DLQ_HEADERS.reason]}`,
      );
      console.log(`    ${(record.value?.toString() ?? 'null').slice(0, 300)}`);
    }
    return;
  }
  const only = new Set(values.offset ?? []);
  const replayed = await replayDeadLetters(kafka, {
    dlqTopic,
    topicPrefix: values.prefix,
    filter: only.size > 0 ? (r) => only.has(`${r.partition}:${r.offset}`) : undefined,
  });
  console.log(`replayed ${replayed} message(s) from ${dlqTopic}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
