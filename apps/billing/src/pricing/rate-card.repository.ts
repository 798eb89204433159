import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DEFAULT_RATE_CARD, RateCard } from './rate-card';

@Injectable()
export class RateCardRepository {
  async current(em: EntityManager): Promise<RateCard> {
    const [row] = await em.execute<
      {
        default_millicredits_per_segment: number;
        rates: Record<string, number>;
        source: 'default' | 'ledger';
        occurred_at: Date | null;
      }[]
    >(
      'select default_millicredits_per_segment, rates, source, occurred_at from billing.rate_card where id = 1',
    );
    if (row === undefined) {
      return DEFAULT_RATE_CARD;
    }
    return {
      defaultMillicreditsPerSegment: row.default_millicredits_per_segment,
      rates: row.rates,
      source: row.source,
      occurredAt: row.occurred_at === null ? null : new Date(row.occurred_at).toISOString(),
    };
  }

  // Keeps the newest card: a redelivered or reordered older event never overwrites a newer one.
  async replaceIfNewer(
    em: EntityManager,
    card: { defaultMillicreditsPerSegment: number; rates: Record<string, number>; occurredAt: string },
  ): Promise<void> {
    await em.execute(
      `insert into billing.rate_card (id, default_millicredits_per_segment, rates, source, occurred_at)
       values (1, ?, ?::jsonb, 'ledger', ?)
       on conflict (id) do update set
         default_millicredits_per_segment = excluded.default_millicredits_per_segment,
         rates = excluded.rates, source = 'ledger', occurred_at = excluded.occurred_at, updated_at = now()
       where billing.rate_card.occurred_at is null or billing.rate_card.occurred_at <= excluded.occurred_at`,
      [card.defaultMillicreditsPerSegment, JSON.stringify(card.rates), card.occurredAt],
    );
  }
}
