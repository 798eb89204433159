import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, MicroserviceOptions, Payload, Transport } from '@nestjs/microservices';
import { logLevel } from 'kafkajs';
import type { Pool } from 'pg';
import { KAFKA_ADMIN, saslFor } from '@sms/infra';
import type { BenchInfra } from './bench-infra';

// The naive baseline the ledger must beat by a wide margin [PRODUCT: speed and scale]: a NestJS
// @EventPattern handler on Transport.KAFKA that debits in one transaction per message.
export async function startNaiveConsumer(options: {
  infra: BenchInfra;
  db: Pool;
  topic: string;
  group: string;
}): Promise<INestMicroservice> {
  const { db } = options;
  await db.query(`create schema bench_baseline`);
  await db.query(
    `create table bench_baseline.account (id text primary key, balance bigint not null default 0)`,
  );
  await db.query(`create table bench_baseline.charge (account_id text not null, message_id text not null,
    millicredits bigint not null, sent_at timestamptz not null, committed_at timestamptz not null default clock_timestamp(),
    primary key (account_id, message_id))`);

  @Controller()
  class NaiveSmsSentController {
    @EventPattern(options.topic)
    async handle(
      @Payload() sms: { messageId: string; accountId: string; segments: number; sentAt: string },
    ): Promise<void> {
      const client = await db.connect();
      try {
        await client.query('begin');
        const inserted = await client.query(
          `insert into bench_baseline.charge (message_id, account_id, millicredits, sent_at) values ($1, $2, $3, $4)
           on conflict do nothing returning message_id`,
          [sms.messageId, sms.accountId, sms.segments * 1000, sms.sentAt],
        );
        if (inserted.rowCount === 1) {
          await client.query(`update bench_baseline.account set balance = balance - $2 where id = $1`, [
            sms.accountId,
            sms.segments * 1000,
          ]);
        }
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw error;
      } finally {
        client.release();
      }
    }
  }

  @Module({ controllers: [NaiveSmsSentController] })
  class NaiveModule {}

  const app = await NestFactory.createMicroservice<MicroserviceOptions>(NaiveModule, {
    transport: Transport.KAFKA,
    options: {
      client: {
        clientId: 'bench-naive',
        brokers: options.infra.brokers.split(','),
        sasl: options.infra.credentials && saslFor(options.infra.credentials, KAFKA_ADMIN),
        logLevel: logLevel.NOTHING,
      },
      consumer: { groupId: options.group },
      subscribe: { fromBeginning: true },
    },
    logger: ['error'],
  });
  await app.listen();
  return app;
}
