import { Controller, Get, HttpStatus, Inject, Req, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '@sms/auth';
import { CheckResultResponse, LivenessResponse, ReadinessResponse } from './health-response.dto';
import { OpsAccess } from './ops-access';
import { type CheckResult, ReadinessRegistry } from './readiness.registry';

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(ReadinessRegistry) private readonly readiness: ReadinessRegistry,
    @Inject(OpsAccess) private readonly ops: OpsAccess,
  ) {}

  @Get('live')
  @ApiOkResponse({ type: LivenessResponse, description: 'The process is up' })
  live(): LivenessResponse {
    return { status: 'ok' };
  }

  @Get()
  @ApiExtraModels(CheckResultResponse)
  @ApiOkResponse({ type: ReadinessResponse, description: 'PostgreSQL and Kafka answer' })
  @ApiServiceUnavailableResponse({ type: ReadinessResponse, description: 'A dependency does not answer' })
  health(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.ready(req, res);
  }

  @Get('ready')
  @ApiExtraModels(CheckResultResponse)
  @ApiOkResponse({ type: ReadinessResponse, description: 'PostgreSQL and Kafka answer' })
  @ApiServiceUnavailableResponse({ type: ReadinessResponse, description: 'A dependency does not answer' })
  async ready(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<ReadinessResponse> {
    const result = await this.readiness.run(2000);
    res.status(result.ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    // Error text names hosts, users and versions: only a bearer of the operations token (OPS_TOKEN)
    // sees it; everyone else gets a generic reason, and the detail is in the log and metrics.
    const detailed = this.ops.tokenRequired && this.ops.allows(req);
    const checks = detailed ? result.checks : withoutDetail(result.checks);
    return { status: result.ready ? 'ready' : 'not_ready', checks };
  }
}

function withoutDetail(checks: Record<string, CheckResult>): Record<string, CheckResult> {
  return Object.fromEntries(
    Object.entries(checks).map(([name, check]) => [
      name,
      check.ok ? check : { ok: false, error: 'unavailable' },
    ]),
  );
}
