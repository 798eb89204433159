import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { jsonRows } from '@sms/persistence';
import { DEFAULT_COUNTRY, RateCard } from './rate-card';

@Injectable()
export class RateCardRepository {
  async load(em: EntityManager): Promise<RateCard> {
    const rows = await em.execute<{ country: string; rate: number }[]>(
      `select country, millicredits_per_segment::bigint as rate from ledger.rate_card`,
    );
    const card: RateCard = { defaultMillicreditsPerSegment: 1000, rates: {} };
    for (const row of rows) {
      if (row.country === DEFAULT_COUNTRY) {
        card.defaultMillicreditsPerSegment = row.rate;
      } else {
        card.rates[row.country] = row.rate;
      }
    }
    return card;
  }

  async replace(em: EntityManager, card: RateCard): Promise<void> {
    const rows = [
      { country: DEFAULT_COUNTRY, rate: card.defaultMillicreditsPerSegment },
      ...Object.entries(card.rates).map(([country, rate]) => ({ country, rate })),
    ];
    await em.execute(`delete from ledger.rate_card`);
    await em.execute(
      `insert into ledger.rate_card (country, millicredits_per_segment)
       select r.country, r.rate from jsonb_to_recordset(?::jsonb) as r(country text, rate bigint)`,
      [jsonRows(rows)],
    );
  }
}
