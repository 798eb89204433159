import { createTestTopicPrefix, testInfrastructure, testKafkaSasl } from '@sms/testing';
import { Kafka, logLevel } from 'kafkajs';
import { readTopicToEnd } from './topic-end-reader';

jest.setTimeout(60_000);

describe(readTopicToEnd.name, () => {
  const { kafkaBrokers } = testInfrastructure();
  const kafka = new Kafka({
    clientId: 'topic-end-reader-test',
    brokers: kafkaBrokers.split(','),
    sasl: testKafkaSasl(),
    logLevel: logLevel.NOTHING,
  });

  const createTopic = async (partitions: number): Promise<string> => {
    const topic = `${await createTestTopicPrefix('end-reader')}probe`;
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
    } finally {
      await admin.disconnect();
    }
    return topic;
  };

  const send = async (topic: string, messages: { partition: number; value: string }[]): Promise<void> => {
    const producer = kafka.producer();
    await producer.connect();
    try {
      await producer.send({
        topic,
        acks: -1,
        messages: messages.map((m) => ({ ...m, key: `k${m.partition}`, headers: { h: 'v' } })),
      });
    } finally {
      await producer.disconnect();
    }
  };

  it('returns every record of every partition in partition and offset order, and stops at the end', async () => {
    const topic = await createTopic(2);
    await send(topic, [
      { partition: 1, value: 'b0' },
      { partition: 0, value: 'a0' },
      { partition: 1, value: 'b1' },
      { partition: 0, value: 'a1' },
    ]);

    const records = await readTopicToEnd(kafka, { topic, groupPrefix: 'end-reader-test', timeoutMs: 20_000 });

    expect(records.map((r) => [r.partition, r.offset, r.key, r.value?.toString(), r.headers])).toEqual([
      [0, '0', 'k0', 'a0', { h: 'v' }],
      [0, '1', 'k0', 'a1', { h: 'v' }],
      [1, '0', 'k1', 'b0', { h: 'v' }],
      [1, '1', 'k1', 'b1', { h: 'v' }],
    ]);
  });

  it('returns nothing at once for a topic that holds no record', async () => {
    const topic = await createTopic(3);

    await expect(
      readTopicToEnd(kafka, { topic, groupPrefix: 'end-reader-test', timeoutMs: 1000 }),
    ).resolves.toEqual([]);
  });
});
