import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@sms/auth';
import { ReadinessRegistry } from './readiness.registry';

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessRegistry) {}

  @Get('live')
  @ApiOkResponse({ description: 'The process is up' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get()
  @ApiOkResponse({ description: 'PostgreSQL and Kafka answer' })
  @ApiServiceUnavailableResponse({ description: 'A dependency does not answer' })
  health(@Res({ passthrough: true }) res: Response) {
    return this.ready(res);
  }

  @Get('ready')
  @ApiOkResponse({ description: 'PostgreSQL and Kafka answer' })
  @ApiServiceUnavailableResponse({ description: 'A dependency does not answer' })
  async ready(@Res({ passthrough: true }) res: Response) {
    const result = await this.readiness.run(2000);
    res.status(result.ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: result.ready ? 'ready' : 'not_ready', checks: result.checks };
  }
}
