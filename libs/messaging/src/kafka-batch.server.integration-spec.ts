import { INestApplication } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { deadLetterTopic } from '@sms/contracts';
import {
  createTestDatabase,
  createTestTopicPrefix,
  produceRaw,
  readTopic,
  runServiceProcess,
  testInfrastructure,
  testKafkaSasl,
  uniqueName,
  waitFor,
} from '@sms/testing';
import { type Consumer, Kafka, logLevel } from 'kafkajs';
import { replayDeadLetters } from './dead-letter-replay';
import { DLQ_HEADERS } from './dead-letter.publisher';
import { KafkaBatchServer } from './kafka-batch.server';
import {
  ProbeConcurrentEvent,
  ProbeEvent,
  ProbeOverlappingEvent,
  ProbePayload,
} from './fixtures/probe.contract';
import { ProbeBehaviour } from './fixtures/probe.handler';
import { startProbe } from './fixtures/start-probe';

jest.setTimeout(90_000);

const probe = (overrides: Partial<ProbePayload> = {}): ProbePayload => ({
  schemaVersion: 1,
  id: uniqueName('evt'),
  accountId: 'acc_1',
  amount: 1,
  ...overrides,
});

describe(KafkaBatchServer.name, () => {
  const { kafkaBrokers } = testInfrastructure();
  let databaseUrl: string;
  let topicPrefix: string;
  let app: INestApplication | undefined;

  const topic = () => `${topicPrefix}${ProbeEvent.topic}`;
  const send = (messages: { key?: string; value: string | null }[]) =>
    produceRaw({ brokers: kafkaBrokers, topic: topic(), messages });
  const sendProbes = (payloads: ProbePayload[]) =>
    send(payloads.map((p) => ({ key: p.accountId, value: JSON.stringify(p) })));
  const query = async <T extends object>(sql: string): Promise<T[]> =>
    app!.get(EntityManager).fork().execute<T[]>(sql);
  const appliedIds = async () =>
    (await query<{ id: string }>('select id from probe.applied order by id')).map((r) => r.id);

  beforeEach(async () => {
    databaseUrl = await createTestDatabase('messaging');
    topicPrefix = await createTestTopicPrefix('messaging');
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('hands produced events to the batch handler as a batch and commits them', async () => {
    const events = Array.from({ length: 20 }, () => probe());
    await sendProbes(events);
    app = await startProbe({ databaseUrl, brokers: kafkaBrokers, topicPrefix });

    await waitFor(async () => (await appliedIds()).length === 20, { what: '20 applied events' });
    const batches = app.get(ProbeBehaviour).batches;
    expect(batches.flat().sort()).toEqual(events.map((e) => e.id).sort());
    expect(batches.length).toBeLessThan(20);
  });

  // A probe app whose consumer has applied one event, and that consumer.
  async function consumingProbe(): Promise<Consumer> {
    app = await startProbe({ databaseUrl, brokers: kafkaBrokers, topicPrefix });
    await sendProbes([probe()]);
    await waitFor(async () => (await appliedIds()).length === 1, { what: 'the first event applied' });
    const [consumer] = app.get(KafkaBatchServer).unwrap<Consumer[]>();
    return consumer;
  }

  it('replaces a consumer that stopped without reporting a crash and consumes again', async () => {
    const consumer = await consumingProbe();
    // What a consumer left stopped looks like: out of its group, no crash event, nothing fetched.
    await consumer.stop();
    await sendProbes([probe()]);
    await waitFor(async () => (await appliedIds()).length === 2, {
      what: 'the event after the stop applied',
      timeoutMs: 60_000,
    });
  });

  it('replaces a consumer that was disconnected without being asked and consumes again', async () => {
    const consumer = await consumingProbe();
    await consumer.disconnect();
    await sendProbes([probe()]);
    await waitFor(async () => (await appliedIds()).length === 2, {
      what: 'the event after the disconnect applied',
      timeoutMs: 60_000,
    });
  });

  // Produces the events to one of the probe's topics and starts the probe with its first call on that
  // topic held at `gate`; `committed` reads the group's committed offset per partition.
  async function startHeldProbe(
    probeTopic: string,
    events: ProbePayload[],
    gate: 'firstOverlappingCallGate' | 'firstConcurrentCallGate',
  ) {
    const fullTopic = `${topicPrefix}${probeTopic}`;
    await produceRaw({
      brokers: kafkaBrokers,
      topic: fullTopic,
      messages: events.map((e) => ({ key: e.accountId, value: JSON.stringify(e) })),
    });
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    app = await startProbe({ databaseUrl, brokers: kafkaBrokers, topicPrefix, behaviour: { [gate]: held } });
    const admin = new Kafka({
      brokers: kafkaBrokers.split(','),
      sasl: testKafkaSasl(),
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    const committed = async (): Promise<Map<number, string>> =>
      new Map(
        (
          await admin.fetchOffsets({ groupId: `${topicPrefix}probe.${probeTopic}`, topics: [fullTopic] })
        )[0].partitions.map((p) => [p.partition, p.offset]),
      );
    return { behaviour: app.get(ProbeBehaviour), release, committed, admin };
  }

  it('overlaps at most maxInFlight chunks of a partition and commits their offsets only in order', async () => {
    const events = Array.from({ length: 40 }, () => probe());
    const { behaviour, release, committed, admin } = await startHeldProbe(
      ProbeOverlappingEvent.topic,
      events,
      'firstOverlappingCallGate',
    );
    try {
      // The second chunk commits its transaction while the first is held open; its offset must wait.
      await waitFor(async () => behaviour.overlappingCompleted.length === 1, {
        what: 'the second chunk applied while the first is held',
      });
      expect(behaviour.overlappingCompleted[0]).toEqual(events.slice(10, 20).map((e) => e.id));
      expect(behaviour.overlappingRunning).toBe(1);
      expect(behaviour.overlappingMostAtOnce).toBe(2);
      expect([...(await committed()).values()].every((offset) => offset === '-1')).toBe(true);

      release();
      await waitFor(async () => [...(await committed()).values()].includes('40'), {
        what: 'offset 40 committed',
      });
      expect(behaviour.overlappingCompleted.flat().sort()).toEqual(events.map((e) => e.id).sort());
      expect(behaviour.overlappingMostAtOnce).toBe(2);
    } finally {
      release();
      await admin.disconnect();
    }
  });

  it('handles batches of two partitions at once and commits each partition only after its own transaction', async () => {
    // Keyed over several accounts, so the events land on more than one of the topic's partitions.
    const events = Array.from({ length: 60 }, (_, i) => probe({ accountId: `acc_${i % 6}` }));
    const { behaviour, release, committed, admin } = await startHeldProbe(
      ProbeConcurrentEvent.topic,
      events,
      'firstConcurrentCallGate',
    );
    try {
      // Another partition's batch commits, offsets and all, while the first partition's is held open.
      await waitFor(
        async () => {
          const held = behaviour.heldConcurrentPartition;
          const offsets = await committed();
          return [...offsets].some(([partition, offset]) => partition !== held && offset !== '-1');
        },
        { what: "another partition's offsets committed while the first batch is held" },
      );
      const held = behaviour.heldConcurrentPartition as number;
      // Never more than two partitions at once, and nothing of the held partition finished.
      expect(behaviour.concurrentMostAtOnce).toBe(2);
      expect(behaviour.concurrentCompleted.every((c) => c.partition !== held)).toBe(true);
      expect((await committed()).get(held)).toBe('-1');

      release();
      await waitFor(async () => (await appliedIds()).length === 60, {
        what: 'all 60 events applied',
      });
      await waitFor(async () => (await committed()).get(held) !== '-1', {
        what: "the held partition's offset committed",
      });
      expect(behaviour.concurrentCompleted.flatMap((c) => c.ids).sort()).toEqual(
        events.map((e) => e.id).sort(),
      );
    } finally {
      release();
      await admin.disconnect();
    }
  });

  it('processes a message once when the handler fails transiently twice and then succeeds', async () => {
    app = await startProbe({ databaseUrl, brokers: kafkaBrokers, topicPrefix });
    app.get(ProbeBehaviour).transientFailuresLeft = 2;
    const event = probe();

    await sendProbes([event]);

    await waitFor(async () => (await appliedIds()).length === 1, { what: 'the event applied' });
    const deliveries = await query<{ n: string }>(`select count(*)::text as n from probe.deliveries`);
    expect(deliveries[0].n).toBe('3');
    expect(await appliedIds()).toEqual([event.id]);
    const dlq = await readTopic({
      brokers: kafkaBrokers,
      topic: `${topicPrefix}${deadLetterTopic('probe', ProbeEvent.topic)}`,
      count: 1,
      timeoutMs: 1500,
    });
    expect(dlq).toHaveLength(0);
  });

  it('dead-letters a malformed message with its reason and still processes the next one on the partition', async () => {
    app = await startProbe({ databaseUrl, brokers: kafkaBrokers, topicPrefix });
    const next = probe();

    await send([
      { key: 'acc_1', value: '{"schemaVersion":1,"id":' },
      { key: 'acc_1', value: JSON.stringify({ ...probe(), amount: 'lots' }) },
      { key: 'acc_1', value: JSON.stringify({ ...probe(), schemaVersion: 9 }) },
      { key: 'acc_1', value: JSON.stringify(next) },
    ]);

    await waitFor(async () => (await appliedIds()).includes(next.id), { what: 'the next message applied' });
    const dlq = await readTopic({
      brokers: kafkaBrokers,
      topic: `${topicPrefix}${deadLetterTopic('probe', ProbeEvent.topic)}`,
      count: 3,
    });
    const reasons = dlq.map((r) => r.headers[DLQ_HEADERS.reason]);
    expect(reasons[0]).toMatch(/^invalid JSON/);
    expect(reasons[1]).toMatch(/amount: .*number/i);
    expect(reasons[2]).toMatch(/unsupported schemaVersion 9/);
    expect(dlq[0].value).toBe('{"schemaVersion":1,"id":');
    expect(dlq[0].headers[DLQ_HEADERS.topic]).toBe(ProbeEvent.topic);
    expect(dlq[0].headers[DLQ_HEADERS.offset]).toMatch(/^\d+$/);
    expect(dlq[0].headers[DLQ_HEADERS.partition]).toMatch(/^\d+$/);
  });

  it('dead-letters a batch of oversized hostile messages larger than one broker request and keeps flowing', async () => {
    app = await startProbe({ databaseUrl, brokers: kafkaBrokers, topicPrefix });
    const hostile = { key: 'acc_1', value: `{"schemaVersion":1,"id":"${'x'.repeat(300_000)}` };
    for (let i = 0; i < 10; i++) {
      await send([hostile, hostile]);
    }
    const next = probe();
    await sendProbes([next]);

    await waitFor(async () => (await appliedIds()).includes(next.id), {
      what: 'the next message applied',
      timeoutMs: 30_000,
    });
    const dlq = await readTopic({
      brokers: kafkaBrokers,
      topic: `${topicPrefix}${deadLetterTopic('probe', ProbeEvent.topic)}`,
      count: 20,
    });
    expect(dlq).toHaveLength(20);
    expect(new Set(dlq.map((r) => r.headers[DLQ_HEADERS.reason].slice(0, 12)))).toEqual(
      new Set(['invalid JSON']),
    );
  });

  it('dead-letters only the event whose handler fails permanently and applies the rest of its batch', async () => {
    const good = [probe(), probe(), probe()];
    const poison = probe({ poison: true });
    await sendProbes([good[0], poison, good[1], good[2]]);
    app = await startProbe({ databaseUrl, brokers: kafkaBrokers, topicPrefix });

    await waitFor(async () => (await appliedIds()).length === 3, { what: 'three good events applied' });
    const dlq = await readTopic({
      brokers: kafkaBrokers,
      topic: `${topicPrefix}${deadLetterTopic('probe', ProbeEvent.topic)}`,
      count: 1,
    });
    expect(dlq).toHaveLength(1);
    expect(JSON.parse(dlq[0].value ?? '{}')).toMatchObject({ id: poison.id });
    expect(dlq[0].headers[DLQ_HEADERS.reason]).toContain('poison payload');
    expect(await appliedIds()).toEqual(good.map((e) => e.id).sort());
  });

  it('dead-letters an event the handler rejects, commits the rest, and processes it once when replayed', async () => {
    app = await startProbe({ databaseUrl, brokers: kafkaBrokers, topicPrefix });
    app.get(ProbeBehaviour).unknownAccounts.add('acc_unknown');
    const orphan = probe({ accountId: 'acc_unknown' });
    const known = probe();

    await sendProbes([orphan, known]);

    await waitFor(async () => (await appliedIds()).includes(known.id), { what: 'the known event applied' });
    const dlqTopic = `${topicPrefix}${deadLetterTopic('probe', ProbeEvent.topic)}`;
    const [letter] = await readTopic({ brokers: kafkaBrokers, topic: dlqTopic, count: 1 });
    expect(letter.headers[DLQ_HEADERS.reason]).toBe('unknown account acc_unknown');

    app.get(ProbeBehaviour).unknownAccounts.clear();
    const kafka = new Kafka({
      clientId: 'replay-test',
      brokers: kafkaBrokers.split(','),
      sasl: testKafkaSasl(),
      logLevel: logLevel.NOTHING,
    });
    expect(await replayDeadLetters(kafka, { dlqTopic, topicPrefix })).toBe(1);

    await waitFor(async () => (await appliedIds()).includes(orphan.id), {
      what: 'the replayed event applied',
    });
    expect((await appliedIds()).sort()).toEqual([orphan.id, known.id].sort());
  });

  it('does not apply a batch twice when the consumer is killed after its database commit but before its offset commit', async () => {
    const events = Array.from({ length: 5 }, () => probe());
    await sendProbes(events);
    const env = {
      ...process.env,
      PROBE_DATABASE_URL: databaseUrl,
      PROBE_BROKERS: kafkaBrokers,
      PROBE_TOPIC_PREFIX: topicPrefix,
    };

    const exit = await runServiceProcess({
      entry: 'libs/messaging/src/fixtures/probe-process.fixture.ts',
      env: { ...env, PROBE_CRASH_AFTER_COMMIT: '1' },
      timeoutMs: 60_000,
    });
    expect(exit.signal).toBe('SIGKILL');

    app = await startProbe({ databaseUrl, brokers: kafkaBrokers, topicPrefix });
    await waitFor(async () => app!.get(ProbeBehaviour).batches.flat().length >= 5, {
      what: 'the batch redelivered',
    });
    await waitFor(async () => {
      const [row] = await query<{ n: string }>('select count(*)::text as n from probe.deliveries');
      return Number(row.n) >= 10;
    });
    expect(await appliedIds()).toEqual(events.map((e) => e.id).sort());
  });
});
