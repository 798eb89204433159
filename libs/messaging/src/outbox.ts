import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { describeIssues, EventContract } from '@sms/contracts';
import { afterCommit, jsonRows, sqlIdentifier } from '@sms/persistence';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';

export class OutboxMisuseError extends Error {}

// Events leave in the same database transaction as the change that caused them: written here, and
// published afterwards by the OutboxRelay. Nothing is announced that did not happen, and nothing that
// happened goes unannounced.
@Injectable()
export class Outbox {
  private readonly table: string;
  private readonly listeners = new Set<() => void>();

  constructor(@Inject(MESSAGING_OPTIONS) options: MessagingOptions) {
    this.table = `${sqlIdentifier(options.schema)}.outbox`;
  }

  async add<T>(em: EntityManager, contract: EventContract<T>, payloads: readonly T[]): Promise<void> {
    if (payloads.length === 0) {
      return;
    }
    if (!em.isInTransaction()) {
      throw new OutboxMisuseError(
        `Outbox.add(${contract.topic}) must run inside the transaction that makes the change`,
      );
    }
    const rows = payloads.map((payload) => {
      const checked = contract.schema.safeParse(payload);
      if (!checked.success) {
        throw new OutboxMisuseError(
          `Refusing to publish an invalid ${contract.topic}: ${describeIssues(checked.error)}`,
        );
      }
      return { topic: contract.topic, key: contract.key(checked.data), payload: checked.data };
    });
    await em.execute(
      `insert into ${this.table} (topic, key, payload)
       select r.topic, r.key, r.payload from jsonb_to_recordset(?::jsonb) as r(topic text, key text, payload jsonb)`,
      [jsonRows(rows)],
    );
    // Inside a UnitOfWork the relay is woken once the events are committed; elsewhere it finds them
    // at its next poll.
    afterCommit(em, this.written);
  }

  // The relay listens here to publish as soon as a transaction that wrote events has committed.
  onWritten(listener: () => void): void {
    this.listeners.add(listener);
  }

  private readonly written = (): void => {
    for (const listener of this.listeners) {
      listener();
    }
  };
}
