import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ACCOUNT_READERS, ApiAuth, BILLING_MANAGERS, Roles } from '@sms/auth';
import { MonitorLevelsDto } from './dto/monitor-levels.dto';
import { MonitorResponse } from './dto/monitor-response.dto';
import { MonitorsService } from './monitors.service';

@ApiTags('monitors')
@ApiAuth()
@Controller('accounts/:accountId/monitors')
export class MonitorsController {
  constructor(private readonly monitors: MonitorsService) {}

  @Get()
  @Roles(...ACCOUNT_READERS)
  @ApiOkResponse({ type: [MonitorResponse] })
  list(@Param('accountId') accountId: string): Promise<MonitorResponse[]> {
    return this.monitors.list(accountId);
  }

  @Put()
  @Roles(...BILLING_MANAGERS, 'operator')
  @ApiOperation({ summary: 'Replace the balance levels watched for one purpose' })
  @ApiOkResponse({ type: [MonitorResponse] })
  replace(@Param('accountId') accountId: string, @Body() dto: MonitorLevelsDto): Promise<MonitorResponse[]> {
    return this.monitors.replace({ accountId, purpose: dto.purpose, levels: dto.levelsMillicredits });
  }
}
