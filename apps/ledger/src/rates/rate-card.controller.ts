import { BadRequestException, Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ACCOUNT_READERS, ApiAuth, Roles } from '@sms/auth';
import { RateCardResponse } from './dto/rate-card-response.dto';
import { RateCardDto } from './dto/rate-card.dto';
import { RateCardService } from './rate-card.service';

@ApiTags('rate card')
@ApiAuth()
@Controller('rate-card')
export class RateCardController {
  constructor(private readonly rateCards: RateCardService) {}

  @Get()
  @Roles('gateway', ...ACCOUNT_READERS)
  @ApiOperation({ summary: 'Millicredits per segment by destination country' })
  @ApiOkResponse({ type: RateCardResponse })
  get(): Promise<RateCardResponse> {
    return this.rateCards.get();
  }

  @Put()
  @Roles('operator')
  @ApiOperation({ summary: 'Replace the rate card (publishes rate-card.updated)' })
  @ApiOkResponse({ type: RateCardResponse })
  replace(@Body() dto: RateCardDto): Promise<RateCardResponse> {
    for (const [country, rate] of Object.entries(dto.rates)) {
      if (!/^[A-Z]{2}$/.test(country) || !Number.isInteger(rate) || rate < 1 || rate > 1e9) {
        throw new BadRequestException(`rates.${country} must be an ISO country with a positive integer rate`);
      }
    }
    return this.rateCards.replace({
      defaultMillicreditsPerSegment: dto.defaultMillicreditsPerSegment,
      rates: dto.rates,
    });
  }
}
