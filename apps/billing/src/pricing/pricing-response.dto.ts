import { ApiProperty } from '@nestjs/swagger';
import { toMillicredits } from '../shared/credit-units';
import type { Quote } from './pricing.service';
import type { SmsEstimate } from './rate-card';
import type { PriceList } from '../price-lists/price-list';

export class PriceTierResponse {
  @ApiProperty({ example: 10_000_000, description: 'Smallest purchase priced at this tier, in millicredits' })
  minMillicredits!: number;
  @ApiProperty({ example: 450, description: 'Price of 1,000 credits at this tier, in minor units' })
  pricePer1000Minor!: number;
}

export class PricePackResponse {
  @ApiProperty({ example: 'starter' }) code!: string;
  @ApiProperty({ example: 10_000_000, description: 'Credits in the pack, in millicredits' })
  amountMillicredits!: number;
  @ApiProperty({ example: 4500, description: 'Price of the pack in minor units' }) priceMinor!: number;
}

export class PriceListResponse {
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ example: 10_000_000, description: 'Quantities are multiples of this, in millicredits' })
  purchaseStepMillicredits!: number;
  @ApiProperty({ example: 10_000_000, description: 'Smallest purchase, in millicredits' })
  minMillicredits!: number;
  @ApiProperty({ type: [PriceTierResponse] }) tiers!: PriceTierResponse[];
  @ApiProperty({ type: [PricePackResponse] }) packs!: PricePackResponse[];

  static of(list: PriceList): PriceListResponse {
    return Object.assign(new PriceListResponse(), {
      currency: list.currency,
      purchaseStepMillicredits: toMillicredits(list.purchaseStep),
      minMillicredits: toMillicredits(list.minCredits),
      tiers: list.tiers.map((tier) => ({
        minMillicredits: toMillicredits(tier.minCredits),
        pricePer1000Minor: tier.pricePer1000Minor,
      })),
      packs: list.packs.map((pack) => ({
        code: pack.code,
        amountMillicredits: toMillicredits(pack.credits),
        priceMinor: pack.priceMinor,
      })),
    });
  }
}

export class QuoteTierResponse {
  @ApiProperty({ description: 'In millicredits' }) minMillicredits!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'In millicredits; null: no upper bound' })
  maxMillicredits!: number | null;
  @ApiProperty({ description: 'Price of 1,000 credits at this tier, in minor units' })
  pricePer1000Minor!: number;
}

export class SmsEstimateResponse {
  @ApiProperty({ example: 'IT' }) country!: string;
  @ApiProperty({ example: 1000, description: 'What one segment to the country costs' })
  millicreditsPerSegment!: number;
  @ApiProperty({ description: 'Single-segment SMS the purchase pays for' }) sms!: number;
}

export class QuoteResponse {
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ example: 100_000_000, description: 'Credits quoted, in millicredits (whole credits)' })
  amountMillicredits!: number;
  @ApiProperty({ example: 45_000, description: 'Price in minor units' }) amountMinor!: number;
  @ApiProperty({ type: QuoteTierResponse, nullable: true, description: 'null for a pack' })
  tier!: QuoteTierResponse | null;
  @ApiProperty({ type: String, nullable: true }) pack!: string | null;
  @ApiProperty({ description: 'Quantities are multiples of this, in millicredits' })
  purchaseStepMillicredits!: number;
  @ApiProperty({ example: 'IT' }) homeCountry!: string;
  @ApiProperty({ type: [SmsEstimateResponse] }) smsPerCountry!: SmsEstimate[];
  @ApiProperty({
    enum: ['default', 'ledger'],
    description: "default: the ledger's rate card has not arrived yet",
  })
  rateCardSource!: 'default' | 'ledger';

  static of(quote: Quote): QuoteResponse {
    return Object.assign(new QuoteResponse(), {
      currency: quote.currency,
      amountMillicredits: toMillicredits(quote.credits),
      amountMinor: quote.amountMinor,
      tier:
        quote.tier === null
          ? null
          : {
              minMillicredits: toMillicredits(quote.tier.minCredits),
              maxMillicredits: quote.tier.maxCredits === null ? null : toMillicredits(quote.tier.maxCredits),
              pricePer1000Minor: quote.tier.pricePer1000Minor,
            },
      pack: quote.pack,
      purchaseStepMillicredits: toMillicredits(quote.purchaseStep),
      homeCountry: quote.homeCountry,
      smsPerCountry: quote.smsPerCountry,
      rateCardSource: quote.rateCardSource,
    });
  }
}
