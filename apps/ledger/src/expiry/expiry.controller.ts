import { Body, Controller, HttpCode, Post, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuth, Roles } from '@sms/auth';
import { CLOCK, type Clock, TimeTravel } from '@sms/runtime';
import { RunExpiryDto } from './dto/run-expiry.dto';
import { ExpiryRunResult, ExpiryService } from './expiry.service';

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
  run(@Body() dto: RunExpiryDto): Promise<ExpiryRunResult> {
    return this.expiry.run(this.timeTravel.requested(dto.asOf) ?? this.clock.now());
  }
}
