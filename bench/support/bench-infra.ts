import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kafkaPrincipals } from '@sms/contracts';
import { freePort } from '@sms/testing';
import {
  grantKafkaAccess,
  localKafkaCredentials,
  startKafka,
  startPostgres,
  stopKafka,
  stopPostgres,
  type KafkaCredentials,
} from '@sms/infra';

export interface BenchInfra {
  adminUrl: string;
  brokers: string;
  // Absent for a given broker without SASL.
  credentials?: KafkaCredentials;
}

// Uses DATABASE_URL / KAFKA_BROKERS when set; otherwise starts a throwaway PostgreSQL (with the stack's
// durable settings: fsync and synchronous_commit on) and Kafka, stopped and removed by stop().
export class BenchServers {
  private readonly dir: string;
  private postgres = false;
  private kafka = false;

  constructor(run: string) {
    this.dir = join(tmpdir(), `sms-bench-${run}`);
  }

  async start(topicPrefix: string): Promise<BenchInfra> {
    let adminUrl = process.env.DATABASE_URL;
    if (adminUrl === undefined) {
      this.postgres = true;
      adminUrl = (await startPostgres({ dataDir: join(this.dir, 'pg'), port: await freePort() })).url;
    }
    let brokers = process.env.KAFKA_BROKERS;
    let credentials: KafkaCredentials | undefined;
    if (brokers === undefined) {
      this.kafka = true;
      const broker = await startKafka({
        dataDir: join(this.dir, 'kafka'),
        port: await freePort(),
        controllerPort: await freePort(),
        principals: kafkaPrincipals(),
      });
      brokers = broker.brokers;
      credentials = broker.credentials;
    } else {
      credentials = await localKafkaCredentials();
    }
    if (credentials !== undefined) {
      await grantKafkaAccess({ brokers, credentials, topicPrefix });
    }
    return { adminUrl, brokers, credentials };
  }

  async stop(): Promise<void> {
    if (this.kafka) {
      await stopKafka({ dataDir: join(this.dir, 'kafka') });
    }
    if (this.postgres) {
      await stopPostgres({ dataDir: join(this.dir, 'pg') });
    }
    if (this.kafka || this.postgres) {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}
