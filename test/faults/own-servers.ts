import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kafkaPrincipals } from '@sms/contracts';
import {
  createCatalogueTopics,
  freePort,
  startKafka,
  startPostgres,
  stopKafka,
  stopPostgres,
  topicPartitionsFrom,
  type KafkaCredentials,
} from '@sms/infra';
import type { Infra } from './support';

export type ServerName = 'kafka' | 'postgres';

const live = new Set<OwnServers>();
let signalsHooked = false;

// A PostgreSQL and a Kafka broker of the scenario's own, in a temporary directory on free ports, so a
// scenario can stop and start them without touching the shared dev servers other people use. Both
// are stopped and their directory removed by dispose(), also when the runner is interrupted.
export class OwnServers {
  private disposed = false;
  private kafkaCredentials?: KafkaCredentials;

  private constructor(
    readonly root: string,
    readonly postgres: { dataDir: string; port: number },
    readonly kafka: { dataDir: string; port: number; controllerPort: number },
  ) {}

  static async start(label: string): Promise<{ servers: OwnServers; seconds: number }> {
    const began = Date.now();
    const root = await mkdtemp(join(tmpdir(), `faults-${label}-`));
    const ports = new Set<number>();
    while (ports.size < 3) {
      ports.add(await freePort());
    }
    const [pgPort, kafkaPort, controllerPort] = [...ports];
    const servers = new OwnServers(
      root,
      { dataDir: join(root, 'postgres'), port: pgPort },
      { dataDir: join(root, 'kafka'), port: kafkaPort, controllerPort },
    );
    live.add(servers);
    hookSignals();
    try {
      await Promise.all([servers.startServer('postgres'), servers.startServer('kafka')]);
    } catch (error) {
      await servers.dispose();
      throw error;
    }
    return { servers, seconds: (Date.now() - began) / 1000 };
  }

  get infra(): Infra {
    return {
      databaseServerUrl: `postgres://postgres@127.0.0.1:${this.postgres.port}/postgres`,
      kafkaBrokers: `127.0.0.1:${this.kafka.port}`,
      kafkaCredentials: this.kafkaCredentials,
    };
  }

  // Starts the server again on the same data directory and port; resolves once it is usable.
  async startServer(name: ServerName): Promise<void> {
    if (name === 'kafka') {
      const broker = await startKafka({
        ...this.kafka,
        principals: kafkaPrincipals(),
        readyTimeoutMs: 120_000,
      });
      this.kafkaCredentials = broker.credentials;
    } else {
      await startPostgres({ ...this.postgres, fast: true });
    }
  }

  // A clean stop: SIGTERM for the broker (controlled shutdown), pg_ctl -m fast for PostgreSQL.
  async stopServer(name: ServerName): Promise<void> {
    if (name === 'kafka') {
      await stopKafka({ dataDir: this.kafka.dataDir });
    } else {
      await stopPostgres({ dataDir: this.postgres.dataDir });
    }
  }

  // Creates every topic (and the given services' dead-letter topics) under the prefix, with the
  // partitions the apps would give them, and waits until each partition has a leader. The apps then
  // find their topics in place at start: kafkajs's createTopics({ waitForLeaders }), which the apps call
  // for missing topics, can fail on a KRaft broker when the new topic's metadata is a moment late
  // ("This server does not host this topic-partition", tulios/kafkajs#815, #1563), and a fresh
  // broker makes that likely.
  async createTopics(prefix: string, services: string[]): Promise<{ topics: number; seconds: number }> {
    const began = Date.now();
    const { created } = await createCatalogueTopics({
      brokers: this.infra.kafkaBrokers,
      credentials: this.kafkaCredentials,
      topicPrefix: prefix,
      partitions: topicPartitionsFrom(),
      deadLetterServices: services,
    });
    return { topics: created, seconds: (Date.now() - began) / 1000 };
  }

  async dispose(): Promise<void> {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    const stops = await Promise.allSettled([this.stopServer('kafka'), this.stopServer('postgres')]);
    await rm(this.root, { recursive: true, force: true });
    live.delete(this);
    const failed = stops.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) {
      throw failed.reason;
    }
  }
}

// Ctrl-C or a kill of the runner still stops the servers (the broker runs detached and would
// otherwise outlive it) and removes their directories.
function hookSignals(): void {
  if (signalsHooked) {
    return;
  }
  signalsHooked = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: stopping the scenario's own servers…\n`);
      void Promise.allSettled([...live].map((s) => s.dispose())).then(() => process.exit(130));
    });
  }
}
