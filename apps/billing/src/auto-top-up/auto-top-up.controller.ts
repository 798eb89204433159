import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ACCOUNT_READERS, ApiAuth, BILLING_MANAGERS, Roles } from '@sms/auth';
import { PutAutoTopUpDto } from './auto-top-up.dto';
import type { AutoTopUpSettings, AutoTopUpView } from './auto-top-up-state';
import { AutoTopUpService } from './auto-top-up.service';

@ApiTags('auto top-up')
@ApiAuth()
@Controller('accounts/:accountId/auto-top-up')
export class AutoTopUpController {
  constructor(private readonly autoTopUp: AutoTopUpService) {}

  @Get()
  @Roles(...ACCOUNT_READERS)
  @ApiOperation({
    summary:
      'Auto top-up settings and state (armed, in_flight, limit_reached); off with nothing chosen before the first save',
  })
  get(@Param('accountId') accountId: string): Promise<AutoTopUpView> {
    return this.autoTopUp.get(accountId);
  }

  @Put()
  @Roles(...BILLING_MANAGERS)
  @ApiOperation({
    summary: 'Turn auto top-up on or off and set threshold, amount, card and the 30-day recharge limit',
  })
  put(@Param('accountId') accountId: string, @Body() dto: PutAutoTopUpDto): Promise<AutoTopUpSettings> {
    return this.autoTopUp.put(accountId, dto);
  }
}
