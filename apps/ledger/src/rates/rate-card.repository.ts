import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CountryRate } from './country-rate.entity';
import { DEFAULT_COUNTRY, RateCard } from './rate-card';

@Injectable()
export class RateCardRepository {
  // Read at the start of every batch that prices or announces balances; outside the identity map, so
  // a card replaced meanwhile is never served from an earlier read in the same transaction.
  async load(em: EntityManager): Promise<RateCard> {
    const rows = await em.find(CountryRate, {}, { disableIdentityMap: true });
    const card: RateCard = { defaultMillicreditsPerSegment: 1000, rates: {} };
    for (const row of rows) {
      if (row.country === DEFAULT_COUNTRY) {
        card.defaultMillicreditsPerSegment = row.millicreditsPerSegment;
      } else {
        card.rates[row.country] = row.millicreditsPerSegment;
      }
    }
    return card;
  }

  // The card is replaced as a whole, inside the caller's transaction.
  async replace(em: EntityManager, card: RateCard): Promise<void> {
    await em.nativeDelete(CountryRate, {});
    await em.insertMany(CountryRate, [
      { country: DEFAULT_COUNTRY, millicreditsPerSegment: card.defaultMillicreditsPerSegment },
      ...Object.entries(card.rates).map(([country, millicreditsPerSegment]) => ({
        country,
        millicreditsPerSegment,
      })),
    ]);
  }
}
