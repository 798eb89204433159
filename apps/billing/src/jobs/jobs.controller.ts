import { BadRequestException, Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiAuth, Roles } from '@sms/auth';
import { CLOCK, type Clock, TimeTravel } from '@sms/runtime';
import { JobResultResponse } from './job-result-response.dto';
import { JOB_NAMES, JobName, JobRunner } from './job-runner';
import { RunJobDto } from './run-job.dto';

@ApiTags('operations')
@ApiAuth()
@Controller('jobs')
export class JobsController {
  constructor(
    private readonly runner: JobRunner,
    private readonly timeTravel: TimeTravel,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post(':job/run')
  @HttpCode(200)
  @Roles('operator')
  @ApiParam({ name: 'job', enum: JOB_NAMES })
  @ApiOperation({ summary: 'Run a scheduled job now (operators), optionally as of a given moment' })
  @ApiOkResponse({ type: JobResultResponse })
  run(@Param('job') job: string, @Body() dto: RunJobDto): Promise<JobResultResponse> {
    if (!(JOB_NAMES as readonly string[]).includes(job)) {
      throw new BadRequestException(`Unknown job ${job}; one of ${JOB_NAMES.join(', ')}`);
    }
    return this.runner.runOrRefuse(job as JobName, this.timeTravel.requested(dto.asOf) ?? this.clock.now());
  }
}
