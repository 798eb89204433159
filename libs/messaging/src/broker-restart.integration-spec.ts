import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import request from 'supertest';
import { createTestDatabase, freePort, produceRaw, uniqueName, waitFor } from '@sms/testing';
import { KAFKA_ADMIN, saslFor, startKafka, stopKafka, type KafkaSasl } from '@sms/infra';
import { ProbeEvent, ProbePayload } from './fixtures/probe.contract';
import { startProbe } from './fixtures/start-probe';
import { KafkaBatchServer } from './kafka-batch.server';

jest.setTimeout(180_000);

// A broker of its own, so stopping it disturbs no other test.
describe(`${KafkaBatchServer.name} across a broker restart`, () => {
  let dataDir: string;
  let brokers: string;
  let sasl: KafkaSasl;
  let ports: { port: number; controllerPort: number };
  let app: INestApplication | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'broker-restart-'));
    ports = { port: await freePort(), controllerPort: await freePort() };
    const broker = await startKafka({ dataDir, ...ports, principals: [] });
    brokers = broker.brokers;
    sasl = saslFor(broker.credentials, KAFKA_ADMIN);
  });

  afterAll(async () => {
    await app?.close();
    await stopKafka({ dataDir });
    await rm(dataDir, { recursive: true, force: true });
  });

  const probe = (): ProbePayload => ({
    schemaVersion: 1,
    id: uniqueName('evt'),
    accountId: 'acc_1',
    amount: 1,
  });

  it('consumes again and reports ready by itself once the broker is back', async () => {
    const topicPrefix = `${uniqueName('restart')}.`;
    app = await startProbe({
      databaseUrl: await createTestDatabase('restart'),
      brokers,
      topicPrefix,
      sasl,
    });
    const applied = async () =>
      Number(
        (
          await app!
            .get(EntityManager)
            .fork()
            .execute<{ n: string }[]>('select count(*)::text as n from probe.applied')
        )[0].n,
      );
    const send = (events: ProbePayload[]) =>
      produceRaw({
        brokers,
        sasl,
        topic: `${topicPrefix}${ProbeEvent.topic}`,
        messages: events.map((e) => ({ key: e.accountId, value: JSON.stringify(e) })),
      });
    await send([probe()]);
    await waitFor(async () => (await applied()) === 1, { what: 'the first event applied' });

    await stopKafka({ dataDir });
    await new Promise((resolve) => setTimeout(resolve, 15_000));
    await startKafka({ dataDir, ...ports, principals: [] });
    await send([probe(), probe()]);

    await waitFor(async () => (await applied()) === 3, {
      what: 'events after the restart applied',
      timeoutMs: 90_000,
    });
    await waitFor(async () => (await request(app!.getHttpServer()).get('/health/ready')).status === 200, {
      what: 'ready again',
      timeoutMs: 60_000,
    });
  });
});
