import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuth, Roles } from '@sms/auth';
import { TimeTravel } from '@sms/runtime';
import { DailyReminderJob } from './daily-reminder.job';
import { ReminderRunView, RunRemindersInput } from './run-reminders.dto';

@ApiTags('operations')
@ApiAuth()
@Controller('operations/daily-reminders')
export class RemindersController {
  constructor(
    private readonly job: DailyReminderJob,
    private readonly timeTravel: TimeTravel,
  ) {}

  @Post('run')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({ summary: 'Run the daily low-balance reminder job now (optionally as of a given instant)' })
  @ApiOkResponse({ type: ReminderRunView })
  run(@Body() input: RunRemindersInput): Promise<ReminderRunView> {
    return this.job.run(this.timeTravel.requested(input.asOf));
  }
}
