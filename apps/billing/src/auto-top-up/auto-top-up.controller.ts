import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ACCOUNT_READERS, ApiAuth, BILLING_MANAGERS, Roles } from '@sms/auth';
import { PutAutoTopUpDto } from './auto-top-up.dto';
import { AutoTopUpResponse } from './auto-top-up-response.dto';
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
  @ApiOkResponse({ type: AutoTopUpResponse })
  async get(@Param('accountId') accountId: string): Promise<AutoTopUpResponse> {
    return AutoTopUpResponse.of(await this.autoTopUp.get(accountId));
  }

  @Put()
  @Roles(...BILLING_MANAGERS)
  @ApiOperation({
    summary: 'Turn auto top-up on or off and set threshold, amount, card and the 30-day recharge limit',
  })
  @ApiOkResponse({ type: AutoTopUpResponse })
  async put(@Param('accountId') accountId: string, @Body() dto: PutAutoTopUpDto): Promise<AutoTopUpResponse> {
    return AutoTopUpResponse.of(await this.autoTopUp.put(accountId, dto));
  }
}
