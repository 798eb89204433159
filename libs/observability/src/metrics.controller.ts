import { Controller, Get, Header, Inject, Req, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import type { Request } from 'express';
import { Public } from '@sms/auth';
import { OpsAccess } from './ops-access';

@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(Registry) private readonly registry: Registry,
    @Inject(OpsAccess) private readonly ops: OpsAccess,
  ) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  metrics(@Req() req: Request): Promise<string> {
    if (!this.ops.allows(req)) {
      throw new UnauthorizedException('This endpoint needs the operations token');
    }
    return this.registry.metrics();
  }
}
