import { Kafka, logLevel } from 'kafkajs';
import type { Pool } from 'pg';
import { saslFor, KAFKA_ADMIN } from '@sms/infra';
import type { BenchInfra } from './bench-infra';
import { say, ticker } from './progress';

// What this machine can do at best for the two halves of charging, measured in the same run as the
// ledger: kafkajs reading and parsing the same messages with nothing else to do, and PostgreSQL
// inserting the same rows into a table of the same shape (same keys and indexes) with nothing else
// in the transaction. The ledger cannot beat the lower of the two.

export async function consumeOnly(options: {
  infra: BenchInfra;
  topic: string;
  expected: number;
  group: string;
}): Promise<{ eventsPerSec: number; seconds: number }> {
  const kafka = new Kafka({
    clientId: 'bench-limit',
    brokers: options.infra.brokers.split(','),
    sasl: options.infra.credentials && saslFor(options.infra.credentials, KAFKA_ADMIN),
    logLevel: logLevel.NOTHING,
  });
  // The ledger's fetch settings, so the comparison is like for like.
  const consumer = kafka.consumer({
    groupId: options.group,
    maxBytesPerPartition: 4 * 1024 * 1024,
    maxWaitTimeInMs: 100,
  });
  await consumer.connect();
  await consumer.subscribe({ topic: options.topic, fromBeginning: true });
  let seen = 0;
  let first = 0;
  let last = 0;
  let checksum = 0;
  const stop = ticker('consume-only', () => `${seen}/${options.expected} read`);
  await new Promise<void>((resolve, reject) => {
    consumer
      .run({
        autoCommit: false,
        eachBatch: async ({ batch }) => {
          first ||= Date.now();
          for (const message of batch.messages) {
            // Parsed like the ledger parses them (schema checks aside): the JSON has to be read.
            const parsed = JSON.parse(message.value!.toString()) as { segments: number };
            checksum += parsed.segments;
          }
          seen += batch.messages.length;
          last = Date.now();
          if (seen >= options.expected) {
            resolve();
          }
          return Promise.resolve();
        },
      })
      .catch(reject);
  });
  stop();
  await consumer.disconnect();
  if (checksum === 0) {
    throw new Error('consume-only read no segments');
  }
  const seconds = (last - first) / 1000;
  return { eventsPerSec: Math.round(seen / seconds), seconds };
}

// The ledger's charge rows, inserted with the ledger's statement shape (unnest of one array per
// column, on conflict on the idempotency key) in chunks of the ledger's batch size, two transactions
// in flight as the ledger has.
export async function insertOnly(options: {
  db: Pool;
  count: number;
  accounts: readonly string[];
  chunk: number;
}): Promise<{ eventsPerSec: number; seconds: number }> {
  await options.db.query(`create schema if not exists bench_limit`);
  await options.db.query(`drop table if exists bench_limit.charge`);
  await options.db.query(`create table bench_limit.charge (like ledger.charge including all)`);
  const chunks: number[] = [];
  for (let i = 0; i < options.count; i += options.chunk) {
    chunks.push(i);
  }
  let inserted = 0;
  const stop = ticker('insert-only', () => `${inserted}/${options.count} rows`);
  const began = Date.now();
  const worker = async (): Promise<void> => {
    for (let start = chunks.shift(); start !== undefined; start = chunks.shift()) {
      const n = Math.min(options.chunk, options.count - start);
      const ids: string[] = [];
      const accounts: string[] = [];
      const segments: number[] = [];
      const sentAt: string[] = [];
      const now = new Date().toISOString();
      for (let j = start; j < start + n; j++) {
        ids.push(`limit-${j}`);
        accounts.push(options.accounts[j % options.accounts.length]);
        segments.push(1 + (j % 3));
        sentAt.push(now);
      }
      const client = await options.db.connect();
      try {
        await client.query('begin');
        await client.query(
          `insert into bench_limit.charge (message_id, account_id, list_id, campaign_id, hold_id, to_number, country,
             segments, rate_millicredits, millicredits, sent_at)
           select m, a, null, 'bench', null, '+393471234567', 'IT', s, 1000, s * 1000, t
           from unnest($1::text[], $2::text[], $3::int[], $4::timestamptz[]) as r(m, a, s, t)
           on conflict (account_id, message_id) do nothing`,
          [ids, accounts, segments, sentAt],
        );
        await client.query('commit');
      } finally {
        client.release();
      }
      inserted += n;
    }
  };
  await Promise.all([worker(), worker()]);
  stop();
  const seconds = (Date.now() - began) / 1000;
  say(`insert-only: ${options.count} rows in ${seconds.toFixed(1)} s`);
  return { eventsPerSec: Math.round(options.count / seconds), seconds };
}
