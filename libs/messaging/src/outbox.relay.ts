import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { sqlIdentifier } from '@sms/persistence';
import { JobScheduler, type ScheduledJob, tryJobLock } from '@sms/scheduling';
import { KafkaConnection } from './kafka-connection';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { MessagingMetrics } from './messaging.metrics';
import { Outbox } from './outbox';
import { isTransientError } from './transient-error';

interface OutboxRow {
  id: string | number;
  topic: string;
  key: string;
  payload: string;
}

const BATCH = 1000;
const RETENTION = '1 day';
const PURGE_INTERVAL_MS = 60_000;

// Publishes outbox rows in id order (the order they were written), one batch per transaction. The
// batch's advisory lock lets one replica publish at a time; a crash between send and mark means a
// later duplicate, never a loss. Ids are not commit order: a row written before others but committed
// after them is still pending when they go out, and leaves with a later batch.
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly table: string;
  private readonly relay: ScheduledJob;

  constructor(
    private readonly orm: MikroORM,
    private readonly connection: KafkaConnection,
    private readonly metrics: MessagingMetrics,
    scheduler: JobScheduler,
    outbox: Outbox,
    @Inject(MESSAGING_OPTIONS) options: MessagingOptions,
  ) {
    this.table = `${sqlIdentifier(options.schema)}.outbox`;
    // The job is named after its table, the lock key the relay has always used, so replicas of older
    // and newer builds still exclude each other.
    this.relay = scheduler.register({
      name: this.table,
      intervalMs: options.outboxPollIntervalMs ?? 250,
      lockedBy: 'job',
      run: () => this.pass(),
    });
    scheduler.register({
      name: `${this.table}.purge`,
      intervalMs: PURGE_INTERVAL_MS,
      run: () => this.purge(),
    });
    outbox.onWritten(() => this.kick());
  }

  onApplicationBootstrap(): void {
    this.relay.trigger();
  }

  // Publishes now (or right after the pass in progress) instead of at the next poll.
  kick(): void {
    this.relay.trigger();
  }

  // Publishes until the outbox is empty; returns how many events went out.
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const sent = await this.publishBatch();
      total += sent;
      if (sent < BATCH) {
        return total;
      }
    }
  }

  private async pass(): Promise<void> {
    try {
      await this.drain();
    } catch (error) {
      const log = isTransientError(error) ? 'warn' : 'error';
      this.logger[log]({ message: 'outbox relay pass failed; will retry', error: (error as Error).message });
    }
  }

  private async purge(): Promise<void> {
    await this.orm.em
      .fork()
      .execute(`delete from ${this.table} where published_at < now() - interval '${RETENTION}'`);
  }

  private async publishBatch(): Promise<number> {
    const em = this.orm.em.fork();
    return em.transactional(async (tx) => {
      if (!(await tryJobLock(tx, this.table))) {
        return 0;
      }
      const rows = await tx.execute<OutboxRow[]>(
        `select o.id, o.topic, o.key, o.payload::text as payload from ${this.table} o
         where o.published_at is null order by o.id limit ?`,
        [BATCH],
      );
      this.metrics.outboxPending.set(rows.length);
      if (rows.length === 0) {
        return 0;
      }
      const producer = await this.connection.producer();
      await producer.sendBatch({
        acks: -1,
        topicMessages: groupConsecutiveByTopic(rows, (t) => this.connection.topic(t)),
      });
      // Exactly the rows sent: a row with a lower id whose transaction commits later is still pending.
      await tx.execute(
        `update ${this.table} set published_at = now()
         where id in (select jsonb_array_elements_text(?::jsonb)::bigint)`,
        [JSON.stringify(rows.map((row) => String(row.id)))],
      );
      for (const row of rows) {
        this.metrics.outboxPublished.inc({ topic: row.topic });
      }
      return rows.length;
    });
  }
}

function groupConsecutiveByTopic(rows: OutboxRow[], topicName: (topic: string) => string) {
  const groups: {
    topic: string;
    messages: { key: string; value: string; headers: Record<string, string> }[];
  }[] = [];
  for (const row of rows) {
    const topic = topicName(row.topic);
    let group = groups[groups.length - 1];
    if (!group || group.topic !== topic) {
      group = { topic, messages: [] };
      groups.push(group);
    }
    group.messages.push({ key: row.key, value: row.payload, headers: { 'outbox-id': String(row.id) } });
  }
  return groups;
}
