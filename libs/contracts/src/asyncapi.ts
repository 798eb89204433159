import { z } from 'zod';
import { CATALOGUE } from './catalogue';
import { deadLetterTopic } from './topics';

const SERVICES = ['ledger', 'billing', 'notifier'] as const;

// The AsyncAPI document is generated from the same schemas the consumers validate with, and a test
// compares it with the committed copy, so the document cannot drift from the code.
export function buildAsyncApiDocument(): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};

  for (const contract of CATALOGUE) {
    const name = messageName(contract.topic);
    messages[name] = {
      name,
      title: contract.topic,
      summary: contract.summary,
      contentType: 'application/json',
      bindings: { kafka: { key: { type: 'string', description: 'account id (per-account order)' } } },
      payload: z.toJSONSchema(contract.schema, { unrepresentable: 'any' }),
      'x-schema-version': contract.version,
      'x-producers': contract.producers,
      'x-consumers': contract.consumers,
    };
    channels[name] = {
      address: contract.topic,
      messages: { [name]: { $ref: `#/components/messages/${name}` } },
    };
    for (const producer of contract.producers.filter(isService)) {
      operations[`${producer}.publish.${name}`] = {
        action: 'send',
        channel: { $ref: `#/channels/${name}` },
        summary: `${producer} publishes ${contract.topic} through its transactional outbox`,
      };
    }
    for (const consumer of contract.consumers.filter(isService)) {
      operations[`${consumer}.consume.${name}`] = {
        action: 'receive',
        channel: { $ref: `#/channels/${name}` },
        summary: `${consumer} consumes ${contract.topic} in batches; rejects go to ${deadLetterTopic(consumer, contract.topic)}`,
      };
    }
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'SMS credits platform events',
      version: '1.0.0',
      description:
        'Every payload carries schemaVersion; messages are keyed by account id. Dead-letter topics are named <group>.<topic>.dlq and carry the original message with dlq-* headers (reason, original topic, partition, offset).',
    },
    defaultContentType: 'application/json',
    servers: {
      local: { host: '127.0.0.1:19092', protocol: 'kafka', description: 'Local single-node broker' },
    },
    channels,
    operations,
    components: { messages },
  };
}

function isService(name: string): name is (typeof SERVICES)[number] {
  return (SERVICES as readonly string[]).includes(name);
}

function messageName(topic: string): string {
  return topic.replace(/[.-](\w)/g, (_, letter: string) => letter.toUpperCase());
}
