import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ACCOUNT_READERS, ApiAuth, BILLING_MANAGERS, Roles } from '@sms/auth';
import { MonitorLevelsDto } from './dto/monitor-levels.dto';
import { Monitor } from './monitor.entity';
import { MonitorsService } from './monitors.service';

@ApiTags('monitors')
@ApiAuth()
@Controller('accounts/:accountId/monitors')
export class MonitorsController {
  constructor(private readonly monitors: MonitorsService) {}

  @Get()
  @Roles(...ACCOUNT_READERS)
  list(@Param('accountId') accountId: string): Promise<Monitor[]> {
    return this.monitors.list(accountId);
  }

  @Put()
  @Roles(...BILLING_MANAGERS, 'operator')
  @ApiOperation({ summary: 'Replace the balance levels watched for one purpose' })
  replace(@Param('accountId') accountId: string, @Body() dto: MonitorLevelsDto): Promise<Monitor[]> {
    return this.monitors.replace({ accountId, purpose: dto.purpose, levels: dto.levelsMillicredits });
  }
}
