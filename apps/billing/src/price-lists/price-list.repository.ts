import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { readBigint } from '@sms/persistence';
import type { PriceList } from './price-list';

// Billing's data access is hand-written SQL throughout: state changes are conditional updates and
// row locks whose exact statements matter more than an identity map.
@Injectable()
export class PriceListRepository {
  async find(em: EntityManager, currency: string): Promise<PriceList | null> {
    const [list] = await em.execute<{ purchase_step: string; min_credits: string }[]>(
      'select purchase_step, min_credits from billing.price_list where currency = ?',
      [currency],
    );
    if (list === undefined) {
      return null;
    }
    const tiers = await em.execute<{ min_credits: string; price_per_1000_minor: string }[]>(
      'select min_credits, price_per_1000_minor from billing.price_tier where currency = ? order by min_credits',
      [currency],
    );
    const packs = await em.execute<{ code: string; credits: string; price_minor: string }[]>(
      'select code, credits, price_minor from billing.price_pack where currency = ? order by credits',
      [currency],
    );
    return {
      currency,
      purchaseStep: readBigint(list.purchase_step),
      minCredits: readBigint(list.min_credits),
      tiers: tiers.map((t) => ({
        minCredits: readBigint(t.min_credits),
        pricePer1000Minor: readBigint(t.price_per_1000_minor),
      })),
      packs: packs.map((p) => ({
        code: p.code,
        credits: readBigint(p.credits),
        priceMinor: readBigint(p.price_minor),
      })),
    };
  }

  async currencies(em: EntityManager): Promise<string[]> {
    const rows = await em.execute<{ currency: string }[]>(
      'select currency from billing.price_list order by currency',
    );
    return rows.map((row) => row.currency);
  }
}
