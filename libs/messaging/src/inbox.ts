import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sqlIdentifier } from '@sms/persistence';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';

// Remembers which events a consumer has applied, inside the consumer's own transaction: claiming a
// key that was already claimed returns nothing, so a redelivered event has no second effect.
@Injectable()
export class Inbox {
  private readonly table: string;

  constructor(@Inject(MESSAGING_OPTIONS) options: MessagingOptions) {
    this.table = `${sqlIdentifier(options.schema)}.inbox`;
  }

  async claim(em: EntityManager, consumer: string, keys: readonly string[]): Promise<Set<string>> {
    if (keys.length === 0) {
      return new Set();
    }
    const rows = await em.execute<{ key: string }[]>(
      `insert into ${this.table} (consumer, key)
       select ?, k from jsonb_array_elements_text(?::jsonb) as k
       on conflict do nothing returning key`,
      [consumer, JSON.stringify(keys)],
    );
    return new Set(rows.map((row) => row.key));
  }
}
