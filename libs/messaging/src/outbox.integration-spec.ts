import { INestApplication } from '@nestjs/common';
import {
  createTestDatabase,
  createTestTopicPrefix,
  readTopic,
  testInfrastructure,
  uniqueName,
  waitFor,
} from '@sms/testing';
import { EntityManager } from '@mikro-orm/postgresql';
import { ProbeEvent, ProbePayload } from './fixtures/probe.contract';
import { ProbeHandler } from './fixtures/probe.handler';
import { startProbe } from './fixtures/start-probe';
import { Outbox } from './outbox';

jest.setTimeout(60_000);

describe(Outbox.name, () => {
  const { kafkaBrokers } = testInfrastructure();
  let app: INestApplication;
  let topicPrefix: string;

  beforeEach(async () => {
    topicPrefix = await createTestTopicPrefix('outbox');
    app = await startProbe({
      databaseUrl: await createTestDatabase('outbox'),
      brokers: kafkaBrokers,
      topicPrefix,
    });
  });

  afterEach(async () => {
    await app.close();
  });

  const payload = (): ProbePayload => ({
    schemaVersion: 1,
    id: uniqueName('out'),
    accountId: 'acc_out',
    amount: 7,
  });

  it('publishes an event whose transaction committed and never one whose transaction rolled back', async () => {
    const rolledBack = payload();
    const committed = payload();

    await app.get(ProbeHandler).recordAndAnnounce(rolledBack, false);
    await app.get(ProbeHandler).recordAndAnnounce(committed, true);

    const records = await readTopic({
      brokers: kafkaBrokers,
      topic: `${topicPrefix}${ProbeEvent.topic}`,
      count: 2,
      timeoutMs: 5000,
    });
    expect(records.map((r) => JSON.parse(r.value ?? '{}').id)).toEqual([committed.id]);
    expect(records[0].key).toBe('acc_out');
    const rows = await app
      .get(EntityManager)
      .fork()
      .execute<{ id: string }[]>(
        `select payload->>'id' as id from probe.outbox where published_at is not null`,
      );
    expect(rows.map((r) => r.id)).toEqual([committed.id]);
  });

  it('publishes events written while the broker connection was not yet used, in commit order', async () => {
    const events = Array.from({ length: 30 }, payload);
    for (const event of events) {
      await app.get(ProbeHandler).recordAndAnnounce(event, true);
    }
    const records = await waitFor(
      async () => {
        const read = await readTopic({
          brokers: kafkaBrokers,
          topic: `${topicPrefix}${ProbeEvent.topic}`,
          count: 30,
        });
        return read.length === 30 ? read : undefined;
      },
      { what: '30 published events', timeoutMs: 30_000 },
    );
    expect(records.map((r) => JSON.parse(r.value ?? '{}').id)).toEqual(events.map((e) => e.id));
  });

  it('refuses to write an event outside a transaction', async () => {
    const em = app.get(EntityManager).fork();
    await expect(app.get(Outbox).add(em, ProbeEvent, [payload()])).rejects.toThrow(/inside the transaction/);
  });
});
