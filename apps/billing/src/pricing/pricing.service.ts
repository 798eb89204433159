import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { UnitOfWork } from '@sms/persistence';
import { BillingProfilesService } from '../profiles/billing-profiles.service';
import type { PriceList } from '../price-lists/price-list';
import { PriceListRepository } from '../price-lists/price-list.repository';
import { SmsEstimate, smsPerCountry } from './rate-card';
import { RateCardRepository } from './rate-card.repository';
import { InvalidQuantityError, priceCredits } from './tier-pricing';

export interface PricedPurchase {
  currency: string;
  credits: number;
  amountMinor: number;
  tier: { minCredits: number; maxCredits: number | null; pricePer1000Minor: number } | null;
  pack: string | null;
  purchaseStep: number;
}

export interface Quote extends PricedPurchase {
  homeCountry: string;
  smsPerCountry: SmsEstimate[];
  rateCardSource: 'default' | 'ledger';
}

@Injectable()
export class PricingService {
  constructor(
    private readonly transactions: UnitOfWork,
    private readonly priceLists: PriceListRepository,
    private readonly rateCards: RateCardRepository,
    private readonly profiles: BillingProfilesService,
  ) {}

  async priceList(currency: string): Promise<PriceList> {
    const list = await this.transactions.run((tx) => this.priceLists.find(tx, currency));
    if (list === null) {
      throw new NotFoundException(`No price list in ${currency}`);
    }
    return list;
  }

  async quote(input: {
    accountId: string;
    credits?: number;
    pack?: string;
    countries?: string[];
  }): Promise<Quote> {
    return this.transactions.run(async (tx) => {
      const profile = await this.profiles.require(tx, input.accountId);
      const priced = await this.price(tx, {
        currency: profile.currency,
        credits: input.credits,
        pack: input.pack,
      });
      const card = await this.rateCards.current(tx);
      const countries = input.countries ?? [...new Set([profile.country, ...Object.keys(card.rates).sort()])];
      return {
        ...priced,
        homeCountry: profile.country,
        smsPerCountry: smsPerCountry(card, priced.credits, countries),
        rateCardSource: card.source,
      };
    });
  }

  // Prices a quantity or a pack in a currency; throws 400 with the rule that was broken.
  async price(
    tx: EntityManager,
    input: { currency: string; credits?: number; pack?: string },
  ): Promise<PricedPurchase> {
    const list = await this.priceLists.find(tx, input.currency);
    if (list === null) {
      throw new BadRequestException(`No price list in ${input.currency}`);
    }
    if ((input.credits === undefined) === (input.pack === undefined)) {
      throw new BadRequestException('Give exactly one of amountMillicredits or pack');
    }
    if (input.pack !== undefined) {
      const pack = list.packs.find((p) => p.code === input.pack);
      if (pack === undefined) {
        throw new BadRequestException(`Unknown pack ${input.pack} in ${input.currency}`);
      }
      return {
        currency: list.currency,
        credits: pack.credits,
        amountMinor: pack.priceMinor,
        tier: null,
        pack: pack.code,
        purchaseStep: list.purchaseStep,
      };
    }
    try {
      const price = priceCredits(list, input.credits as number);
      return {
        currency: list.currency,
        credits: price.credits,
        amountMinor: price.amountMinor,
        tier: price.tier,
        pack: null,
        purchaseStep: list.purchaseStep,
      };
    } catch (error) {
      if (error instanceof InvalidQuantityError) {
        throw new BadRequestException(`amountMillicredits ${error.message}`);
      }
      throw error;
    }
  }
}
