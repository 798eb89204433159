import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  BeforeApplicationShutdown,
} from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { sqlIdentifier } from '@sms/persistence';
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

// Publishes outbox rows in commit order. An advisory lock lets one replica publish at a time, which
// keeps per-account order; a crash between send and mark means a later duplicate, never a loss.
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly table: string;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private lastPurge = 0;

  constructor(
    private readonly orm: MikroORM,
    private readonly connection: KafkaConnection,
    private readonly metrics: MessagingMetrics,
    outbox: Outbox,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {
    this.table = `${sqlIdentifier(options.schema)}.outbox`;
    outbox.onWritten(() => this.kick());
  }

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  // Before shutdown rather than on it: the ORM closes its pool on shutdown, and a pass started after
  // that would wait for a connection that never comes.
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  kick(): void {
    if (this.running) {
      this.again = true;
    } else {
      this.schedule(0);
    }
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

  private schedule(delay: number): void {
    if (this.stopped) {
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.pass().finally(() => {
        this.running = undefined;
        const next = this.again ? 0 : (this.options.outboxPollIntervalMs ?? 250);
        this.again = false;
        this.schedule(next);
      });
    }, delay);
  }

  private async pass(): Promise<void> {
    try {
      await this.drain();
      if (Date.now() - this.lastPurge > 60_000) {
        this.lastPurge = Date.now();
        await this.orm.em
          .fork()
          .execute(`delete from ${this.table} where published_at < now() - interval '${RETENTION}'`);
      }
    } catch (error) {
      const log = isTransientError(error) ? 'warn' : 'error';
      this.logger[log]({ message: 'outbox relay pass failed; will retry', error: (error as Error).message });
    }
  }

  private async publishBatch(): Promise<number> {
    const em = this.orm.em.fork();
    return em.transactional(async (tx) => {
      const [lock] = await tx.execute<{ locked: boolean }[]>(
        'select pg_try_advisory_xact_lock(hashtext(?)) as locked',
        [this.table],
      );
      if (!lock.locked) {
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
