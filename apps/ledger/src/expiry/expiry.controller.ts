import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuth, Roles } from '@sms/auth';
import { CLOCK, type Clock, TimeTravel } from '@sms/runtime';
import { ExpiryRunResponse } from './dto/expiry-run-response.dto';
import { RunExpiryDto } from './dto/run-expiry.dto';
import { ExpiryService } from './expiry.service';

@ApiTags('operator')
@ApiAuth()
@Controller('operator/expiry')
export class ExpiryController {
  constructor(
    private readonly expiry: ExpiryService,
    private readonly timeTravel: TimeTravel,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('run')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({ summary: 'Run the expiry job now (expire due lots, send expiry warnings)' })
  @ApiOkResponse({ type: ExpiryRunResponse })
  run(@Body() dto: RunExpiryDto): Promise<ExpiryRunResponse> {
    return this.expiry.run(this.timeTravel.requested(dto.asOf) ?? this.clock.now());
  }
}
