import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ACCOUNT_READERS, ApiAuth, Roles } from '@sms/auth';
import { ExpensiveRoute } from '@sms/runtime';
import { QuoteQueryDto } from './quote.dto';
import { PricingService, Quote } from './pricing.service';
import type { PriceList } from '../price-lists/price-list';

@ApiTags('prices')
@ApiAuth()
@Controller()
export class PricingController {
  constructor(private readonly pricing: PricingService) {}

  @Get('price-lists/:currency')
  @Roles(...ACCOUNT_READERS)
  @ApiOperation({ summary: 'Volume tiers (price per 1,000 credits in minor units), packs and purchase step' })
  priceList(@Param('currency') currency: string): Promise<PriceList> {
    return this.pricing.priceList(currency.toUpperCase());
  }

  @Get('accounts/:accountId/quote')
  @Roles(...ACCOUNT_READERS)
  @ExpensiveRoute()
  @ApiOperation({ summary: "Price, tier and SMS per destination country, in the account's currency" })
  quote(@Param('accountId') accountId: string, @Query() query: QuoteQueryDto): Promise<Quote> {
    return this.pricing.quote({
      accountId,
      credits: query.credits,
      pack: query.pack,
      countries: query.countries?.split(','),
    });
  }
}
