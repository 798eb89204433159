import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ACCOUNT_READERS, ApiAuth, Roles } from '@sms/auth';
import { ExpensiveRoute } from '@sms/runtime';
import { toWholeCredits } from '../shared/credit-units';
import { PriceListResponse, QuoteResponse } from './pricing-response.dto';
import { PricingService } from './pricing.service';
import { QuoteQueryDto } from './quote.dto';

@ApiTags('prices')
@ApiAuth()
@Controller()
export class PricingController {
  constructor(private readonly pricing: PricingService) {}

  @Get('price-lists/:currency')
  @Roles(...ACCOUNT_READERS)
  @ApiOperation({
    summary: 'Volume tiers (price per 1,000 credits in minor units), packs and purchase step (millicredits)',
  })
  @ApiOkResponse({ type: PriceListResponse })
  async priceList(@Param('currency') currency: string): Promise<PriceListResponse> {
    return PriceListResponse.of(await this.pricing.priceList(currency.toUpperCase()));
  }

  @Get('accounts/:accountId/quote')
  @Roles(...ACCOUNT_READERS)
  @ExpensiveRoute()
  @ApiOperation({ summary: "Price, tier and SMS per destination country, in the account's currency" })
  @ApiOkResponse({ type: QuoteResponse })
  async quote(@Param('accountId') accountId: string, @Query() query: QuoteQueryDto): Promise<QuoteResponse> {
    const quote = await this.pricing.quote({
      accountId,
      credits: query.amountMillicredits === undefined ? undefined : toWholeCredits(query.amountMillicredits),
      pack: query.pack,
      countries: query.countries?.split(','),
    });
    return QuoteResponse.of(quote);
  }
}
