import { consumerGroup, Topics } from '@sms/contracts';
import { createTestTopicPrefix, testInfrastructure, testKafkaSasl } from '@sms/testing';
import { Kafka, logLevel, type SASLOptions } from 'kafkajs';

jest.setTimeout(90_000);

// The test broker runs like production: SASL/SCRAM on every listener, the KRaft ACL authorizer with
// nothing allowed unless granted, and the grants derived from the event catalogue.
describe('Kafka authentication and authorization', () => {
  const { kafkaBrokers } = testInfrastructure();
  let prefix: string;

  const client = (sasl?: SASLOptions) =>
    new Kafka({
      clientId: 'acl-test',
      brokers: kafkaBrokers.split(','),
      sasl,
      connectionTimeout: 3_000,
      retry: { retries: 0 },
      logLevel: logLevel.NOTHING,
    });
  const as = (principal: string) => client(testKafkaSasl(principal));
  const topic = (name: string) => `${prefix}${name}`;
  const event = (accountId: string) => ({ key: accountId, value: JSON.stringify({ accountId }) });

  async function publish(kafka: Kafka, name: string): Promise<void> {
    // Idempotent, as the services' outbox relay: authorization covers its producer id too.
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, retry: { retries: 1 } });
    await producer.connect();
    try {
      await producer.send({ topic: topic(name), acks: -1, messages: [event('acc_acl')] });
    } finally {
      await producer.disconnect();
    }
  }

  // Resolves with the first value read, rejects when the broker refuses the group or the topic.
  async function readFirst(kafka: Kafka, options: { group: string; topic: string }): Promise<string> {
    const consumer = kafka.consumer({ groupId: topic(options.group), maxWaitTimeInMs: 100 });
    await consumer.connect();
    try {
      return await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('nothing read within 30 s')), 30_000);
        consumer.on(consumer.events.CRASH, ({ payload }) => {
          clearTimeout(timer);
          reject(payload.error);
        });
        consumer
          .subscribe({ topic: topic(options.topic), fromBeginning: true })
          .then(() =>
            consumer.run({
              eachMessage: async ({ message }) => {
                clearTimeout(timer);
                resolve(message.value?.toString() ?? '');
              },
            }),
          )
          .catch((error: unknown) => {
            clearTimeout(timer);
            reject(error instanceof Error ? error : new Error(String(error)));
          });
      });
    } finally {
      await consumer.disconnect();
    }
  }

  beforeAll(async () => {
    prefix = await createTestTopicPrefix('acl');
    // The topics exist (created by the admin, as at set-up), so a refusal below is about access.
    const admin = as('admin').admin();
    await admin.connect();
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: [Topics.SmsSent, Topics.CreditsGranted, Topics.PaymentSucceeded, Topics.BalanceLow].map(
          (name) => ({ topic: topic(name), numPartitions: 1 }),
        ),
      });
    } finally {
      await admin.disconnect();
    }
    await publish(as('admin'), Topics.PaymentSucceeded);
  });

  it('refuses a client that does not authenticate', async () => {
    const admin = client().admin();
    await expect(admin.connect().then(() => admin.listTopics())).rejects.toThrow();
    await admin.disconnect();
  });

  it('refuses a principal with a wrong password', async () => {
    const admin = client({ mechanism: 'scram-sha-512', username: 'ledger', password: 'not-it' }).admin();
    await expect(admin.connect()).rejects.toThrow(/SASL SCRAM SHA512 authentication failed/);
    await admin.disconnect();
  });

  it('lets the gateway publish sms.sent but neither payment.succeeded nor credits.granted', async () => {
    await expect(publish(as('sms-gateway'), Topics.SmsSent)).resolves.toBeUndefined();
    await expect(publish(as('sms-gateway'), Topics.PaymentSucceeded)).rejects.toThrow(/Not authorized/);
    await expect(publish(as('sms-gateway'), Topics.CreditsGranted)).rejects.toThrow(/Not authorized/);
  });

  it('lets billing publish credits.granted and the ledger read sms.sent in its own group', async () => {
    await expect(publish(as('billing'), Topics.CreditsGranted)).resolves.toBeUndefined();
    await publish(as('sms-gateway'), Topics.SmsSent);
    await expect(
      readFirst(as('ledger'), { group: consumerGroup('ledger', Topics.SmsSent), topic: Topics.SmsSent }),
    ).resolves.toContain('acc_acl');
  });

  it("refuses a service writing another service's topics", async () => {
    await expect(publish(as('ledger'), Topics.CreditsGranted)).rejects.toThrow(/Not authorized/);
    await expect(publish(as('notifier'), Topics.PaymentSucceeded)).rejects.toThrow(/Not authorized/);
    await expect(publish(as('billing'), Topics.SmsSent)).rejects.toThrow(/Not authorized/);
    await expect(publish(as('billing'), Topics.BalanceLow)).rejects.toThrow(/Not authorized/);
  });

  it('refuses a service reading a topic it does not consume, even through a group of its own', async () => {
    // The notifier's group for credits.granted is its own; payment.succeeded is billing's to read.
    await expect(
      readFirst(as('notifier'), {
        group: consumerGroup('notifier', Topics.CreditsGranted),
        topic: Topics.PaymentSucceeded,
      }),
    ).rejects.toThrow(/Not authorized to access topics/);
  });

  // kafkajs reports the broker's GROUP_AUTHORIZATION_FAILED on FindCoordinator as not finding one.
  it("refuses a service joining another service's consumer group", async () => {
    await expect(
      readFirst(as('notifier'), {
        group: consumerGroup('ledger', Topics.CreditsGranted),
        topic: Topics.CreditsGranted,
      }),
    ).rejects.toThrow(/Not authorized to access group|Failed to find group coordinator/);
  });
});
