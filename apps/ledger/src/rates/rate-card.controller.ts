import { BadRequestException, Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ACCOUNT_READERS, ApiAuth, Roles } from '@sms/auth';
import { RateCardDto } from './dto/rate-card.dto';
import { RateCard } from './rate-card';
import { RateCardService } from './rate-card.service';

@ApiTags('rate card')
@ApiAuth()
@Controller('rate-card')
export class RateCardController {
  constructor(private readonly rateCards: RateCardService) {}

  @Get()
  @Roles('gateway', ...ACCOUNT_READERS)
  @ApiOperation({ summary: 'Millicredits per segment by destination country' })
  get(): Promise<RateCard> {
    return this.rateCards.get();
  }

  @Put()
  @Roles('operator')
  @ApiOperation({ summary: 'Replace the rate card (publishes rate-card.updated)' })
  replace(@Body() dto: RateCardDto): Promise<RateCard> {
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
